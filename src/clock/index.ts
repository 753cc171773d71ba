export type { Clock } from './clock';
export { VirtualClock, VIRTUAL_EPOCH_MS, yieldToEventLoop } from './virtual-clock';
export { SystemClock } from './system-clock';
export { RandomSource, RandomStream } from './random';
