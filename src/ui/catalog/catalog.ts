// The catalog: every scenario in /scenarios, bundled as text at build time (files added
// later are picked up on the next build), validated with the same loader as the CLI.
import type { Scenario } from '../../scenario/schema.ts';
import { parseCatalog, type CatalogEntry } from './catalog-entry.ts';

const files = import.meta.glob('/scenarios/*.{yaml,yml,json}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Every catalog scenario, in file-name order. */
export const CATALOG: readonly CatalogEntry[] = parseCatalog(files);

export function findLesson(name: string): CatalogEntry | undefined {
  return CATALOG.find((e) => e.name === name);
}

export type { CatalogEntry, Scenario };
