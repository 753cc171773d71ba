import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { BinanceReject } from './errors';
import {
  CancelParamsSchema,
  fastParserOf,
  NewOrderParamsSchema,
  OrderRefParamsSchema,
  parseParams,
  parseWithZod,
  readParams,
  SignedParamsSchema,
  type RawParams,
} from './params';

/** Values near every pattern's edges: valid ones, empty, too long, wrong case, unsafe integers. */
const value = fc.oneof(
  fc.constantFrom('', '0', '1', '20000', '0.001', '1.', '.5', '-1', '9007199254740991', '9007199254740993', '12345678901234567890', '123456678901234567890', 'BTCUSDT', 'btcusdt'),
  fc.constantFrom('BUY', 'SELL', 'buy', 'LIMIT', 'LIMIT_MAKER', 'MARKET', 'GTC', 'IOC', 'FOK', 'ACK', 'RESULT', 'FULL', 'NONE', 'EXPIRE_MAKER', 'EXPIRE_BOTH', 'EXPIRE_TAKER'),
  fc.constantFrom('a'.repeat(64), 'A'.repeat(64), 'g'.repeat(64), 'a'.repeat(63), 'x-1', 'id:1/2.3_4', 'a'.repeat(36), 'a'.repeat(37), '1e5', ' 1', '１'),
  fc.stringMatching(/^[0-9.]{0,24}$/),
  fc.string({ maxLength: 40 }),
);
const names = ['timestamp', 'recvWindow', 'signature', 'symbol', 'side', 'type', 'timeInForce', 'quantity', 'quoteOrderQty', 'price', 'newClientOrderId', 'newOrderRespType', 'selfTradePreventionMode', 'orderId', 'origClientOrderId', 'other'];
const raw = fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 12 }) as fc.Arbitrary<RawParams>;

const outcome = (parse: () => unknown): unknown => {
  try {
    return { ok: parse() };
  } catch (error: unknown) {
    if (error instanceof BinanceReject) return { code: error.code, msg: error.msg, status: error.status };
    throw error;
  }
};

describe('fast parameter parsers', () => {
  const schemas = { SignedParamsSchema, NewOrderParamsSchema, OrderRefParamsSchema, CancelParamsSchema };
  for (const [label, schema] of Object.entries(schemas)) {
    test.prop([raw], { numRuns: 3000 })(`${label}: the same output and the same error as zod`, (params) => {
      expect(fastParserOf(schema)).toBeDefined();
      const fast = outcome(() => parseParams(schema, params));
      const zod = outcome(() => parseWithZod(schema, params));
      expect(fast).toStrictEqual(zod);
    });
  }

  test.prop([fc.array(fc.tuple(fc.constantFrom('a', 'b', 'symbol', 'x='), fc.constantFrom('', '1', 'v=w')), { maxLength: 6 }), fc.constantFrom('', '&', '&&')])(
    'readParams splits plain text as URLSearchParams does',
    (pairs, joiner) => {
      const source = pairs.map(([name, v]) => `${name}=${v}`).join(joiner === '' ? '&' : joiner);
      const viaSearchParams = (): Record<string, string> => {
        const seen = new Set<string>();
        const out: Record<string, string> = {};
        for (const [name, v] of new URLSearchParams(source)) {
          if (seen.has(name)) throw new BinanceReject(400, -1101, 'Duplicate values for a parameter detected.');
          seen.add(name);
          out[name] = v;
        }
        return out;
      };
      expect(outcome(() => ({ ...readParams(source, '') }))).toStrictEqual(outcome(viaSearchParams));
    },
  );
});

describe('the -1100 message', () => {
  test('quotes the legal range as Binance does: the bare pattern, without a RegExp literal\'s slashes', () => {
    expect(() => parseWithZod(OrderRefParamsSchema, { symbol: 'btcusdt' })).toThrow(new BinanceReject(400, -1100, "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'."));
  });
});
