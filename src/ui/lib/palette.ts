// Colours for versions and states: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
// Design"), safe for the common colour-vision deficiencies. Colour is never the only cue:
// every view also labels versions by name and states by shape or pattern.

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/**
 * Versions in the order a run lists them (stable first): blue for the old, bluish green for
 * the new — the concept card's blue and green — then orange and purple for any others.
 */
const VERSION_COLOURS = [OKABE_ITO.blue, OKABE_ITO.bluishGreen, OKABE_ITO.orange, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.black];

export function versionColour(index: number): string {
  return VERSION_COLOURS[((index % VERSION_COLOURS.length) + VERSION_COLOURS.length) % VERSION_COLOURS.length];
}

/** Errors, failed checks and rollbacks. */
export const ERROR_COLOUR = OKABE_ITO.vermillion;
/** Passed checks. */
export const PASS_COLOUR = OKABE_ITO.bluishGreen;
/** Inconclusive checks. */
export const INCONCLUSIVE_COLOUR = OKABE_ITO.orange;
/** The playhead cursor. */
export const CURSOR_COLOUR = OKABE_ITO.black;
