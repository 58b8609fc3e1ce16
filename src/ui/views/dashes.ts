// Line dash per version (the first solid): the metrics charts' second cue beside colour.
const DASHES = ['', '6 3', '2 2', '8 3 2 3'];

export function versionDash(index: number): string {
  return DASHES[index % DASHES.length];
}
