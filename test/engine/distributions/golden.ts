// A fingerprint of a long run of integer draws, for golden tests that see every path.
//
// The first five draws of a rejection sampler mostly take its quick-accept path; a change
// to a rarely used step (or to its constants) shows only further on, and too faintly for
// a statistical test to notice. Pinning a hash of 10,000 draws catches any such change.

/** FNV-1a over the draws, as an unsigned 32-bit number; draws must be integers. */
export function fingerprint(n: number, draw: () => number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    const k = draw();
    if (!Number.isInteger(k)) throw new Error(`fingerprint: draw ${k} is not an integer`);
    // Fold in the low and high 32 bits, so counts up to 2⁵³ all count.
    h = Math.imul(h ^ (k >>> 0), 0x01000193);
    h = Math.imul(h ^ Math.floor(k / 2 ** 32), 0x01000193);
  }
  return h >>> 0;
}
