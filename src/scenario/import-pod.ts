// The parts of a pod template the lab simulates: the readiness probe (Kubernetes' timing
// fields), the termination grace period and a preStop sleep. Everything that places or
// sizes pods (affinity, resources, …) is warned about; plumbing (image, ports, env, …) is not.
import type { Fields } from './import-reader.ts';

/** The `fleet:` fields an import fills in. */
export interface FleetFragment {
  replicas?: number;
  readinessProbe?: { initialDelaySeconds?: number; periodSeconds?: number; failureThreshold?: number; successThreshold?: number };
  termination?: { terminationGracePeriodSeconds?: number; preStopSeconds?: number };
}

const POD_REASONS: Record<string, string> = {
  affinity: 'not simulated: the model has no nodes or zones to place instances on',
  topologySpreadConstraints: 'not simulated: the model has no nodes or zones to place instances on',
  nodeSelector: 'not simulated: the model has no nodes',
  tolerations: 'not simulated: the model has no nodes',
  initContainers: 'not simulated: boot time is fleet.boot',
};

const CONTAINER_REASONS: Record<string, string> = {
  resources: 'not simulated: capacity is fleet.instance.concurrency (requests one instance serves at once)',
  livenessProbe: 'not simulated: restarts come from injected crash regressions',
  startupProbe: 'not simulated: start-up time is fleet.boot',
};

// Fields that describe what runs, not how it rolls out.
const POD_PLUMBING = ['volumes', 'serviceAccountName', 'serviceAccount', 'securityContext', 'imagePullSecrets', 'restartPolicy', 'dnsPolicy', 'hostname', 'priorityClassName', 'automountServiceAccountToken', 'enableServiceLinks', 'schedulerName'];
const CONTAINER_PLUMBING = ['name', 'image', 'imagePullPolicy', 'ports', 'env', 'envFrom', 'command', 'args', 'volumeMounts', 'workingDir', 'securityContext', 'stdin', 'tty', 'terminationMessagePath', 'terminationMessagePolicy'];

/** Reads `spec.template` into `fleet`. */
export function readPodTemplate(template: Fields, fleet: FleetFragment): void {
  template.pass('metadata');
  const spec = template.child('spec');
  template.rest();
  if (!spec) return;
  spec.pass(...POD_PLUMBING);
  const grace = spec.number('terminationGracePeriodSeconds');
  if (grace !== undefined) fleet.termination = { ...fleet.termination, terminationGracePeriodSeconds: grace };
  let probed = false;
  for (const container of spec.children('containers')) {
    container.pass(...CONTAINER_PLUMBING);
    const probe = container.child('readinessProbe');
    if (probe && !probed) {
      probed = true;
      fleet.readinessProbe = readProbe(probe);
    } else if (probe) {
      probe.pass(...Object.keys(probe.value));
      container.warn('readinessProbe', 'not simulated: the lab probes one container per instance (the first with a readiness probe)');
    }
    const lifecycle = container.child('lifecycle');
    if (lifecycle) {
      const preStop = lifecycle.child('preStop');
      if (preStop) {
        const seconds = preStopSleep(preStop);
        if (seconds !== undefined) fleet.termination = { ...fleet.termination, preStopSeconds: seconds };
        else preStop.warn(null, 'not simulated: only a preStop sleep (sleep.seconds, or exec of "sleep N") maps to fleet.termination.preStopSeconds');
        preStop.pass(...Object.keys(preStop.value));
      }
      lifecycle.rest({ postStart: 'not simulated' });
    }
    container.rest(CONTAINER_REASONS);
  }
  spec.rest(POD_REASONS);
}

function readProbe(probe: Fields): NonNullable<FleetFragment['readinessProbe']> {
  probe.pass('httpGet', 'tcpSocket', 'exec', 'grpc');
  const out: NonNullable<FleetFragment['readinessProbe']> = {};
  for (const key of ['initialDelaySeconds', 'periodSeconds', 'failureThreshold', 'successThreshold'] as const) {
    const v = probe.number(key);
    if (v !== undefined) out[key] = v;
  }
  probe.rest({
    timeoutSeconds: 'not simulated: a probe of a ready instance always answers in time (probe failures come from fleet.healthCheckFailureShare)',
    terminationGracePeriodSeconds: 'not simulated',
  });
  return out;
}

/** Seconds of a preStop sleep: `sleep: {seconds: N}` (Kubernetes 1.30) or `exec: ["sleep", "N"]` / `sh -c "sleep N"`. */
function preStopSleep(preStop: Fields): number | undefined {
  const sleep = preStop.value.sleep;
  if (sleep && typeof sleep === 'object' && typeof (sleep as { seconds?: unknown }).seconds === 'number') return (sleep as { seconds: number }).seconds;
  const exec = preStop.value.exec as { command?: unknown } | undefined;
  if (exec && Array.isArray(exec.command)) {
    const m = /(?:^|\s|;|&)sleep\s+(\d+(?:\.\d+)?)(s?)\b/.exec(exec.command.map(String).join(' '));
    if (m) return Number(m[1]);
  }
  return undefined;
}

