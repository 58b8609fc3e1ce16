// One catalog scenario as the home page shows it: its text (what the worker runs), and the
// metadata of its lesson card. Pure, so it is tested in Node without Vite.
import { formatScenarioError, loadScenario } from '../../scenario/load.ts';
import type { Scenario } from '../../scenario/schema.ts';

export interface CatalogEntry {
  /** The scenario's `name` (the file's base name when it does not load). */
  name: string;
  /** File name, e.g. canary-in-detail.yaml. */
  file: string;
  text: string;
  /** The validated scenario, or null with `errors` when it does not load. */
  scenario: Scenario | null;
  errors: string[];
  title: string;
  description: string;
  teaches: Scenario['teaches'] | null;
}

/** Builds entries from `{ '/scenarios/x.yaml': text }`, sorted by file name. */
export function parseCatalog(files: Readonly<Record<string, string>>): CatalogEntry[] {
  return Object.keys(files)
    .sort()
    .map((path) => catalogEntry(path.split('/').pop() ?? path, files[path]));
}

export function catalogEntry(file: string, text: string): CatalogEntry {
  const loaded = loadScenario(text, { file });
  const base = file.replace(/\.(ya?ml|json)$/, '');
  if (!loaded.ok) {
    return { name: base, file, text, scenario: null, errors: loaded.errors.map(formatScenarioError), title: base, description: '', teaches: null };
  }
  const s = loaded.scenario;
  return { name: s.name, file, text, scenario: s, errors: [], title: s.title, description: (s.description ?? '').trim(), teaches: s.teaches ?? null };
}

/** The first sentence of a description: the card's one-line promise. */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  return (m ? m[1] : text).replace(/\s+/g, ' ').trim();
}
