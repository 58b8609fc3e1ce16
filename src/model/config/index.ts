// The model's sections of a scenario, each a zod schema (units, defaults, documentation).
export * from './units.ts';
export * from './fleet.ts';
export * from './release.ts';
export * from './traffic.ts';
export * from './router.ts';
export * from './metrics.ts';
