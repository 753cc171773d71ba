import { transitionKey } from '../../models/transition-coverage';
import { tradingCommandsWithClockJumps } from '../commands/fault-sets';
import { ledgersAgree } from '../invariants/ledger';
import { adapterOrdersEqualModel } from '../invariants/order-state';
import { skewCuredByResync } from '../invariants/resync-after-skew';
import type { TradingPropertyOptions } from '../trading-property';

/**
 * S3: while the venue's clock jumps ahead and behind by more than recvWindow, and back, every
 * -1021 is followed by a GET /api/v3/time before the next signed request, and every command
 * still succeeds with the model's answer (O1, L1): skew is cured by time sync, not by retrying.
 */
export const skewCuredByTimeSync: TradingPropertyOptions = {
  name: 'skew-cured-by-time-sync',
  checks: [skewCuredByResync, adapterOrdersEqualModel, ledgersAgree],
  commands: tradingCommandsWithClockJumps,
  maxCommands: 12,
  claims: [transitionKey('order', 'new', 'ACCEPT', 'open')],
};
