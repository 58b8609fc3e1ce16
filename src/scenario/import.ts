// Real manifests into scenario fields: an Argo Rollout, a Flagger Canary or a Kubernetes
// Deployment becomes a `strategy:` block (with `fleet:` replicas and probe settings, and
// `analysis:` templates where they map), and every field the lab cannot simulate gets a
// warning at its line. A file may hold several YAML documents: AnalysisTemplates,
// MetricTemplates and the Deployment a Canary targets are read alongside the workloads.
// Pure: text in, fields and notes out (the CLI prints them).
import { parseAllDocuments, stringify, LineCounter, type Document } from 'yaml';
import { formatPath } from './errors.ts';
import { importRollout, type Imported } from './import-argo.ts';
import { readAnalysisTemplate, templateName, type TemplateOut } from './import-analysis.ts';
import { deploymentAsTarget, importDeployment } from './import-deployment.ts';
import { importFlaggerCanary, readMetricTemplate } from './import-flagger.ts';
import type { FleetFragment } from './import-pod.ts';
import type { QueryMapping } from './import-prometheus.ts';
import { Fields, isObject, ManifestContext, type ImportNote } from './import-reader.ts';
import { describeIssues } from './load-issues.ts';
import { forbiddenKeys, forbiddenMessage, MAX_ALIAS_COUNT, MAX_SCENARIO_BYTES, megabytes } from './load-yaml.ts';
import { scenarioSchema } from './schema.ts';

export type { ImportNote } from './import-reader.ts';

/** One imported workload: the scenario fields it gives. */
export interface ImportedWorkload {
  kind: 'Rollout' | 'Canary' | 'Deployment';
  name: string;
  fields: { fleet: FleetFragment; strategy: Record<string, unknown>; analysis?: Record<string, TemplateOut> };
}

export type ImportResult = { ok: true; workloads: ImportedWorkload[]; warnings: ImportNote[] } | { ok: false; errors: ImportNote[]; warnings: ImportNote[] };

interface Doc {
  ctx: ManifestContext;
  root: Fields;
  kind: string;
  name: string;
}

const SKIPPED_KINDS: Record<string, string> = {
  HorizontalPodAutoscaler: 'not simulated: autoscaling has no model; the fleet stays at its replicas',
  Service: 'not simulated: the lab routes to replica sets directly',
  VirtualService: 'not simulated: the lab’s router splits requests by weight (set router: for propagation delays)',
  DestinationRule: 'not simulated: the lab’s router splits requests by weight',
  Ingress: 'not simulated: the lab’s router splits requests by weight',
  PodDisruptionBudget: 'not simulated: the model has no voluntary disruptions',
};

/** Imports every workload in `text`; `file` names it in notes. */
export function importManifests(text: string, file: string): ImportResult {
  const warnings: ImportNote[] = [];
  const errors: ImportNote[] = [];
  const fail = (message: string, line = 1, col = 1, path = '(root)'): ImportResult => ({ ok: false, errors: [...errors, { file, line, col, path, message }], warnings });
  if (text.length > MAX_SCENARIO_BYTES) return fail(`expected a manifest of at most ${megabytes(MAX_SCENARIO_BYTES)}, got ${megabytes(text.length)}`);
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const yamlDocs: Document[] = Array.isArray(parsed) ? parsed : [];
  const docs: Doc[] = [];
  for (const doc of yamlDocs) {
    const ctx = new ManifestContext(file, doc, lines, warnings, errors);
    const first = doc.errors[0];
    if (first) {
      const { line, col } = lines.linePos(first.pos[0]);
      return fail(`expected valid YAML: ${first.message.split('\n')[0]}`, line, col);
    }
    const forbidden = forbiddenKeys(doc)[0];
    if (forbidden) {
      const { line, col } = lines.linePos(forbidden.offset);
      return fail(forbiddenMessage(forbidden.name), line, col, formatPath(forbidden.path));
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      return fail(`expected at most ${MAX_ALIAS_COUNT} alias expansions: ${(e as Error).message}`);
    }
    if (value === null || value === undefined) continue;
    if (!isObject(value)) {
      ctx.note([], 'expected a Kubernetes object (apiVersion, kind, metadata, spec); skipped');
      continue;
    }
    const root = new Fields(ctx, value, []);
    const kind = typeof value.kind === 'string' ? value.kind : '';
    const metadata = isObject(value.metadata) ? value.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : kind.toLowerCase() || 'unnamed';
    docs.push({ ctx, root, kind, name });
  }

  // Templates first: each is read (and warned about) once, whoever refers to it.
  const analysisTemplates = new Map<string, { doc: Doc; template: TemplateOut | null; used: boolean }>();
  const metricTemplates = new Map<string, { doc: Doc; mapping: QueryMapping | null | undefined }>();
  const deployments = new Map<string, { doc: Doc; target: boolean }>();
  for (const doc of docs) {
    if (doc.kind === 'AnalysisTemplate' || doc.kind === 'ClusterAnalysisTemplate') {
      const spec = specOf(doc);
      analysisTemplates.set(doc.name, { doc, template: spec ? readAnalysisTemplate(spec) : null, used: false });
    } else if (doc.kind === 'MetricTemplate') metricTemplates.set(doc.name, { doc, mapping: undefined });
    else if (doc.kind === 'Deployment') deployments.set(doc.name, { doc, target: false });
  }
  // Deployments a Canary or a Rollout refers to are read as its fleet, not as workloads.
  for (const doc of docs) {
    const spec = isObject(doc.root.value.spec) ? doc.root.value.spec : {};
    const ref = doc.kind === 'Canary' ? spec.targetRef : doc.kind === 'Rollout' ? spec.workloadRef : undefined;
    if (isObject(ref) && typeof ref.name === 'string' && deployments.has(ref.name)) deployments.get(ref.name)!.target = true;
  }
  const fleets = new Map<string, FleetFragment>();
  const targetFleet = (name: string): FleetFragment | undefined => {
    const d = deployments.get(name);
    if (!d) return undefined;
    if (!fleets.has(name)) {
      const spec = specOf(d.doc);
      fleets.set(name, spec ? deploymentAsTarget(spec) : {});
    }
    return { ...fleets.get(name) };
  };

  const workloads: ImportedWorkload[] = [];
  for (const doc of docs) {
    const analysis: Record<string, TemplateOut> = {};
    const useTemplate = (name: string, ref: Fields, key: string): string | null => {
      const found = analysisTemplates.get(name);
      if (!found) {
        ref.warn(key, `AnalysisTemplate "${name}" is not in this file: its analysis is left out (add it to the file as another YAML document)`);
        return null;
      }
      found.used = true;
      if (!found.template) {
        ref.warn(key, `AnalysisTemplate "${name}" has no metric the lab can simulate: its analysis is left out`);
        return null;
      }
      analysis[templateName(name)] = found.template;
      return templateName(name);
    };
    let imported: Imported | undefined;
    if (doc.kind === 'Rollout') {
      const spec = specOf(doc);
      if (spec) imported = importRollout(spec, useTemplate, targetFleet);
    } else if (doc.kind === 'Canary') {
      const spec = specOf(doc);
      if (spec) {
        const checks = `${templateName(doc.name)}-checks`;
        const mt = (name: string, ref: Fields): QueryMapping | null => {
          const found = metricTemplates.get(name);
          if (!found) {
            ref.warn('name', `MetricTemplate "${name}" is not in this file: the metric is left out (add it to the file as another YAML document)`);
            return null;
          }
          if (found.mapping === undefined) {
            const s = specOf(found.doc);
            found.mapping = s ? readMetricTemplate(s) : null;
          }
          if (!found.mapping) ref.warn('name', `MetricTemplate "${name}" is not one the lab can simulate: the metric is left out`);
          return found.mapping;
        };
        const flagger = importFlaggerCanary(spec, checks, targetFleet, mt);
        if (flagger.template) analysis[checks] = flagger.template;
        else doc.ctx.note(['spec', 'analysis'], 'expected at least one metric the lab can simulate (request-success-rate or request-duration with a thresholdRange, or a MetricTemplate with a Prometheus query it recognises)', 'error');
        imported = flagger;
      }
    } else if (doc.kind === 'Deployment') {
      if (deployments.get(doc.name)?.target) continue;
      const spec = specOf(doc);
      if (spec) imported = importDeployment(spec);
    } else if (!['AnalysisTemplate', 'ClusterAnalysisTemplate', 'MetricTemplate'].includes(doc.kind)) {
      doc.ctx.note(['kind'], `${doc.kind ? `kind ${doc.kind}` : 'a document without a kind'}: ${SKIPPED_KINDS[doc.kind] ?? 'not simulated'}; skipped`);
      continue;
    } else continue;
    if (!imported) continue;
    doc.root.pass('apiVersion', 'kind', 'metadata', 'spec');
    doc.root.rest({ status: 'not simulated: status is what a controller reports, not what it is asked to do' });
    const fields: ImportedWorkload['fields'] = { fleet: imported.fleet, strategy: imported.strategy };
    if (Object.keys(analysis).length > 0) fields.analysis = analysis;
    workloads.push({ kind: doc.kind as ImportedWorkload['kind'], name: doc.name, fields });
    checkValid(fields, doc);
  }
  for (const [name, t] of analysisTemplates) if (!t.used) t.doc.ctx.note(['metadata', 'name'], `AnalysisTemplate "${name}" is not used by a Rollout in this file; skipped`);

  const byPlace = (a: ImportNote, b: ImportNote) => a.line - b.line || a.col - b.col;
  warnings.sort(byPlace);
  errors.sort(byPlace);
  if (errors.length > 0) return { ok: false, errors, warnings };
  if (workloads.length === 0) {
    const kinds = [...new Set(docs.map((d) => d.kind || '(none)'))];
    return fail(`expected an Argo Rollout, a Flagger Canary or a Kubernetes Deployment; found ${kinds.length ? `kind ${kinds.join(', ')}` : 'no documents'}`);
  }
  return { ok: true, workloads, warnings };
}

function specOf(doc: Doc): Fields | undefined {
  const spec = doc.root.child('spec');
  if (!spec) doc.ctx.note([], `${doc.kind} "${doc.name}" has no spec; skipped`, 'error');
  return spec;
}

/**
 * The imported fields must make a valid scenario once the user adds the rest; a value out of
 * range in the manifest (setWeight 150, say) is reported against the workload.
 */
function checkValid(fields: ImportedWorkload['fields'], doc: Doc): void {
  const trial = {
    name: 'imported',
    title: 'imported',
    duration: '1h',
    traffic: { rate: 100 },
    releases: { stable: { version: 'v1' }, candidate: { version: 'v2' } },
    ...fields,
  };
  const result = scenarioSchema.safeParse(trial);
  if (result.success) return;
  for (const p of describeIssues(result.error.issues, trial, scenarioSchema).slice(0, 5)) {
    doc.ctx.note(['spec'], `the imported ${formatPath(p.path)} is not valid: ${p.message}`, 'error');
  }
}

/** The imported fields as YAML, one document per workload, each with a header comment. */
export function importedYaml(workloads: readonly ImportedWorkload[], file: string): string {
  return workloads
    .map((w) => {
      const header = [
        `# Imported by rollout-lab from ${file}: ${w.kind} "${w.name}".`,
        '# Paste these fields into a scenario, or use this file as its base (extends:) and add',
        '# name, title, duration, traffic and releases.',
      ];
      return `${header.join('\n')}\n${stringify(w.fields, { lineWidth: 0 })}`;
    })
    .join('---\n');
}
