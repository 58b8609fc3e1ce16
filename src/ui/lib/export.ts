// Saving what the lab shows: a chart as a standalone SVG or PNG file, a run's timeline as CSV,
// and the results as exactly the JSON `rollout-lab run|compare --format json` prints (the same
// builder and the same stringify, so the bytes match). The text builders are pure and tested in
// Node; the file and image helpers need a browser and touch the DOM only when called.
import type { CompareResult } from '../../scenario/compare.ts';
import { compareReport } from '../../scenario/compare-report.ts';
import { jsonText } from '../../scenario/json-text.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { ownLabel } from '../../scenario/strategy-variants.ts';
import { csvText, type CsvField } from './csv.ts';
import { embeddedFontCss } from './embed-fonts.ts';
import type { RunResult } from './run-types.ts';

/** One file a person can save: what the button says, what it says to screen readers, the file. */
export interface Download {
  /** Visible words: "PNG", "CSV of the timeline". */
  label: string;
  /** The accessible name: "Download the traffic mix chart as PNG". */
  description: string;
  filename: string;
  blob(): Blob | Promise<Blob>;
}

/** The per-version series of the timeline, in the CSV's column order. */
export const TIMELINE_SERIES = ['trafficShare', 'instances', 'readyInstances', 'errorRate', 'p99Ms'] as const;

/**
 * The timeline as CSV: one row per sample; `t` (seconds), then for each version (in the run's
 * order) `<version>.trafficShare`, `.instances`, `.readyInstances`, `.errorRate` (fraction
 * 0–1) and `.p99Ms` (milliseconds).
 */
export function timelineCsv(result: RunResult): string {
  const { t, versions } = result.timeline;
  const names = Object.keys(versions);
  const header: CsvField[] = ['t', ...names.flatMap((v) => TIMELINE_SERIES.map((s) => `${v}.${s}`))];
  const rows = t.map((time, i) => [time, ...names.flatMap((v) => TIMELINE_SERIES.map((s) => versions[v][s][i]))]);
  return csvText([header, ...rows]);
}

/** What `rollout-lab run --format json` prints for this run. */
export function resultsJson(result: RunResult): string {
  return jsonText(result);
}

/**
 * What `rollout-lab compare --format json` prints: the comparison and which run the scenario's
 * expectations were checked on (its own strategy), found from the scenario as the CLI does.
 */
export function comparisonJson(comparison: CompareResult, scenario: Scenario): string {
  return jsonText(compareReport(comparison, ownLabel(scenario, comparison.runs.map((r) => r.label))));
}

/** A file name from its parts: "four-strategies-compared", "seed 21", "cost-risk" → "four-strategies-compared-seed-21-cost-risk". */
export function fileName(...parts: (string | number)[]): string {
  return parts
    .map((p) => String(p).trim().replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((p) => p !== '')
    .join('-');
}

// Presentation properties a chart's CSS may set, copied onto each element so the file draws
// the same without the page's stylesheet (custom properties such as var(--muted) resolve here).
const INHERITED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;
const NOT_INHERITED: Record<string, string> = { opacity: '1' };

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The chart as a standalone SVG document: computed styles inlined (an inherited property where
 * it differs from the parent's, so the file stays small), hidden parts left out, its size as
 * width, height and viewBox, the namespace declared, a white background, and its accessible
 * name as a <title> when it has none. `css` is added as a <style> (fonts to embed, say).
 */
export function svgMarkup(svg: SVGSVGElement, css = ''): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  const hidden: Element[] = [];
  originals.forEach((el, i) => {
    const copy = copies[i];
    const style = getComputedStyle(el);
    if (style.display === 'none') {
      hidden.push(copy);
      return;
    }
    const parent = el === svg ? null : getComputedStyle(el.parentElement ?? svg);
    const decls: string[] = [];
    for (const prop of INHERITED) {
      const value = style.getPropertyValue(prop);
      if (parent === null || value !== parent.getPropertyValue(prop)) decls.push(`${prop}:${localUrl(value)}`);
    }
    for (const [prop, initial] of Object.entries(NOT_INHERITED)) {
      const value = style.getPropertyValue(prop);
      if (value !== initial) decls.push(`${prop}:${value}`);
    }
    if (decls.length > 0) copy.setAttribute('style', decls.join(';'));
    else copy.removeAttribute('style');
    // The component framework's scoping classes mean nothing outside the page.
    const classes = (copy.getAttribute('class') ?? '').split(/\s+/).filter((c) => c !== '' && !c.startsWith('svelte-'));
    if (classes.length > 0) copy.setAttribute('class', classes.join(' '));
    else copy.removeAttribute('class');
  });
  for (const el of hidden) el.remove();
  const comments = document.createTreeWalker(clone, NodeFilter.SHOW_COMMENT);
  const marks: Node[] = [];
  while (comments.nextNode()) marks.push(comments.currentNode);
  for (const c of marks) c.parentNode?.removeChild(c);

  const { width, height } = svgSize(svg);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.hasAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const name = svg.getAttribute('aria-label');
  if (name && !clone.querySelector(':scope > title')) {
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = name;
    clone.insertBefore(title, clone.firstChild);
  }
  // After the title and description (which come first, for screen readers), before the drawing.
  let first = clone.firstElementChild;
  while (first && (first.localName === 'title' || first.localName === 'desc')) first = first.nextElementSibling;
  if (css) {
    const style = document.createElementNS(SVG_NS, 'style');
    style.textContent = css;
    clone.insertBefore(style, first);
  }
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  clone.insertBefore(background, first);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

/** A reference to an element of the page (`url("http://…/#hatch-1")`) as one inside the file (`url(#hatch-1)`). */
function localUrl(value: string): string {
  return value.replace(/url\((["']?)[^)"'#]*#([^)"']+)\1\)/g, 'url(#$2)');
}

/** The chart's drawn size, CSS pixels. */
function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  return { width: Math.round(box.width) || svg.width.baseVal.value, height: Math.round(box.height) || svg.height.baseVal.value };
}

/**
 * The chart as a PNG image, `scale` pixels per CSS pixel (default 2, sharp on slides and
 * high-density screens), drawn in the page's own fonts.
 */
export async function svgToPngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(new Blob([svgMarkup(svg, await embeddedFontCss())], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw images');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the image could not be encoded'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves the blob under `filename` the way a link with `download` does. */
export function download(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not now: the browser may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The PNG and SVG downloads of a chart. `container` gives the element the chart draws its <svg>
 * in, when asked; `what` names the chart in the buttons' labels ("the traffic mix chart");
 * `base` is the file name without extension.
 */
export function chartDownloads(container: () => Element | null | undefined, what: string, base: string): Download[] {
  const svgOf = (): SVGSVGElement => {
    // The chart, not an icon beside it: charts carry a name, decorative icons are aria-hidden.
    const svg = container()?.querySelector<SVGSVGElement>('svg:not([aria-hidden="true"])');
    if (!svg) throw new Error(`${what} is not on the page`);
    return svg;
  };
  return [
    { label: 'PNG', description: `Download ${what} as PNG`, filename: `${base}.png`, blob: () => svgToPngBlob(svgOf()) },
    { label: 'SVG', description: `Download ${what} as SVG`, filename: `${base}.svg`, blob: () => new Blob([svgMarkup(svgOf())], { type: 'image/svg+xml' }) },
  ];
}

/** The run's timeline (CSV) and results (JSON), named after the scenario, strategy and seed. */
export function runDownloads(result: RunResult & { label?: string }): Download[] {
  const base = fileName(result.scenario, result.label ?? result.strategy, `seed-${result.seed}`);
  return [
    { label: 'CSV of the timeline', description: 'Download the CSV of the timeline', filename: `${base}-timeline.csv`, blob: () => new Blob([timelineCsv(result)], { type: 'text/csv' }) },
    { label: 'JSON of the results', description: 'Download the JSON of the results', filename: `${base}-results.json`, blob: () => new Blob([resultsJson(result)], { type: 'application/json' }) },
  ];
}
