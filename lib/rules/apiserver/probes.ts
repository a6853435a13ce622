/**
 * Probes and lifecycle hooks (validateProbe / validateHandler / validateLifecycle): exactly one handler each,
 * with valid ports, non-negative timings, successThreshold 1 where the API server insists on it, and none at
 * all on run-to-completion init containers or ephemeral containers.
 */
import { Issue } from '../../util/errors';
import { checkPortName } from '../../util/names';
import { ObjectRule } from '../types';
import { POD_SPEC_KINDS, podSpecIn } from './pod-support';
import { Obj, Sink, isInt, isObj, isStr, list, portNumOrNameProblem, show, sink } from './support';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const TIMINGS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];
/** The pod's terminationGracePeriodSeconds when unset. */
const DEFAULT_GRACE = 30;

export const probesRule: ObjectRule = {
  id: 'probes',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: POD_SPEC_KINDS,
  description: 'Probes and lifecycle hooks have exactly one valid handler, and appear only on containers that allow them.',
  check(obj, path): Issue[] {
    const found = podSpecIn(obj);
    if (!found || !isObj(found.spec)) return [];
    const { spec, pointer } = found;
    const out = sink('probes', path);
    const grace = isInt(spec.terminationGracePeriodSeconds) ? spec.terminationGracePeriodSeconds : DEFAULT_GRACE;
    for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
      list(spec[field]).forEach((c, i) => {
        if (!isObj(c)) return;
        const p = `${pointer}/${field}/${i}`;
        const allowed = field === 'containers' || (field === 'initContainers' && c.restartPolicy === 'Always');
        if (!allowed) return forbid(c, p, field === 'initContainers' ? 'init containers without restartPolicy Always' : 'ephemeral containers', out);
        for (const probe of PROBES) if (c[probe] !== undefined && c[probe] !== null) checkProbe(c, probe, `${p}/${probe}`, out);
        if (isObj(c.lifecycle)) {
          for (const hook of ['postStart', 'preStop']) {
            if (c.lifecycle[hook] != null) checkHandler(c, `lifecycle.${hook}`, c.lifecycle[hook], HOOK_HANDLERS, `${p}/lifecycle/${hook}`, grace, out);
          }
        }
      });
    }
    return out.issues;
  },
};

function forbid(c: Obj, p: string, who: string, out: Sink): void {
  for (const field of [...PROBES, 'lifecycle']) {
    if (c[field] !== undefined && c[field] !== null) {
      out.add(`${p}/${field}`, `container ${show(c.name)} sets ${field}, which the API server forbids on ${who}`, who.startsWith('init') ? `remove ${field}, or set restartPolicy: Always to make it a sidecar` : `remove ${field}`);
    }
  }
}

function checkProbe(c: Obj, probe: string, p: string, out: Sink): void {
  const pr = c[probe];
  if (!isObj(pr)) return out.add(p, `${probe} of container ${show(c.name)} must be an object (got ${show(pr)})`, 'write { httpGet: { path: "/healthz", port: 8080 } }');
  checkHandler(c, probe, pr, PROBE_HANDLERS, p, undefined, out);
  for (const t of TIMINGS) {
    if (pr[t] !== undefined && (!isInt(pr[t]) || pr[t] < 0)) out.add(`${p}/${t}`, `${probe}.${t} of container ${show(c.name)} is ${show(pr[t])}; it must be an integer of at least 0`, `set ${t} to a whole number, e.g. 10`);
  }
  if (probe !== 'readinessProbe' && pr.successThreshold !== undefined && pr.successThreshold !== 1) {
    out.add(`${p}/successThreshold`, `${probe}.successThreshold of container ${show(c.name)} is ${show(pr.successThreshold)}; the API server requires 1 for liveness and startup probes`, 'remove successThreshold or set it to 1');
  }
  const tg = pr.terminationGracePeriodSeconds;
  if (tg !== undefined && tg !== null) {
    if (probe === 'readinessProbe') out.add(`${p}/terminationGracePeriodSeconds`, `readinessProbe of container ${show(c.name)} sets terminationGracePeriodSeconds, which readiness probes do not allow`, 'remove it (it applies to liveness and startup probes only)');
    else if (!isInt(tg) || tg <= 0) out.add(`${p}/terminationGracePeriodSeconds`, `${probe}.terminationGracePeriodSeconds of container ${show(c.name)} is ${show(tg)}; it must be greater than 0`, 'use a positive number of seconds, or remove it');
  }
}

/** One probe or hook: exactly one handler among `kinds`, and that handler valid. */
function checkHandler(c: Obj, what: string, h: Obj, kinds: string[], p: string, grace: number | undefined, out: Sink): void {
  if (!isObj(h)) return out.add(p, `${what} of container ${show(c.name)} must be an object (got ${show(h)})`, `give it one of ${kinds.join(', ')}`);
  const set = kinds.filter((k) => h[k] !== undefined && h[k] !== null);
  if (set.length !== 1) {
    return out.add(p, `${what} of container ${show(c.name)} has ${set.length === 0 ? 'no handler' : `${set.length} handlers (${set.join(', ')})`}; the API server requires exactly one of ${kinds.join(', ')}`, set.length === 0 ? `add one handler, e.g. httpGet: { path: "/healthz", port: 8080 }` : 'keep exactly one handler');
  }
  const [kind] = set;
  const body = h[kind];
  const hp = `${p}/${kind}`;
  if (!isObj(body)) return out.add(hp, `${what}.${kind} of container ${show(c.name)} must be an object (got ${show(body)})`, 'fill in the handler');
  if (kind === 'exec' && list(body.command).length === 0) out.add(`${hp}/command`, `${what}.exec of container ${show(c.name)} has no command`, 'set command, e.g. ["cat", "/tmp/healthy"]');
  if (kind === 'httpGet' || kind === 'tcpSocket') {
    const problem = portNumOrNameProblem(body.port, checkPortName);
    if (problem) out.add(`${hp}/port`, `${what}.${kind}.port ${show(body.port)} of container ${show(c.name)} is invalid: ${problem}`, 'use the container port number, or the name of one of its ports');
  }
  if (kind === 'httpGet' && body.scheme !== undefined && body.scheme !== 'HTTP' && body.scheme !== 'HTTPS') {
    out.add(`${hp}/scheme`, `${what}.httpGet.scheme ${show(body.scheme)} of container ${show(c.name)} is not supported; allowed: HTTP, HTTPS`, 'use HTTP or HTTPS (upper case)');
  }
  if (kind === 'grpc' && (!isInt(body.port) || body.port < 1 || body.port > 65535)) {
    out.add(`${hp}/port`, `${what}.grpc.port ${show(body.port)} of container ${show(c.name)} is invalid; allowed: an integer from 1 to 65535 (gRPC probes take no port names)`, 'use the port number the gRPC server listens on');
  }
  // Zero is accepted since Kubernetes 1.33 (PodLifecycleSleepActionAllowZero); more than the grace period never is.
  if (kind === 'sleep' && grace !== undefined && (!isInt(body.seconds) || body.seconds < 0 || body.seconds > grace)) {
    out.add(`${hp}/seconds`, `${what}.sleep.seconds ${show(body.seconds)} of container ${show(c.name)} must be a whole number from 0 to terminationGracePeriodSeconds (${grace})`, 'shorten the sleep or raise the pod\'s terminationGracePeriodSeconds');
  }
  if (kind === 'httpGet') {
    list(body.httpHeaders).forEach((hd, j) => {
      const n = isObj(hd) ? hd.name : undefined;
      if (!isStr(n) || !/^[-A-Za-z0-9]+$/.test(n)) out.add(`${hp}/httpHeaders/${j}/name`, `${what}.httpGet header name ${show(n)} of container ${show(c.name)} is invalid; allowed: letters, digits and "-"`, 'use a header name such as "X-Probe"');
    });
  }
  if (kind === 'httpGet' && body.path !== undefined && !isStr(body.path)) {
    out.add(`${hp}/path`, `${what}.httpGet.path ${show(body.path)} of container ${show(c.name)} must be a string`, 'write the path, e.g. "/healthz"');
  }
}
