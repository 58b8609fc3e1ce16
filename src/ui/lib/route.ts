// The lab's address: which page, from the URL's hash, so every lesson has a link and the
// browser's back button works on any static host. Pure.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

export type Route =
  | { page: 'home' }
  | { page: 'lesson'; name: string; seed?: number }
  | { page: 'custom'; text: string; seed?: number }
  | { page: 'compare'; name: string; seed?: number }
  /** Detection power of a catalog scenario's canary analysis. */
  | { page: 'power'; name: string; seed?: number }
  /** The architects' lab: a catalog scenario to edit (`name`), or a shared state (`state`, packed by lab-link.ts). */
  | { page: 'lab'; name: string }
  | { page: 'lab'; state: string }
  | { page: 'not-found'; hash: string };

/**
 * `#/lesson/canary-in-detail?seed=3` → { page: 'lesson', name, seed: 3 };
 * `#/compare/four-strategies-compared` → every strategy on that catalog scenario;
 * `#/power/automated-canary-analysis` → its analysis's detection power.
 */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  if (raw === '' || raw === '/') return { page: 'home' };
  const [path, query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  const seedText = params.get('seed');
  const seed = seedText !== null && /^\d+$/.test(seedText) ? Number(seedText) : undefined;
  const withSeed = <T extends object>(r: T): T & { seed?: number } => (seed === undefined ? r : { ...r, seed });
  const lesson = /^\/lesson\/([a-z0-9][a-z0-9-]*)$/.exec(path);
  if (lesson) return withSeed({ page: 'lesson' as const, name: lesson[1] });
  const compare = /^\/compare\/([a-z0-9][a-z0-9-]*)$/.exec(path);
  if (compare) return withSeed({ page: 'compare' as const, name: compare[1] });
  const power = /^\/power\/([a-z0-9][a-z0-9-]*)$/.exec(path);
  if (power) return withSeed({ page: 'power' as const, name: power[1] });
  const lab = /^\/lab\/(?:s\/(.+)|([a-z0-9][a-z0-9-]*))$/.exec(path);
  if (lab) return lab[1] !== undefined ? { page: 'lab', state: lab[1] } : { page: 'lab', name: lab[2] };
  const custom = /^\/custom\/(.+)$/.exec(path);
  if (custom) {
    const text = decompressFromEncodedURIComponent(custom[1]);
    if (text) return withSeed({ page: 'custom' as const, text });
  }
  return { page: 'not-found', hash };
}

/** The hash for a route (the inverse of {@link parseRoute}). */
export function routeHash(route: Route): string {
  const q = 'seed' in route && route.seed !== undefined ? `?seed=${route.seed}` : '';
  switch (route.page) {
    case 'home':
      return '#/';
    case 'lesson':
      return `#/lesson/${route.name}${q}`;
    case 'compare':
      return `#/compare/${route.name}${q}`;
    case 'power':
      return `#/power/${route.name}${q}`;
    case 'lab':
      return 'state' in route ? `#/lab/s/${route.state}` : `#/lab/${route.name}`;
    case 'custom':
      return `#/custom/${compressToEncodedURIComponent(route.text)}${q}`;
    default:
      return route.hash;
  }
}
