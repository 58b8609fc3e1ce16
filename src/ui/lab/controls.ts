// The lab's controls: the handful of knobs an architect turns first, each tied to a field of
// the scenario's YAML. A control reads its value from the validated scenario (defaults filled
// in) and writes by editing the YAML document in place, so comments and layout survive and the
// text the lab shows, shares and downloads is always the one it ran. Pure: no DOM.
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document } from 'yaml';
import type { AnalysisMetric } from '../../analysis/schema.ts';
import type { Scenario } from '../../scenario/schema.ts';

export type ControlInput =
  | { kind: 'number'; min: number; max: number; step: number; unit: string }
  | { kind: 'select'; options: readonly { value: string; label: string }[] }
  | { kind: 'text' };

export interface Control {
  /** Stable within a scenario's shape: `fleet.replicas`, `strategy.steps[2].hold`. */
  id: string;
  group: ControlGroup;
  label: string;
  /** One sentence on what the knob changes, shown as its description. */
  help: string;
  input: ControlInput;
  /** The value in the control's own unit (minutes for holds, percent for error rates). */
  value: number | string;
  /** Writes a value (in the control's unit) into the YAML. */
  write(edit: YamlEdit, value: number | string): void;
}

export const CONTROL_GROUPS = ['Run', 'Fleet', 'Traffic', 'Regression', 'Router', 'Strategy', 'Analysis'] as const;
export type ControlGroup = (typeof CONTROL_GROUPS)[number];

type Path = (string | number)[];

/** Seconds as the YAML would say them: `90s`, `5m`, `2h`. */
export function durationText(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${round(seconds, 3)}s`;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

/** The node at a path of the document, or undefined. */
function nodeAt(doc: Document, path: Path): unknown {
  return doc.getIn(path, true);
}

/**
 * One edit of the scenario text. Setting a value that is already written as a scalar
 * replaces just those characters, so the rest of the file stays exactly as the user wrote
 * it; anything structural (a new key, a switched kind) goes through the document, and the
 * whole file is printed again.
 */
export class YamlEdit {
  readonly doc: Document;
  private readonly splices: { from: number; to: number; text: string }[] = [];
  private structural = false;

  constructor(private readonly text: string) {
    this.doc = parseDocument(text);
  }

  /** Sets the value at a path, creating maps on the way when needed. */
  set(path: Path, value: string | number | boolean): void {
    const node = this.doc.getIn(path, true);
    if (isScalar(node) && node.range) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const text = typeof value === 'string' && quoted ? JSON.stringify(value) : stringify(value, { lineWidth: 0 }).trimEnd();
      this.splices.push({ from: node.range[0], to: node.range[1], text });
      node.value = value;
      return;
    }
    this.change();
    this.doc.setIn(path, value);
  }

  /** The document is about to change shape: the result is printed from it. */
  change(): Document {
    this.structural = true;
    return this.doc;
  }

  result(): string {
    if (this.structural) return this.doc.toString({ lineWidth: 0 });
    let out = this.text;
    for (const s of [...this.splices].sort((a, b) => b.from - a.from)) out = out.slice(0, s.from) + s.text + out.slice(s.to);
    return out;
  }
}

function numberControl(
  id: string,
  group: ControlGroup,
  label: string,
  help: string,
  value: number,
  range: { min: number; max: number; step: number; unit: string },
  write: (edit: YamlEdit, value: number) => void,
): Control {
  return { id, group, label, help, input: { kind: 'number', ...range }, value, write: (e, v) => write(e, num(v)) };
}

function selectControl(
  id: string,
  group: ControlGroup,
  label: string,
  help: string,
  value: string,
  options: readonly { value: string; label: string }[],
  write: (edit: YamlEdit, value: string) => void,
): Control {
  return { id, group, label, help, input: { kind: 'select', options }, value, write: (e, v) => write(e, String(v)) };
}

function fleetControls(s: Scenario): Control[] {
  const boot = s.fleet.boot;
  const spread = boot.median > 0 ? boot.p99 / boot.median : 1.6;
  return [
    numberControl('fleet.replicas', 'Fleet', 'Instances', 'How many instances serve the stable version in steady state.', s.fleet.replicas, { min: 1, max: 1000, step: 1, unit: '' }, (e, v) =>
      e.set(['fleet', 'replicas'], Math.max(1, Math.round(v))),
    ),
    numberControl(
      'fleet.boot',
      'Fleet',
      'Boot time (median)',
      'Seconds from process start to ready to warm up; the slowest 1% keep today’s ratio to the median.',
      round(boot.median, 3),
      { min: 0, max: 600, step: 1, unit: 's' },
      (e, v) => {
        // `boot: 25s` is a fixed time: it stays one value.
        if (isScalar(e.doc.getIn(['fleet', 'boot'], true))) return e.set(['fleet', 'boot'], durationText(v));
        e.set(['fleet', 'boot', 'median'], durationText(v));
        e.set(['fleet', 'boot', 'p99'], durationText(round(v * spread, 3)));
      },
    ),
  ];
}

function trafficControls(s: Scenario, doc: Document): Control[] {
  const rate = s.traffic.rate;
  const raw = nodeAt(doc, ['traffic', 'rate']);
  if (rate.kind === 'constant') {
    return [
      numberControl('traffic.rate', 'Traffic', 'Requests per second', 'The steady arrival rate of requests.', rate.rps, { min: 1, max: 100_000, step: 1, unit: 'req/s' }, (e, v) =>
        e.set(isScalar(raw) ? ['traffic', 'rate'] : ['traffic', 'rate', 'rps'], v),
      ),
    ];
  }
  if (rate.kind === 'diurnal') {
    return [
      numberControl('traffic.rate', 'Traffic', 'Mean requests per second', 'The daily average; the curve keeps its peak-to-trough ratio.', rate.mean, { min: 1, max: 100_000, step: 1, unit: 'req/s' }, (e, v) =>
        e.set(['traffic', 'rate', 'mean'], v),
      ),
    ];
  }
  return [];
}

const REGRESSION_KINDS = [
  { value: 'none', label: 'none (a healthy release)' },
  { value: 'error-rate', label: 'more errors' },
  { value: 'latency', label: 'slower responses' },
  { value: 'latency-tail', label: 'slower tail only (p99)' },
] as const;

function regressionControls(s: Scenario, doc: Document): Control[] {
  const candidate = s.releases.candidate;
  if (!candidate) return [];
  const regressions = candidate.regressions;
  const first = regressions[0];
  const editable = !first || first.kind === 'error-rate' || first.kind === 'latency';
  if (!editable) return [];
  const path: Path = ['releases', 'candidate', 'regressions'];
  const kind = !first ? 'none' : first.kind === 'latency' && first.tailOnly ? 'latency-tail' : first.kind;
  const controls: Control[] = [
    selectControl('regression.kind', 'Regression', 'Injected regression', 'What is wrong with the new version, if anything.', kind, REGRESSION_KINDS, (e, v) => {
      if (v === kind) return;
      const d = e.change();
      // The control edits the first regression; any others stay as written.
      const list = nodeAt(d, path);
      if (v === 'none') {
        if (isSeq(list) && list.items.length > 1) list.delete(0);
        else d.deleteIn(path);
        return;
      }
      const onset = first?.onset ?? 'deploy';
      const keepOnset = onset === 'deploy' ? {} : { onset };
      const made =
        v === 'error-rate'
          ? { kind: 'error-rate', ...keepOnset, errorRate: first?.kind === 'error-rate' ? first.errorRate : 0.01 }
          : { kind: 'latency', ...keepOnset, multiplier: first?.kind === 'latency' ? first.multiplier : 1.5, ...(v === 'latency-tail' ? { tailOnly: true } : {}) };
      if (isSeq(list)) list.set(0, d.createNode(made, { flow: true }));
      else d.setIn(path, d.createNode([made]));
    }),
  ];
  if (!first) return controls;
  if (first.kind === 'error-rate') {
    controls.push(
      numberControl('regression.size', 'Regression', 'Added errors', 'Extra share of requests the new version fails, in percentage points.', round(first.errorRate * 100, 4), { min: 0, max: 100, step: 0.1, unit: '%' }, (e, v) =>
        e.set([...path, 0, 'errorRate'], round(v / 100, 6)),
      ),
    );
  } else if (first.kind === 'latency') {
    controls.push(
      numberControl('regression.size', 'Regression', 'Latency multiplier', first.tailOnly ? 'How much slower the slowest requests get (1.5 = 50% slower).' : 'How much slower every request gets (1.5 = 50% slower).', first.multiplier, { min: 0.1, max: 20, step: 0.1, unit: '×' }, (e, v) =>
        e.set([...path, 0, 'multiplier'], v),
      ),
    );
  }
  const onset = first.onset;
  const onsetS = onset === 'deploy' ? 0 : 'at' in onset ? onset.at : onset.afterUptime;
  controls.push(
    selectControl(
      'regression.onset',
      'Regression',
      'Starts',
      'When the fault shows: as soon as the new version runs, at a moment of the scenario, or after an instance has been up a while (a leak).',
      onset === 'deploy' ? 'deploy' : 'at' in onset ? 'at' : 'afterUptime',
      [
        { value: 'deploy', label: 'at deploy' },
        { value: 'at', label: 'at a time' },
        { value: 'afterUptime', label: 'after uptime' },
      ],
      (e, v) => {
        const d = e.change();
        if (v === 'deploy') d.deleteIn([...path, 0, 'onset']);
        else d.setIn([...path, 0, 'onset'], d.createNode({ [v]: durationText(onsetS || 1800) }, { flow: true }));
      },
    ),
  );
  if (onset !== 'deploy') {
    const key = 'at' in onset ? 'at' : 'afterUptime';
    controls.push(
      numberControl('regression.onsetTime', 'Regression', key === 'at' ? 'Starts at' : 'Starts after uptime', key === 'at' ? 'Minutes after the scenario starts.' : 'Minutes an instance has been up.', round(onsetS / 60, 3), { min: 0, max: 1440, step: 1, unit: 'min' }, (e, v) =>
        e.set([...path, 0, 'onset', key], durationText(round(v * 60, 3))),
      ),
    );
  }
  return controls;
}

const ROUTER_KINDS = [
  { value: 'mesh', label: 'service mesh (exact weights)' },
  { value: 'service', label: 'Kubernetes Service (by instance count)' },
  { value: 'dns', label: 'DNS (cached by clients)' },
] as const;

function routerControls(s: Scenario): Control[] {
  const controls: Control[] = [
    selectControl('router.kind', 'Router', 'Router', 'What splits traffic between the versions.', s.router.kind, ROUTER_KINDS, (e, v) => e.set(['router', 'kind'], v)),
  ];
  if (s.router.kind === 'dns') {
    controls.push(
      numberControl('router.dns.ttl', 'Router', 'DNS TTL', 'Seconds a client may keep a DNS answer before asking again.', s.router.dns.ttl, { min: 0, max: 86_400, step: 1, unit: 's' }, (e, v) =>
        e.set(['router', 'dns', 'ttl'], durationText(v)),
      ),
    );
  }
  return controls;
}

function strategyControls(s: Scenario, doc: Document): Control[] {
  const st = s.strategy;
  if (st.kind === 'blue-green') {
    return [
      numberControl('strategy.scaleDownDelaySeconds', 'Strategy', 'Scale-down delay', 'Seconds the old (blue) fleet stays up after the flip, ready for an instant revert.', st.scaleDownDelaySeconds, { min: 0, max: 86_400, step: 1, unit: 's' }, (e, v) =>
        e.set(['strategy', 'scaleDownDelaySeconds'], v),
      ),
    ];
  }
  if (st.kind !== 'canary' || st.preset || st.flagger) return [];
  const controls: Control[] = [];
  let rung = 0;
  st.steps.forEach((step, i) => {
    if ('setWeight' in step) {
      rung++;
      controls.push(
        numberControl(`strategy.steps[${i}].setWeight`, 'Strategy', `Step ${i + 1}: canary weight`, `Share of traffic sent to the canary at rung ${rung}.`, step.setWeight, { min: 0, max: 100, step: 1, unit: '%' }, (e, v) =>
          e.set(['strategy', 'steps', i, 'setWeight'], Math.min(100, Math.max(0, v))),
        ),
      );
    } else if ('pause' in step && step.pause.duration !== undefined) {
      controls.push(
        numberControl(`strategy.steps[${i}].hold`, 'Strategy', `Step ${i + 1}: pause`, 'How long the rollout waits at this weight.', round(step.pause.duration / 60, 3), { min: 0, max: 1440, step: 1, unit: 'min' }, (e, v) =>
          e.set(['strategy', 'steps', i, 'pause', 'duration'], durationText(round(v * 60, 3))),
        ),
      );
    } else if ('analysis' in step && step.analysis.duration !== undefined) {
      const raw = nodeAt(doc, ['strategy', 'steps', i, 'analysis']);
      const template = step.analysis.templates[0];
      controls.push(
        numberControl(`strategy.steps[${i}].hold`, 'Strategy', `Step ${i + 1}: analysis hold`, `How long the analysis (${template}) watches at this weight before the next step.`, round(step.analysis.duration / 60, 3), { min: 0, max: 1440, step: 1, unit: 'min' }, (e, v) => {
          const d = e.doc;
          if (isScalar(raw)) e.change().setIn(['strategy', 'steps', i, 'analysis'], d.createNode({ template, duration: durationText(round(v * 60, 3)) }, { flow: true }));
          else e.set(['strategy', 'steps', i, 'analysis', 'duration'], durationText(round(v * 60, 3)));
        }),
      );
    }
  });
  return controls;
}

/** The templates the strategy uses, in order of first use. */
function usedTemplates(s: Scenario): string[] {
  const st = s.strategy;
  const names: string[] = [];
  if (st.kind === 'canary') {
    for (const step of st.steps) if ('analysis' in step) names.push(...step.analysis.templates);
    if (st.analysis) names.push(...st.analysis.templates);
    if (st.flagger) names.push(...st.flagger.analysis.templates);
  } else if (st.kind === 'blue-green') {
    names.push(...(st.prePromotionAnalysis?.templates ?? []), ...(st.postPromotionAnalysis?.templates ?? []));
  }
  return [...new Set(names)].filter((n) => n in s.analysis);
}

const JUDGES = [
  { value: 'condition', label: 'a condition (Argo successCondition)' },
  { value: 'judge', label: 'Mann-Whitney test (Kayenta judge)' },
] as const;

/** A condition that means "no worse than the baseline by much", for a metric switched back from the judge. */
function defaultCondition(m: AnalysisMetric): string {
  if (m.metric === 'errorRate') return 'canary <= baseline + 0.002';
  if (m.metric === 'successRate') return 'canary >= baseline - 0.2';
  if (m.metric === 'conversionRate') return 'canary >= baseline * 0.95';
  return 'canary <= baseline * 1.2';
}

function analysisControls(s: Scenario): Control[] {
  const controls: Control[] = [];
  for (const name of usedTemplates(s)) {
    const t = s.analysis[name];
    const base: Path = ['analysis', name];
    controls.push(
      numberControl(`analysis.${name}.failureLimit`, 'Analysis', `${name}: failures allowed`, 'Failed measurements a metric may have before the analysis fails (−1 turns the limit off).', t.failureLimit, { min: -1, max: 100, step: 1, unit: '' }, (e, v) =>
        e.set([...base, 'failureLimit'], Math.round(v)),
      ),
    );
    t.metrics.forEach((m, i) => {
      const mp: Path = [...base, 'metrics', i];
      if (m.burnRate) return;
      const judged = m.judge !== undefined;
      if (m.successCondition !== undefined || m.failureCondition !== undefined || judged) {
        controls.push(
          selectControl(`analysis.${name}.metrics[${i}].judge`, 'Analysis', `${m.name}: judged by`, 'A fixed rule on the canary’s value, or a statistical test of canary against baseline.', judged ? 'judge' : 'condition', JUDGES, (e, v) => {
            if (v === (judged ? 'judge' : 'condition')) return;
            const d = e.change();
            for (const key of ['successCondition', 'failureCondition', 'thresholdRange', 'judge', 'failureLimit', 'inconclusiveLimit', 'consecutiveErrorLimit', 'noData']) d.deleteIn([...mp, key]);
            if (v === 'judge') d.setIn([...mp, 'judge'], d.createNode({ direction: m.metric === 'successRate' || m.metric === 'conversionRate' ? 'decrease' : 'increase' }, { flow: true }));
            else d.setIn([...mp, 'successCondition'], defaultCondition(m));
          }),
        );
      }
      if (m.successCondition !== undefined) {
        controls.push({
          id: `analysis.${name}.metrics[${i}].successCondition`,
          group: 'Analysis',
          label: `${m.name}: passes when`,
          help: 'An expression over canary and baseline, such as canary <= baseline * 1.2.',
          input: { kind: 'text' },
          value: m.successCondition,
          write: (e, v) => e.set([...mp, 'successCondition'], String(v)),
        });
      } else if (m.thresholdRange) {
        for (const end of ['min', 'max'] as const) {
          const v = m.thresholdRange[end];
          if (v === undefined) continue;
          controls.push(
            numberControl(`analysis.${name}.metrics[${i}].thresholdRange.${end}`, 'Analysis', `${m.name}: ${end === 'min' ? 'at least' : 'at most'}`, `The canary’s ${m.metric ?? 'value'} must stay ${end === 'min' ? 'at or above' : 'at or below'} this.`, v, { min: -1e9, max: 1e9, step: 0.001, unit: '' }, (e, x) =>
              e.set([...mp, 'thresholdRange', end], x),
            ),
          );
        }
      } else if (m.judge) {
        controls.push(
          numberControl(`analysis.${name}.metrics[${i}].judge.confidence`, 'Analysis', `${m.name}: confidence`, 'Confidence of the Mann-Whitney test; higher means fewer false alarms and slower detection.', m.judge.confidence, { min: 0.5, max: 0.999, step: 0.01, unit: '' }, (e, x) =>
            e.set([...mp, 'judge', 'confidence'], x),
          ),
        );
      }
    });
  }
  return controls;
}

/** The controls that apply to this scenario, in the order the panel shows them. */
export function labControls(scenario: Scenario, text: string): Control[] {
  const doc = parseDocument(text);
  return [
    numberControl('seed', 'Run', 'Seed', 'The random seed: the same seed gives the same run, another seed another draw of the same scenario.', scenario.seed, { min: 0, max: 2 ** 31 - 1, step: 1, unit: '' }, (e, v) =>
      e.set(['seed'], Math.max(0, Math.round(v))),
    ),
    ...fleetControls(scenario),
    ...trafficControls(scenario, doc),
    ...regressionControls(scenario, doc),
    ...routerControls(scenario),
    ...strategyControls(scenario, doc),
    ...analysisControls(scenario),
  ];
}

/** The scenario text with one control set to `value`; comments and layout elsewhere are kept. */
export function applyControl(text: string, control: Control, value: number | string): string {
  const edit = new YamlEdit(text);
  if (!isMap(edit.doc.contents)) return text;
  control.write(edit, value);
  return edit.result();
}

/** The scenario text with its `seed:` set, as the lab opens a lesson played on another seed. */
export function withSeed(text: string, seed: number): string {
  const edit = new YamlEdit(text);
  if (!isMap(edit.doc.contents)) return text;
  edit.set(['seed'], seed);
  return edit.result();
}
