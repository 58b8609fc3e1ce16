// The variants an architect weighs besides the four kinds: blue-green through a mesh and
// through DNS, a canary with a traffic router and one that only has replica counts to split
// by. Written into the scenario's `compare:` list, so the comparison is part of the YAML — the
// link and the downloaded file carry it, and `rollout-lab compare` runs the same six. Pure.
import { isMap, type Node } from 'yaml';
import type { Scenario } from '../../scenario/schema.ts';
import { YamlEdit } from './controls.ts';

/** Labels of the variants, as `rollout-lab compare --strategies` and the table name them. */
export const VARIANT_LABELS = ['recreate', 'rolling', 'blue-green-mesh', 'blue-green-dns', 'canary-with-router', 'canary-without-router'] as const;

/** The scenario text with a `compare:` list of the four kinds and their router variants. */
export function withVariants(text: string, scenario: Scenario): string {
  const edit = new YamlEdit(text);
  const doc = edit.change();
  if (!isMap(doc.contents)) return text;
  const own = scenario.strategy;
  const deployAt = own.kind === 'none' ? 60 : own.deployAt;
  /** The scenario's own strategy block as written (anchors, flow style and all), for its kind. */
  const ownNode = (): Node => (doc.getIn(['strategy'], true) as Node).clone() as Node;
  const strategyOf = (kind: string): unknown => (own.kind === kind ? ownNode() : doc.createNode({ kind, deployAt }, { flow: true }));
  const canary = (routed: boolean): unknown => {
    if (own.kind !== 'canary') return doc.createNode({ kind: 'canary', deployAt, trafficRouting: routed }, { flow: true });
    const node = ownNode();
    if (isMap(node)) node.set('trafficRouting', routed);
    return node;
  };
  const ttl = scenario.router.kind === 'dns' ? scenario.router.dns.ttl : 60;
  const entries = [
    { label: 'recreate', strategy: strategyOf('recreate') },
    { label: 'rolling', strategy: strategyOf('rolling') },
    { label: 'blue-green-mesh', strategy: strategyOf('blue-green'), router: doc.createNode({ kind: 'mesh' }, { flow: true }) },
    { label: 'blue-green-dns', strategy: strategyOf('blue-green'), router: doc.createNode({ kind: 'dns', dns: { ttl } }, { flow: true }) },
    { label: 'canary-with-router', strategy: canary(true) },
    { label: 'canary-without-router', strategy: canary(false) },
  ];
  doc.setIn(['compare'], doc.createNode(entries));
  return edit.result();
}

/** Whether the scenario's comparison already holds the variants. */
export function hasVariants(scenario: Scenario): boolean {
  const labels = new Set(scenario.compare.map((c) => c.label));
  return VARIANT_LABELS.every((l) => labels.has(l));
}
