// Gives the ESM bundle that bench/run.mjs builds a `require`, which the yaml package's Node
// build calls for `process`. Imported first by bench/cases/ui.ts; as a case of its own it
// reports nothing.
import { createRequire } from 'node:module';

const g = globalThis as { require?: NodeJS.Require };
g.require ??= createRequire(import.meta.url);
