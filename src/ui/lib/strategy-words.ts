// Strategy kinds as the lab writes them.
const WORDS: Record<string, string> = { recreate: 'Recreate', rolling: 'Rolling update', 'blue-green': 'Blue-green', canary: 'Canary', none: 'No deploy' };

/** "blue-green" → "Blue-green". */
export function strategyWords(kind: string): string {
  return WORDS[kind] ?? kind;
}
