// The concept card's sections, in its order: the home page groups lessons under these.
import { CARD_SECTIONS } from '../../scenario/schema.ts';

export type SectionId = (typeof CARD_SECTIONS)[number];

export interface Section {
  id: SectionId;
  /** The card's numbering, "01" … "07". */
  number: string;
  title: string;
  /** One line on what the section is about. */
  blurb: string;
}

const TEXT: Record<SectionId, { title: string; blurb: string }> = {
  'why-it-matters': { title: 'Why this matters', blurb: 'The naive deploy stops the old version and starts the new: downtime, and a rollback slower than the deploy.' },
  'four-strategies': { title: 'The four strategies', blurb: 'Recreate, rolling, blue-green and canary trade downtime, rollback speed and extra machines.' },
  'blue-green': { title: 'Blue-green in detail', blurb: 'Two full environments behind a router; switch all traffic at once, and switch back just as fast.' },
  canary: { title: 'Canary in detail', blurb: 'A small slice of traffic first, metrics watched, then a ladder of bigger slices.' },
  'automated-analysis': { title: 'Automated canary analysis', blurb: 'The platform compares canary with baseline every interval, and promotes or reverts on its own.' },
  compatibility: { title: 'Compatibility constraints', blurb: 'Old and new run side by side, so schema, API and message formats must work for both.' },
  'real-world': { title: 'Real-world problems', blurb: 'How feeds, checkout and payment systems choose among the strategies.' },
};

export const SECTIONS: readonly Section[] = CARD_SECTIONS.map((id, i) => ({ id, number: String(i + 1).padStart(2, '0'), ...TEXT[id] }));
