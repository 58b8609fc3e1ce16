import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogEntry, firstSentence, parseCatalog } from '../../src/ui/catalog/catalog-entry.ts';
import { SECTIONS } from '../../src/ui/catalog/sections.ts';

describe('the catalog', () => {
  const files = Object.fromEntries(
    readdirSync('scenarios')
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => [`/scenarios/${f}`, readFileSync(`scenarios/${f}`, 'utf8')]),
  );
  const entries = parseCatalog(files);

  it('loads every scenario in scenarios/ with a title and a lesson section', () => {
    expect(entries.length).toBe(Object.keys(files).length);
    for (const e of entries) {
      expect(e.errors, e.file).toEqual([]);
      expect(e.title.length).toBeGreaterThan(0);
    }
  });

  it('groups under the concept card sections, in the card order', () => {
    expect(SECTIONS.map((s) => s.number)).toEqual(['01', '02', '03', '04', '05', '06', '07']);
    expect(SECTIONS[0]).toMatchObject({ id: 'why-it-matters', title: 'Why this matters' });
    for (const e of entries) if (e.teaches) expect(SECTIONS.map((s) => s.id)).toContain(e.teaches);
  });

  it('keeps a scenario that does not load, with the loader messages', () => {
    const e = catalogEntry('broken.yaml', 'name: broken\n');
    expect(e.scenario).toBeNull();
    expect(e.errors[0]).toMatch(/^broken\.yaml:\d+:\d+: /);
  });
});

describe('firstSentence', () => {
  it('takes the description up to its first full stop, on one line', () => {
    expect(firstSentence('The pattern the big\nplatforms automate. v2 gets 5%.')).toBe('The pattern the big platforms automate.');
    expect(firstSentence('No stop at all')).toBe('No stop at all');
    expect(firstSentence('Kubernetes replaces 25% at a time (maxSurge 25%): new ones start. Then more.')).toBe(
      'Kubernetes replaces 25% at a time (maxSurge 25%): new ones start.',
    );
  });
});
