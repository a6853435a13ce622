/**
 * The container checks the API server makes (validateContainers / validateContainerCommon) and the OpenAPI
 * schema leaves out: a pod has containers, each with a unique DNS-1123 name and an image, valid ports, env
 * variables and envFrom sources. Resources, volumes and probes are separate rules.
 */
import { Issue } from '../../util/errors';
import { checkPortName, isDns1123Label } from '../../util/names';
import { featureEnabled, featureGate } from '../../schema/lifecycle';
import { ObjectRule, RuleContext } from '../types';
import { Obj, Sink, isInt, isObj, isStr, list, show, sink, text, what } from './support';
import { checkEnvSources } from './env-sources';
import { POD_SPEC_KINDS, podSpecIn } from './pod-support';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];
const ENV_FROM_SOURCES = ['configMapRef', 'secretRef'];
/** Since Kubernetes 1.32 (RelaxedEnvironmentVariableValidation) any printable ASCII but "=" is accepted. */
const ENV_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;
/** Before 1.32: a C-like identifier that may also hold "-" and ".", not starting with a digit or "..". */
const STRICT_ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const envNameOk = (n: string, relaxed: boolean) => (relaxed ? ENV_NAME.test(n) : STRICT_ENV_NAME.test(n) && n !== '.' && !n.startsWith('..'));
const ENV_NAME_RULE = (relaxed: boolean) => (relaxed ? 'a non-empty string of printable ASCII characters other than "="' : 'letters, digits, "_", "-" and ".", not starting with a digit (Kubernetes before 1.32)');
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

export const containersRule: ObjectRule = {
  id: 'containers',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: POD_SPEC_KINDS,
  description: 'A pod has at least one container; every container has a unique name, an image, valid ports, env variables and envFrom sources.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    const found = podSpecIn(obj);
    if (!found || !isObj(found.spec)) return [];
    const { spec, pointer } = found;
    const out = sink('containers', path);
    const k8sVersion = ctx?.k8sVersion;
    const relaxed = featureEnabled('RelaxedEnvironmentVariableValidation', k8sVersion);
    const fileKeyRef = featureEnabled('EnvFiles', k8sVersion);
    if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
      out.add(`${pointer}/containers`, `${what(obj)} has no containers; the API server requires at least one`, 'add a container (addContainer({ image }) or the containers prop)');
    }
    if (list(spec.ephemeralContainers).length > 0) {
      out.add(`${pointer}/ephemeralContainers`, obj.kind === 'Pod' ? 'ephemeralContainers cannot be set when a Pod is created (they are added to running pods through the ephemeralcontainers subresource)' : 'ephemeralContainers are not allowed in a pod template (the API server adds them to running pods only)', 'remove ephemeralContainers; use kubectl debug on a running pod instead');
    }
    const names = new Set<string>();
    for (const field of CONTAINER_LISTS) {
      list(spec[field]).forEach((c, i) => {
        const p = `${pointer}/${field}/${i}`;
        if (!isObj(c)) return out.add(p, `${field}[${i}] must be an object (got ${show(c)})`, 'write the container as { name, image, ... }');
        checkName(c, i, p, names, out);
        checkImage(c, p, obj.kind === 'Pod', out);
        checkPorts(c, p, out);
        checkEnv(c, p, relaxed, fileKeyRef, out);
        checkEnvSources(c, p, out);
        checkPolicies(c, p, spec.restartPolicy, field === 'initContainers', out);
        if (field !== 'ephemeralContainers') checkRestartPolicy(c, p, field === 'initContainers', k8sVersion, out);
      });
    }
    checkHostPorts(spec, pointer, out);
    return out.issues;
  },
};

function checkName(c: Obj, i: number, p: string, names: Set<string>, out: Sink): void {
  const name = c.name;
  if (name === undefined || name === '') return out.add(`${p}/name`, `container #${i} has no name; the API server requires one`, 'give every container a name, e.g. "web"');
  if (!isStr(name) || !isDns1123Label(name)) {
    return out.add(`${p}/name`, `container name ${show(name)} is invalid; allowed: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (DNS-1123 label)`, 'rename the container, e.g. "web-server"');
  }
  if (names.has(name)) return out.add(`${p}/name`, `container name "${name}" is used twice; names must be unique across init, regular and ephemeral containers`, 'give every container a unique name');
  names.add(name);
}

function checkImage(c: Obj, p: string, isPod: boolean, out: Sink): void {
  const image = c.image;
  if (image === undefined || image === '' || !isStr(image)) {
    return out.add(`${p}/image`, `container ${show(c.name)} has no valid image (got ${show(image)}); the API server requires one`, 'set image, e.g. "nginx:1.27"');
  }
  // Only Pods are checked for whitespace: templates tolerate it for tools that substitute the image later.
  if (isPod && image.trim() !== image) out.add(`${p}/image`, `container ${show(c.name)} image ${show(image)} has leading or trailing whitespace`, 'remove the spaces around the image reference');
}

function checkPorts(c: Obj, p: string, out: Sink): void {
  const names = new Set<string>();
  list(c.ports).forEach((port, j) => {
    const pp = `${p}/ports/${j}`;
    if (!isObj(port)) return out.add(pp, `ports[${j}] of container ${show(c.name)} must be an object (got ${show(port)})`, 'write { containerPort: 8080, name: "http" }');
    const n = port.containerPort;
    if (!isInt(n) || n < 1 || n > 65535) {
      out.add(`${pp}/containerPort`, `containerPort ${show(n)} of container ${show(c.name)} is ${n === undefined ? 'missing' : 'out of range'}; allowed: an integer from 1 to 65535`, 'use the port the process listens on, e.g. 8080');
    }
    const hp = port.hostPort;
    if (hp !== undefined && hp !== 0 && (!isInt(hp) || hp < 1 || hp > 65535)) {
      out.add(`${pp}/hostPort`, `hostPort ${show(hp)} of container ${show(c.name)} is out of range; allowed: 0 (none) or an integer from 1 to 65535`, 'remove hostPort (a Service is usually the better choice) or use a valid port');
    }
    if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) {
      out.add(`${pp}/protocol`, `protocol ${show(port.protocol)} of container ${show(c.name)} is not supported; allowed: TCP, UDP, SCTP`, 'use one of TCP, UDP, SCTP (upper case), or omit it for TCP');
    }
    if (port.name === undefined || port.name === '') return;
    const problem = isStr(port.name) ? checkPortName(port.name) : 'a port name must be a string';
    if (problem) out.add(`${pp}/name`, `port name ${show(port.name)} of container ${show(c.name)} is invalid: ${problem}`, 'use a short name such as "http" or "metrics"');
    else if (names.has(port.name)) out.add(`${pp}/name`, `port name "${port.name}" is used twice in container ${show(c.name)}`, 'give each port of a container a unique name');
    else names.add(port.name);
  });
}

const CONTAINER_RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/**
 * A container's own restartPolicy and restartPolicyRules, as each version judges them (ContainerRestartRules):
 * before the gate existed (up to 1.33) only init containers may set it, to Always (a sidecar); with the gate off
 * (1.34) the server silently drops every value but an init container's Always; with it on (1.35+) any container
 * may set Always, OnFailure or Never, with rules.
 */
function checkRestartPolicy(c: Obj, p: string, init: boolean, k8sVersion: string | undefined, out: Sink): void {
  const policy = c.restartPolicy;
  const rules = list(c.restartPolicyRules);
  const gate = featureGate('ContainerRestartRules', k8sVersion);
  if (gate && !gate.enabled) return;
  if (!gate) {
    if (policy == null) return;
    if (!init) out.add(`${p}/restartPolicy`, `container ${show(c.name)} sets restartPolicy ${show(policy)}; before Kubernetes 1.35 the API server allows it only on init containers`, 'remove it, or move the container to initContainers with restartPolicy Always (a sidecar)');
    else if (policy !== 'Always') out.add(`${p}/restartPolicy`, `init container ${show(c.name)} has restartPolicy ${show(policy)}; before Kubernetes 1.35 the only allowed value is Always (a sidecar)`, 'set restartPolicy: Always, or remove it for a run-to-completion init container');
    return;
  }
  if (policy == null) {
    if (rules.length > 0) out.add(`${p}/restartPolicy`, `container ${show(c.name)} has restartPolicyRules but no restartPolicy`, 'set restartPolicy (e.g. Never) next to the rules');
  } else if (!CONTAINER_RESTART_POLICIES.includes(policy)) {
    out.add(`${p}/restartPolicy`, `restartPolicy ${show(policy)} of container ${show(c.name)} is not supported; allowed: ${CONTAINER_RESTART_POLICIES.join(', ')}`, 'use Always, OnFailure or Never');
  }
  if (rules.length === 0) return;
  // Rules on sidecars, and the RestartAllContainers action, come with RestartAllContainersOnContainerExits.
  const restartAll = featureEnabled('RestartAllContainersOnContainerExits', k8sVersion);
  if (init && policy === 'Always' && !restartAll) return out.add(`${p}/restartPolicyRules`, `sidecar container ${show(c.name)} (restartPolicy Always) may not have restartPolicyRules`, 'remove the rules');
  if (rules.length > 20) out.add(`${p}/restartPolicyRules`, `container ${show(c.name)} has ${rules.length} restartPolicyRules; at most 20 are allowed`, 'merge the rules');
  const actions = restartAll ? ['Restart', 'RestartAllContainers'] : ['Restart'];
  rules.forEach((r, j) => {
    const rp = `${p}/restartPolicyRules/${j}`;
    if (!isObj(r)) return;
    if (!actions.includes(r.action)) out.add(`${rp}/action`, `restart rule action ${show(r.action)} of container ${show(c.name)} is not supported; allowed: ${actions.join(', ')}`, 'use action: Restart');
    if (!isObj(r.exitCodes)) return out.add(`${rp}/exitCodes`, `restart rule #${j} of container ${show(c.name)} has no exitCodes`, 'add exitCodes: { operator: In, values: [42] }');
    if (r.exitCodes.operator !== 'In' && r.exitCodes.operator !== 'NotIn') out.add(`${rp}/exitCodes/operator`, `exitCodes operator ${show(r.exitCodes.operator)} of container ${show(c.name)} is not supported; allowed: In, NotIn`, 'use In or NotIn');
    if (list(r.exitCodes.values).length > 255) out.add(`${rp}/exitCodes/values`, `exitCodes of container ${show(c.name)} lists ${list(r.exitCodes.values).length} values; at most 255 are allowed`, 'list fewer exit codes, or use NotIn');
  });
}

/** imagePullPolicy, terminationMessagePolicy and resizePolicy (empty values are filled in by defaults). */
function checkPolicies(c: Obj, p: string, podRestart: unknown, init: boolean, out: Sink): void {
  if (c.imagePullPolicy != null && c.imagePullPolicy !== '' && !PULL_POLICIES.includes(c.imagePullPolicy)) {
    out.add(`${p}/imagePullPolicy`, `imagePullPolicy ${show(c.imagePullPolicy)} of container ${show(c.name)} is not supported; allowed: ${PULL_POLICIES.join(', ')}`, 'use IfNotPresent, Always or Never (or remove it)');
  }
  if (c.terminationMessagePolicy != null && c.terminationMessagePolicy !== '' && !MESSAGE_POLICIES.includes(c.terminationMessagePolicy)) {
    out.add(`${p}/terminationMessagePolicy`, `terminationMessagePolicy ${show(c.terminationMessagePolicy)} of container ${show(c.name)} is not supported; allowed: ${MESSAGE_POLICIES.join(', ')}`, 'use File (the default) or FallbackToLogsOnError');
  }
  const seen = new Set<string>();
  list(c.resizePolicy).forEach((r, j) => {
    const rp = `${p}/resizePolicy/${j}`;
    if (!isObj(r)) return;
    if (r.resourceName !== 'cpu' && r.resourceName !== 'memory') out.add(`${rp}/resourceName`, `resizePolicy resourceName ${show(r.resourceName)} of container ${show(c.name)} is not supported; allowed: cpu, memory`, 'use cpu or memory');
    else if (seen.has(r.resourceName)) out.add(`${rp}/resourceName`, `resizePolicy of container ${show(c.name)} lists ${r.resourceName} twice`, 'list each resource once');
    if (isStr(r.resourceName)) seen.add(r.resourceName);
    if (r.restartPolicy !== 'NotRequired' && r.restartPolicy !== 'RestartContainer') out.add(`${rp}/restartPolicy`, `resizePolicy restartPolicy ${show(r.restartPolicy)} of container ${show(c.name)} is not supported; allowed: NotRequired, RestartContainer`, 'use NotRequired or RestartContainer');
    else if (r.restartPolicy === 'RestartContainer' && podRestart === 'Never') out.add(`${rp}/restartPolicy`, `resizePolicy of container ${show(c.name)} is RestartContainer but the pod's restartPolicy is Never`, 'use NotRequired');
    else if (r.restartPolicy === 'RestartContainer' && init && c.restartPolicy !== 'Always') out.add(`${rp}/restartPolicy`, `init container ${show(c.name)} may not use resizePolicy RestartContainer (only sidecars, with restartPolicy Always, may)`, 'use NotRequired, or make it a sidecar');
  });
}

function checkEnv(c: Obj, p: string, relaxed: boolean, fileKeyRef: boolean, out: Sink): void {
  // fileKeyRef (EnvFiles) is a source since 1.35; older servers drop it.
  const kinds = fileKeyRef ? [...ENV_SOURCES, 'fileKeyRef'] : ENV_SOURCES;
  list(c.env).forEach((e, j) => {
    const ep = `${p}/env/${j}`;
    if (!isObj(e)) return out.add(ep, `env[${j}] of container ${show(c.name)} must be an object (got ${show(e)})`, 'write { name: "KEY", value: "v" }');
    if (!isStr(e.name) || !envNameOk(e.name, relaxed)) {
      out.add(`${ep}/name`, `env variable name ${show(e.name)} of container ${show(c.name)} is invalid; allowed: ${ENV_NAME_RULE(relaxed)}`, 'rename the variable, e.g. "LOG_LEVEL"');
    }
    if (e.valueFrom === undefined || e.valueFrom === null) return;
    const sources = isObj(e.valueFrom) ? kinds.filter((k) => e.valueFrom[k] != null) : [];
    if (sources.length !== 1) {
      out.add(`${ep}/valueFrom`, `env variable ${show(e.name)} valueFrom sets ${sources.length === 0 ? 'no source' : sources.join(' and ')}; the API server requires exactly one of ${kinds.join(', ')}`, 'keep exactly one source');
    } else if (isStr(e.value) && e.value !== '') {
      out.add(`${ep}/value`, `env variable ${show(e.name)} sets both value and valueFrom`, 'remove value or valueFrom');
    }
  });
  list(c.envFrom).forEach((e, j) => {
    const ep = `${p}/envFrom/${j}`;
    const sources = isObj(e) ? ENV_FROM_SOURCES.filter((k) => e[k] != null) : [];
    if (sources.length !== 1) {
      out.add(ep, `envFrom[${j}] of container ${show(c.name)} sets ${sources.length === 0 ? 'no source' : 'both configMapRef and secretRef'}; the API server requires exactly one`, 'use one envFrom entry per ConfigMap or Secret');
    }
    if (isObj(e) && e.prefix !== undefined && e.prefix !== '' && (!isStr(e.prefix) || !envNameOk(e.prefix, relaxed))) {
      out.add(`${ep}/prefix`, `envFrom prefix ${show(e.prefix)} is invalid; allowed: ${ENV_NAME_RULE(relaxed)}`, 'use a prefix such as "CFG_"');
    }
  });
}

/**
 * Host ports must not collide within the regular containers (same protocol, hostIP and port), and with
 * hostNetwork they must equal the container port (in templates, an unset hostPort is defaulted to it).
 */
function checkHostPorts(spec: Obj, pointer: string, out: Sink): void {
  const seen = new Set<string>();
  const hostNetwork = spec.hostNetwork === true;
  list(spec.containers).forEach((c, i) => {
    if (!isObj(c)) return;
    list(c.ports).forEach((port, j) => {
      if (!isObj(port)) return;
      const pp = () => `${pointer}/containers/${i}/ports/${j}/hostPort`;
      const hp = port.hostPort ?? 0;
      // An unset hostPort is defaulted to the containerPort (Pods) or allowed (templates).
      if (hostNetwork && hp !== 0 && hp !== port.containerPort) {
        out.add(pp(), `hostPort ${show(port.hostPort)} of container ${show(c.name)} must equal containerPort ${show(port.containerPort)} when hostNetwork is true`, 'remove hostPort or set it to the containerPort');
      }
      if (!isInt(hp) || hp === 0) return;
      const protocol = text(port.protocol ?? 'TCP');
      const key = `${protocol}/${text(port.hostIP ?? '')}/${hp}`;
      if (seen.has(key)) out.add(pp(), `hostPort ${hp}/${protocol} is used by two ports of this pod`, 'give each host port a different number or protocol');
      seen.add(key);
    });
  });
}
