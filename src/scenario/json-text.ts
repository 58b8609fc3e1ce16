// Results as JSON text: two-space indent and a final newline. One function, so what
// `rollout-lab … --format json` prints and what the lab saves are the same bytes.

export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
