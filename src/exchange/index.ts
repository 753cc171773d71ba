export * from './contract';
export { createAdapter, ReferenceAdapter } from './reference-adapter';
export { createBinanceClient, BINANCE_ORIGIN } from './binance-client';
export { mapCcxtError } from './error-mapping';
export { OrderTracker, orderStatusOf, type OrderFill, type VenueOrderState } from './order-tracker';
export { BalanceLedger, type LedgerOrder, type LedgerTrade } from './balance-ledger';
export { prepareOrder, roundOrder, assertWithinFilters, roundPrice, roundQuantity, type RoundedOrder } from './precision';
export { wrapAdapter, type AdapterOverrides } from './wrap-adapter';
