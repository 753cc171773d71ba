import fc from 'fast-check';
import { InvariantViolationError, TradepropError } from '../../src/domain/errors';
import type { Side } from '../../src/domain/order';
import type { RequestMatcher } from '../../src/venue/nemesis';
import type { TradingModel } from '../../models/trading-model';
import type { TradingWorld } from '../world';
import { absorbVenueEvents } from './absorb-venue-events';
import { marketChoiceArbitrary, marketOf, type MarketChoice } from '../markets/market-choice';
import { priceDrawArbitrary, resolvePrice, type PriceDraw } from '../markets/price-draw';
import { isOpen, pickOrder } from './pick-order';
import { TradingCommand, describeFailure } from './trading-command';

type TamperedOperation = 'place' | 'cancel' | 'fetchOrder' | 'fetchBalances';

const ROUTE: Readonly<Record<TamperedOperation, RequestMatcher & { method: string; path: string }>> = {
  place: { method: 'POST', path: '/api/v3/order' },
  cancel: { method: 'DELETE', path: '/api/v3/order' },
  fetchOrder: { method: 'GET', path: '/api/v3/order' },
  fetchBalances: { method: 'GET', path: '/api/v3/account' },
};

/** The placement to tamper with: drawn apart from the run's markets, resolved against them. */
interface PlaceSpec {
  market: MarketChoice;
  side: Side;
  price: PriceDraw;
}

/**
 * S2: one signed request is altered in transit (the nemesis's `tamper`: a parameter the client
 * signed changes, the signature does not). The venue refuses it (-1022) and applies nothing; the
 * adapter must surface AUTHENTICATION_FAILED, a non-retryable error, after sending that request
 * exactly once: a retry would sign the same request again and could succeed where an attacker
 * sits, or hammer the venue with a failing key. The local view stays as it was (O1, L1 after the step).
 */
export class TamperedRequestCommand extends TradingCommand {
  private target = '';

  constructor(
    private readonly operation: TamperedOperation,
    private readonly param: string | undefined,
    private readonly index: number,
    private readonly order: PlaceSpec,
  ) {
    super();
  }

  // A balance read always; a cancel needs an open order, a fetch any order of ours.
  check(model: Readonly<TradingModel>): boolean {
    if (this.operation === 'cancel') return pickOrder(model, this.index, isOpen) !== undefined;
    if (this.operation === 'fetchOrder') return pickOrder(model, this.index, () => true) !== undefined;
    return true;
  }

  protected async apply(model: TradingModel, world: TradingWorld): Promise<void> {
    const route = ROUTE[this.operation];
    const faultId = world.venue.nemesis.schedule({ kind: 'tamper', param: this.param }, { matching: route });
    const outcome = await world.drive(this.call(model, world)).then(
      (): { ok: true; error?: undefined } => ({ ok: true }),
      (error: unknown): { ok: false; error: unknown } => ({ ok: false, error }),
    );
    world.venue.nemesis.unschedule(faultId);
    const events = world.takeNewEvents();
    absorbVenueEvents(model, world, (order) => {
      throw new InvariantViolationError('S2', `a tampered placement created venue order ${order.clientOrderId}`);
    }, events);
    const tampered = events.filter((event) => event.type === 'fault' && event.kind === 'tamper').length;
    if (tampered === 0) {
      // A placement refused locally (a filter) sends nothing to tamper with: a typed refusal is all it owes.
      if (outcome.error instanceof TradepropError && outcome.error.code === 'FILTER_VIOLATION') return;
      throw new InvariantViolationError('S2', `the tampered ${route.method} ${route.path} was never sent (${describeFailure(outcome.error)})`);
    }
    // The tampered request is the operation's first, and a refusal ends it: nothing may follow.
    const sent = events.flatMap((event) => (event.type === 'request' ? [`${event.method} ${event.path} ${event.status}`] : []));
    if (sent.length !== 1) throw new InvariantViolationError('S2', `the venue saw ${sent.length} requests for one tampered operation (${sent.join(', ')}): an authentication failure was not final`);
    const error = outcome.error;
    if (!(error instanceof TradepropError) || error.code !== 'AUTHENTICATION_FAILED' || error.retryable) {
      throw new InvariantViolationError('S2', `a tampered request (-1022) surfaced as ${outcome.ok ? 'success' : describeFailure(error)}, not a non-retryable AUTHENTICATION_FAILED`);
    }
    if (events.some((event) => event.type === 'order_canceled' || event.type === 'trade')) throw new InvariantViolationError('S2', 'the venue changed the account for a tampered request');
  }

  private async call(model: Readonly<TradingModel>, world: TradingWorld): Promise<unknown> {
    if (this.operation === 'fetchBalances') return world.adapter.fetchBalances();
    if (this.operation === 'place') {
      const market = marketOf(model.markets, this.order.market);
      const price = resolvePrice(market, this.order.side, this.order.price);
      const clientOrderId = world.nextClientOrderId();
      this.target = `${clientOrderId} ${market.symbol} ${this.order.side} ${market.lotSize.minQty} @ ${price}`;
      return world.adapter.place({ clientOrderId, symbol: market.symbol, side: this.order.side, type: 'limit', price, amount: market.lotSize.minQty });
    }
    const order = pickOrder(model, this.index, this.operation === 'cancel' ? isOpen : () => true);
    if (order === undefined) throw new RangeError(`${this.operation} ran without an order`);
    this.target = order.clientOrderId;
    return this.operation === 'cancel' ? world.adapter.cancel(order.symbol, order.clientOrderId) : world.adapter.fetchOrder(order.symbol, order.clientOrderId);
  }

  toString(): string {
    return `${this.operation}(${this.target}) tampered(${this.param ?? 'quantity or first'})`;
  }
}

export const tamperedRequestArbitrary: fc.Arbitrary<TamperedRequestCommand> = fc
  .record({
    operation: fc.constantFrom<TamperedOperation>('place', 'cancel', 'fetchOrder', 'fetchBalances'),
    param: fc.constantFrom(undefined, 'price', 'timestamp', 'symbol'),
    index: fc.nat(20),
    market: marketChoiceArbitrary,
    side: fc.constantFrom<Side>('buy', 'sell'),
    price: priceDrawArbitrary,
  })
  .map(({ operation, param, index, market, side, price }) => new TamperedRequestCommand(operation, param, index, { market, side, price }));
