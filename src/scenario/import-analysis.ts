// Argo AnalysisTemplates (and ClusterAnalysisTemplates) as the scenario's `analysis:`
// templates. A metric with a Prometheus query the lab recognises keeps its conditions and
// limits; other providers (web, job, Datadog, …) cannot be simulated and are left out.
import { durationText, type Fields } from './import-reader.ts';
import { classifyQuery, translateCondition } from './import-prometheus.ts';

/** A template in the scenario's input form. */
export interface TemplateOut {
  interval?: string | number;
  initialDelay?: string | number;
  count?: number;
  metrics: Record<string, unknown>[];
}

/** A Kubernetes name as a scenario template name (kebab-case). */
export function templateName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '') || 'imported';
}

const TEMPLATE_REASONS: Record<string, string> = {
  dryRun: 'not simulated: every metric of an imported template counts',
  measurementRetention: 'not simulated: the lab keeps every measurement',
};

const METRIC_REASONS: Record<string, string> = {
  dryRun: 'not simulated: the metric counts',
  consecutiveSuccessLimit: 'not simulated',
};

/** Reads an AnalysisTemplate's spec; null when no metric maps (each reason warned at its metric). */
export function readAnalysisTemplate(spec: Fields): TemplateOut | null {
  spec.pass('args');
  const metrics: Record<string, unknown>[] = [];
  let timing: { interval?: number; initialDelay?: number; count?: number; from: string } | undefined;
  for (const m of spec.children('metrics')) {
    const name = m.string('name') ?? `metric-${metrics.length + 1}`;
    const interval = m.duration('interval');
    const initialDelay = m.duration('initialDelay');
    const count = m.number('count');
    const provider = m.child('provider');
    const out: Record<string, unknown> = { name: templateName(name) };
    let mapped = false;
    if (provider) {
      const prom = provider.child('prometheus');
      const others = Object.keys(provider.value).filter((k) => k !== 'prometheus');
      for (const other of others) provider.warn(other, `not simulated: the ${other} provider has no model; metric "${name}" is left out`);
      provider.pass(...others);
      if (prom) {
        prom.pass('address', 'timeout', 'insecure', 'headers', 'authentication', 'rangeQuery');
        const query = prom.string('query') ?? '';
        const mapping = classifyQuery(query);
        prom.rest();
        if (!mapping) {
          prom.warn('query', `not simulated: the query is not one the lab recognises (a histogram_quantile, an error or success ratio by status code, or a request rate); metric "${name}" is left out`);
        } else {
          out.metric = mapping.metric;
          if (mapping.window !== undefined) out.window = durationText(mapping.window);
          mapped = true;
          for (const key of ['successCondition', 'failureCondition'] as const) {
            const text = m.string(key);
            if (text === undefined) continue;
            const lab = translateCondition(text, mapping);
            if (lab === null) {
              m.warn(key, `not simulated: "${text}" uses what the lab's conditions cannot express (len, all, isNaN, …); metric "${name}" is left out`);
              mapped = false;
            } else out[key] = lab;
          }
          if (mapped && out.successCondition === undefined && out.failureCondition === undefined) {
            m.warn('name', `metric "${name}" has no condition: Argo counts every measurement as successful, so it is left out`);
            mapped = false;
          }
        }
      }
      provider.rest();
    } else m.warn(null, `metric "${name}" has no provider; it is left out`);
    for (const key of ['failureLimit', 'inconclusiveLimit', 'consecutiveErrorLimit'] as const) {
      const v = m.number(key);
      if (v !== undefined) out[key] = v;
    }
    m.pass('successCondition', 'failureCondition');
    m.rest(METRIC_REASONS);
    if (!mapped) continue;
    // The lab measures every metric of a template on one schedule: the first metric's.
    if (!timing) timing = { interval, initialDelay, count, from: name };
    else if (timing.interval !== interval || timing.count !== count || timing.initialDelay !== initialDelay) {
      m.warn('name', `metric "${name}" has its own interval, count or initialDelay; the lab measures a template's metrics together, on the schedule of "${timing.from}"`);
    }
    metrics.push(out);
  }
  spec.rest(TEMPLATE_REASONS);
  if (metrics.length === 0) return null;
  const template: Partial<TemplateOut> = {};
  if (timing?.interval !== undefined) template.interval = durationText(timing.interval);
  if (timing?.initialDelay !== undefined) template.initialDelay = durationText(timing.initialDelay);
  // Argo: no interval and no count = one measurement.
  if (timing?.count !== undefined) template.count = timing.count;
  else if (timing?.interval === undefined) template.count = 1;
  return { ...template, metrics };
}
