import type { IpBanConfig } from './limits-config';

/**
 * How long the `banNumber`-th ban of one IP lasts (1 for its first). Binance: "IP bans are
 * tracked and scale in duration for repeat offenders, from 2 minutes to 3 days"; the steps are
 * not published, so each ban doubles the previous one until the cap: 2, 4, 8 ... 4096 minutes,
 * then 3 days (the 13th ban and every one after it). Bans are never forgotten within a venue.
 */
export function banDurationMs(banNumber: number, ban: IpBanConfig): number {
  const doublings = Math.max(0, banNumber - 1);
  // 2 ** doublings reaches Infinity for absurd counts; Math.min still caps it.
  return Math.min(ban.firstMs * 2 ** doublings, ban.maxMs);
}
