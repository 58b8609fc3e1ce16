// Vite builds the browser lab; Vitest runs the unit, property and golden tests.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Relative base so the built lab works from any static host or sub-folder.
  base: './',
  plugins: [svelte()],
  // LAB_OUT gives a second test run on the same checkout its own build (preview serves it too).
  build: { outDir: process.env.LAB_OUT ?? 'dist', target: 'es2022' },
  worker: { format: 'es' },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
