/**
 * Plain data made read-only all the way down: what many readers share (a model's views, a
 * process's parsed defaults and markets) must not be changed by one of them. A Secret inside is
 * frozen too, which leaves its #private value as it was: freezing touches own properties only.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
