import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { z } from 'zod';
import { ErrorSchema, NewOrderSchema, OrderAckSchema, OrderFullSchema, OrderResultSchema, SUCCESS_SCHEMAS } from './response-schemas';
import { runChecked, venueActions, type Exchange, type VenueWorld } from './venue-world';

/** The first problem zod finds, as a readable line for the failure report. */
function problem(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return issue === undefined ? 'invalid' : `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

function checkExchange({ route, request, response }: Exchange): void {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  const where = { route, status: response.status };
  expect({ ...where, json: body !== undefined }).toEqual({ ...where, json: true });
  expect({ ...where, contentType: response.headers['content-type'] }).toEqual({ ...where, contentType: 'application/json;charset=UTF-8' });
  if (response.status !== 200) {
    expect({ ...where, problem: problem(ErrorSchema, body) }).toEqual({ ...where, problem: null });
    return;
  }
  const schema = SUCCESS_SCHEMAS[route];
  expect({ ...where, known: schema !== undefined }).toEqual({ ...where, known: true });
  if (schema === undefined) return;
  expect({ ...where, problem: problem(schema, body) }).toEqual({ ...where, problem: null });
  if (route === 'POST /api/v3/order') {
    // The answer type must be the one asked for. Binance: "MARKET and LIMIT order types default
    // to FULL, all other orders default to ACK" (so LIMIT_MAKER answers ACK unless asked).
    const sent = new URLSearchParams(request.body);
    const type = sent.get('type');
    const asked = sent.get('newOrderRespType') ?? (type === 'LIMIT' || type === 'MARKET' ? 'FULL' : 'ACK');
    const expected = asked === 'ACK' ? OrderAckSchema : asked === 'RESULT' ? OrderResultSchema : OrderFullSchema;
    expect({ ...where, asked, problem: problem(expected, body) }).toEqual({ ...where, asked, problem: null });
    expect(problem(NewOrderSchema, body)).toBeNull();
  }
}

/** Checks only the newest exchange: each is checked once, right after it happened. */
function checkLatest(world: VenueWorld, step: number): void {
  const latest = world.exchanges.at(-1);
  if (step >= 0 && latest !== undefined && world.exchanges.length > (checked.get(world) ?? 0)) checkExchange(latest);
  checked.set(world, world.exchanges.length);
}
const checked = new WeakMap<VenueWorld, number>();

test.prop([venueActions], { seed: 4_501, numRuns: 40 })('every response parses with its schema', async (actions) => {
  await runChecked('venue-schemas', actions, (world, step) => {
    if (!checked.has(world)) checked.set(world, 0);
    checkLatest(world, step);
  });
});
