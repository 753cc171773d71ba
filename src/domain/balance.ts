import { z } from 'zod';
import { DECIMAL_PATTERN } from './decimal';

const decimalString = z.string().regex(DECIMAL_PATTERN);

export const BalanceSchema = z.object({ free: decimalString, locked: decimalString });
export type Balance = z.infer<typeof BalanceSchema>;

/** Free and locked per asset. An asset that is absent holds zero. */
export const BalancesSchema = z.record(z.string(), BalanceSchema);
export type Balances = z.infer<typeof BalancesSchema>;
