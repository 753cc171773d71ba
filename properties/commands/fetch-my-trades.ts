import fc from 'fast-check';
import { dec, tryDec } from '../../src/domain/decimal';
import { InvariantViolationError } from '../../src/domain/errors';
import type { Trade } from '../../src/domain/order';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { describeMarketChoice, marketChoiceArbitrary, marketOf, type MarketChoice } from '../markets/market-choice';
import { absorbVenueEvents } from './absorb-venue-events';
import { TradingCommand, expectSuccessUnlessBreakerOpen } from './trading-command';

/**
 * Fetches the account's trades on one market: exactly the fills the model absorbed from the
 * venue, oldest first, each with its exact price, quantity, fee and role (O1, D2), named by the
 * client order id wherever the adapter knows the order; the local view is left as it was.
 */
export class FetchMyTradesCommand extends TradingCommand {
  /** The market the last run resolved the choice to, for the counterexample. */
  private symbol: string | undefined;

  constructor(private readonly marketChoice: MarketChoice) {
    super();
  }

  // Always: a read is valid at any time, with no trades too.
  check(): boolean {
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const { symbol } = marketOf(model.markets, this.marketChoice);
    this.symbol = symbol;
    const before = world.localViewText();
    const trades = await expectSuccessUnlessBreakerOpen(world, () => world.adapter.fetchMyTrades(symbol), 'O1', `fetchMyTrades ${symbol}`);
    if (trades === undefined) {
      absorbVenueEvents(model, world);
      return;
    }
    absorbVenueEvents(model, world);
    const expected = expectedTrades(model, symbol);
    if (trades.length !== expected.length) throw new InvariantViolationError('O1', `fetchMyTrades listed ${trades.length} trades, the venue made ${expected.length}`);
    expected.forEach((trade, index) => {
      const difference = tradeDifference(trades[index], trade);
      if (difference !== undefined) throw new InvariantViolationError('O1', `fetchMyTrades trade #${index + 1}: ${difference}`);
    });
    if (world.localViewText() !== before) throw new InvariantViolationError('O1', 'fetchMyTrades changed the local view');
  }

  toString(): string {
    return `fetchMyTrades(${this.symbol ?? describeMarketChoice(this.marketChoice)})`;
  }
}

/** The model's fills of every order on the market, as trades, ascending by trade id. */
function expectedTrades(model: TradingModel, symbol: string): Trade[] {
  const trades: Trade[] = [];
  for (const order of model.orders('truth')) {
    if (order.symbol !== symbol || order.venueOrderId === undefined) continue;
    const known = model.isKnownToAdapter(order.clientOrderId);
    for (const fill of model.fills(order.clientOrderId)) {
      trades.push({
        tradeId: fill.tradeId,
        venueOrderId: order.venueOrderId,
        ...(known ? { clientOrderId: order.clientOrderId } : {}),
        symbol,
        side: order.side,
        price: fill.price,
        amount: fill.quantity,
        fee: fill.commission,
        role: fill.role,
      });
    }
  }
  return trades.sort((a, b) => Number(BigInt(a.tradeId) - BigInt(b.tradeId)));
}

/** The first field where the adapter's trade differs from the model's (decimals by value). */
function tradeDifference(actual: Trade | undefined, expected: Trade): string | undefined {
  if (actual === undefined) return `trade ${expected.tradeId} is missing`;
  for (const field of ['tradeId', 'venueOrderId', 'clientOrderId', 'symbol', 'side', 'role'] as const) {
    if (actual[field] !== expected[field]) return `trade ${expected.tradeId} ${field}: adapter ${actual[field] ?? '(absent)'}, model ${expected[field] ?? '(absent)'}`;
  }
  const decimals: Array<[string, string, string]> = [
    ['price', actual.price, expected.price],
    ['amount', actual.amount, expected.amount],
    ['fee', actual.fee.amount, expected.fee.amount],
  ];
  for (const [field, got, want] of decimals) {
    if (tryDec(got)?.eq(dec(want)) !== true) return `trade ${expected.tradeId} ${field}: adapter ${got}, model ${want}`;
  }
  return actual.fee.asset === expected.fee.asset ? undefined : `trade ${expected.tradeId} fee asset: adapter ${actual.fee.asset}, model ${expected.fee.asset}`;
}

export const fetchMyTradesArbitrary: fc.Arbitrary<FetchMyTradesCommand> = marketChoiceArbitrary.map((market) => new FetchMyTradesCommand(market));
