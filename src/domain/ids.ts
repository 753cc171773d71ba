import type { RandomStream } from '../clock/random';

/** A client order id from a seeded stream: same seed, same ids, on every replay. */
export function newClientOrderId(random: RandomStream, prefix = 'tp'): string {
  return `${prefix}-${random.token(20)}`;
}
