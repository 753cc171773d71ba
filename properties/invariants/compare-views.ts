import { DECIMAL_PATTERN, dec, tryDec } from '../../src/domain/decimal';
import type { Balances } from '../../src/domain/balance';
import type { OrderView } from '../../src/domain/order';

const ORDER_FIELDS = ['venueOrderId', 'symbol', 'side', 'status', 'price', 'amount', 'filled', 'remaining', 'averagePrice'] as const;
const DECIMAL_FIELDS: ReadonlySet<string> = new Set(['price', 'amount', 'filled', 'remaining', 'averagePrice']);

function sameValue(field: string, actual: string | undefined, expected: string | undefined): boolean {
  if (actual === undefined || expected === undefined) return actual === expected;
  if (!DECIMAL_FIELDS.has(field)) return actual === expected;
  // The same plain decimal text is the same value: no parsing for the common case.
  if (actual === expected) return DECIMAL_PATTERN.test(actual);
  const parsed = tryDec(actual);
  return parsed !== undefined && parsed.eq(dec(expected));
}

/** The first field where two views of one order differ, exactly (decimals by value). */
export function orderDifference(actual: OrderView, expected: OrderView): string | undefined {
  for (const field of ORDER_FIELDS) {
    if (!sameValue(field, actual[field], expected[field])) {
      return `order ${expected.clientOrderId} ${field}: adapter ${actual[field] ?? '(absent)'}, model ${expected[field] ?? '(absent)'}`;
    }
  }
  const actualFee = actual.fee;
  const expectedFee = expected.fee;
  if (actualFee === undefined || expectedFee === undefined) {
    if (actualFee !== expectedFee) return `order ${expected.clientOrderId} fee: adapter ${feeText(actualFee)}, model ${feeText(expectedFee)}`;
    return undefined;
  }
  if (actualFee.asset !== expectedFee.asset || !sameValue('amount', actualFee.amount, expectedFee.amount)) {
    return `order ${expected.clientOrderId} fee: adapter ${feeText(actualFee)}, model ${feeText(expectedFee)}`;
  }
  return undefined;
}

function feeText(fee: OrderView['fee']): string {
  return fee === undefined ? '(absent)' : `${fee.amount} ${fee.asset}`;
}

/**
 * The first difference between two sets of orders keyed by client order id. An expected order
 * that `mayBeForgotten` (ended, beyond the adapter's history: forgotten-orders.ts) may be absent.
 */
export function ordersDifference(actual: readonly OrderView[], expected: readonly OrderView[], mayBeForgotten: (order: OrderView) => boolean = () => false): string | undefined {
  const actualById = new Map(actual.map((order) => [order.clientOrderId, order]));
  for (const order of expected) {
    const found = actualById.get(order.clientOrderId);
    if (found === undefined && mayBeForgotten(order)) continue;
    if (found === undefined) return `order ${order.clientOrderId} is missing from the adapter's view`;
    const difference = orderDifference(found, order);
    if (difference !== undefined) return difference;
  }
  const expectedIds = new Set(expected.map((order) => order.clientOrderId));
  const extra = actual.find((order) => !expectedIds.has(order.clientOrderId));
  return extra === undefined ? undefined : `the adapter reports order ${extra.clientOrderId}, which the model does not know`;
}

/** The first asset where two ledgers differ (an absent asset holds zero). */
export function balancesDifference(actual: Balances, expected: Balances, actualName: string, expectedName: string): string | undefined {
  const assets = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
  for (const asset of assets) {
    for (const field of ['free', 'locked'] as const) {
      const actualText = actual[asset]?.[field] ?? '0';
      const expectedText = expected[asset]?.[field] ?? '0';
      if (actualText === expectedText && DECIMAL_PATTERN.test(actualText)) continue;
      const actualValue = tryDec(actualText);
      if (actualValue === undefined || !actualValue.eq(dec(expectedText))) {
        return `${asset} ${field}: ${actualName} ${actualText}, ${expectedName} ${expectedText}`;
      }
    }
  }
  return undefined;
}

/** Canonical short text of a ledger for step tables: "BTC 1/0.5 USDT 10/0" (free/locked). */
export function balancesText(balances: Balances): string {
  return Object.keys(balances)
    .sort()
    .filter((asset) => !(tryDec(balances[asset]?.free)?.isZero() === true && tryDec(balances[asset]?.locked)?.isZero() === true))
    .map((asset) => `${asset} ${balances[asset]?.free ?? '0'}/${balances[asset]?.locked ?? '0'}`)
    .join(' ');
}

export function ordersText(orders: readonly OrderView[]): string {
  return orders.map((order) => `${order.clientOrderId.slice(-4)}:${order.status} ${order.filled}/${order.amount}`).join(' ');
}
