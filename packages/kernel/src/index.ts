export * from './result.ts';
export * from './id.ts';
export * from './money.ts';
export * from './clock.ts';
export * from './locale.ts';
export * from './errors.ts';
export * from './context.ts';
export * from './pii.ts';
