/**
 * Plain data made read-only all the way down: what many readers share (a model's views, a
 * process's parsed defaults and markets) must not be changed by one of them. `keepOpen` names
 * objects left as they are, with what they hold (a Secret keeps its value private, not frozen).
 */
export function deepFreeze<T>(value: T, keepOpen: (object: object) => boolean = () => false): T {
  if (value !== null && typeof value === 'object' && !keepOpen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner, keepOpen);
    Object.freeze(value);
  }
  return value;
}
