// The lab's shareable state: the scenario text (which holds the seed) and the view, packed
// into the address with lz-string, so a copied link reproduces the exact run. A link that was
// cut short or edited by hand decodes to a message that says so, never to a broken page. Pure.
// The default import: lz-string is CommonJS, and Node's ESM loader (the browser tests import this file) has no named exports for it.
import LZString from 'lz-string';

const { compressToEncodedURIComponent, decompressFromEncodedURIComponent } = LZString;

export const LAB_VIEWS = ['run', 'compare', 'power'] as const;
export type LabView = (typeof LAB_VIEWS)[number];

export interface LabState {
  /** The scenario's YAML, exactly as the lab runs it. */
  text: string;
  view: LabView;
  /** The catalog scenario it started from, for the title and the file name. */
  from?: string;
}

/** Bumped when the packed shape changes; older links keep decoding as long as we can read them. */
const LINK_VERSION = 1;

/** Longest scenario text a link may carry; the loader's own limit is far above any real scenario. */
const MAX_LINK_TEXT = 1_000_000;

export function encodeLabState(state: LabState): string {
  const packed: Record<string, unknown> = { v: LINK_VERSION, view: state.view, text: state.text };
  if (state.from) packed.from = state.from;
  return compressToEncodedURIComponent(JSON.stringify(packed));
}

export type DecodedLab = { ok: true; state: LabState } | { ok: false; error: string };

const DAMAGED = 'This link is damaged: the scenario it carries cannot be read. It may have been cut short when it was copied or changed by hand.';

export function decodeLabState(encoded: string): DecodedLab {
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(encoded);
  } catch {
    json = null;
  }
  if (!json || json.length > MAX_LINK_TEXT * 2) return { ok: false, error: DAMAGED };
  let packed: unknown;
  try {
    packed = JSON.parse(json);
  } catch {
    return { ok: false, error: DAMAGED };
  }
  if (typeof packed !== 'object' || packed === null || Array.isArray(packed)) return { ok: false, error: DAMAGED };
  const p = packed as Record<string, unknown>;
  if (typeof p.v === 'number' && p.v > LINK_VERSION) return { ok: false, error: 'This link was made by a newer version of Rollout Lab than this one; open it where it was made.' };
  if (p.v !== LINK_VERSION || typeof p.text !== 'string' || p.text.length > MAX_LINK_TEXT) return { ok: false, error: DAMAGED };
  const view = LAB_VIEWS.includes(p.view as LabView) ? (p.view as LabView) : 'run';
  const from = typeof p.from === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(p.from) ? p.from : undefined;
  return { ok: true, state: { text: p.text, view, ...(from ? { from } : {}) } };
}
