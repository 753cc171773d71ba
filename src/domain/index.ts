export * from './decimal';
export * from './market';
export * from './order';
export * from './balance';
export * from './ids';
export * from './errors';
