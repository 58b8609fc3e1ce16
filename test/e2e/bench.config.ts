// Playwright config for the browser benchmarks (`npm run bench:ui`): the main config's
// browser and server, but only *.bench.ts files, and motion allowed (the request particles
// are part of what a frame draws).
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  timeout: 120_000,
  reporter: 'list',
  // The build and preview run from the project root, not this folder.
  webServer: base.webServer && !Array.isArray(base.webServer) ? { ...base.webServer, cwd: root } : base.webServer,
  snapshotPathTemplate: base.snapshotPathTemplate,
  use: { ...base.use, contextOptions: { reducedMotion: 'no-preference' } },
});
