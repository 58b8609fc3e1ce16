// Strategy kinds as the lab writes them.
const WORDS: Record<string, string> = { recreate: 'Recreate', rolling: 'Rolling update', 'blue-green': 'Blue-green', canary: 'Canary', none: 'No deploy' };

/** "blue-green" → "Blue-green". */
export function strategyWords(kind: string): string {
  return WORDS[kind] ?? kind;
}

/** How a variant's label reads after its kind: `blue-green-dns` → "through DNS". */
const VARIANT_WORDS: Record<string, string> = { mesh: 'through a mesh', dns: 'through DNS', 'with-router': 'with a traffic router', 'without-router': 'without a traffic router' };

/**
 * A run of a comparison by name: "Canary" for a plain kind, "Blue-green through DNS" for a
 * variant labelled after its kind, "Canary — warm-production-baseline" for any other label.
 */
export function variantWords(label: string, kind: string): string {
  if (label === kind) return strategyWords(kind);
  const rest = label.startsWith(`${kind}-`) ? label.slice(kind.length + 1) : null;
  if (rest !== null && rest in VARIANT_WORDS) return `${strategyWords(kind)} ${VARIANT_WORDS[rest]}`;
  return `${strategyWords(kind)} — ${label}`;
}
