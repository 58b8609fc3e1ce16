// The variants button writes a compare: list that the loader takes and compare() runs: the four
// kinds, blue-green through a mesh and through DNS, a canary with and without a traffic router.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comparisonVariants } from '../../../src/scenario/compare.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import { hasVariants, VARIANT_LABELS, withVariants } from '../../../src/ui/lab/variants.ts';

describe('withVariants', () => {
  for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort()) {
    it(`${file}: the list loads and names the six variants`, () => {
      const text = readFileSync(`scenarios/${file}`, 'utf8');
      const before = loadScenario(text, { file });
      if (!before.ok) throw new Error('does not load');
      const after = loadScenario(withVariants(text, before.scenario), { file });
      if (!after.ok) throw new Error(after.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
      expect(hasVariants(after.scenario)).toBe(true);
      const variants = comparisonVariants(after.scenario);
      expect(variants.map((v) => v.label)).toEqual([...VARIANT_LABELS]);
      expect(variants.map((v) => v.strategy.kind)).toEqual(['recreate', 'rolling', 'blue-green', 'blue-green', 'canary', 'canary']);
      expect(variants[2].router?.kind).toBe('mesh');
      expect(variants[3].router?.kind).toBe('dns');
      const [routed, unrouted] = variants.slice(4).map((v) => v.strategy);
      if (routed.kind !== 'canary' || unrouted.kind !== 'canary') throw new Error('not canaries');
      expect([routed.trafficRouting, unrouted.trafficRouting]).toEqual([true, false]);
      // The scenario's own strategy stands in for its kind, so its settings are compared, not defaults.
      const own = before.scenario.strategy;
      if (own.kind === 'canary') expect({ ...routed, trafficRouting: own.trafficRouting }).toEqual(own);
      if (own.kind === 'rolling') expect(variants[1].strategy).toEqual(own);
      // Nothing else changed.
      expect({ ...after.scenario, compare: [] }).toEqual({ ...before.scenario, compare: [] });
    });
  }
});

describe('variantWords', () => {
  it('reads a variant after its kind, and any other label after a dash', async () => {
    const { variantWords } = await import('../../../src/ui/lib/strategy-words.ts');
    expect(variantWords('canary', 'canary')).toBe('Canary');
    expect(variantWords('blue-green-dns', 'blue-green')).toBe('Blue-green through DNS');
    expect(variantWords('blue-green-mesh', 'blue-green')).toBe('Blue-green through a mesh');
    expect(variantWords('canary-without-router', 'canary')).toBe('Canary without a traffic router');
    expect(variantWords('warm-production-baseline', 'canary')).toBe('Canary — warm-production-baseline');
  });
});
