/**
 * The container checks the API server makes (validateContainers / validateContainerCommon) and the OpenAPI
 * schema leaves out: a pod has containers, each with a unique DNS-1123 name and an image, valid ports, env
 * variables and envFrom sources. Resources, volumes and probes are separate rules.
 */
import { Issue } from '../../util/errors';
import { checkPortName, isDns1123Label } from '../../util/names';
import { ObjectRule, POD_KINDS, podSpecOf } from '../types';
import { Obj, Sink, isInt, isObj, isStr, list, show, sink, text, what } from './support';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];
const ENV_FROM_SOURCES = ['configMapRef', 'secretRef'];
/** Since Kubernetes 1.32 (RelaxedEnvironmentVariableValidation) any printable ASCII but "=" is accepted. */
const ENV_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;

export const containersRule: ObjectRule = {
  id: 'containers',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: POD_KINDS,
  description: 'A pod has at least one container; every container has a unique name, an image, valid ports, env variables and envFrom sources.',
  check(obj, path): Issue[] {
    const found = podSpecOf(obj);
    if (!found || !isObj(found.spec)) return [];
    const { spec, pointer } = found;
    const out = sink('containers', path);
    if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
      out.add(`${pointer}/containers`, `${what(obj)} has no containers; the API server requires at least one`, 'add a container (addContainer({ image }) or the containers prop)');
    }
    if (obj.kind !== 'Pod' && list(spec.ephemeralContainers).length > 0) {
      out.add(`${pointer}/ephemeralContainers`, 'ephemeralContainers are not allowed in a pod template (the API server adds them to running pods only)', 'remove ephemeralContainers; use kubectl debug on a running pod instead');
    }
    const names = new Set<string>();
    for (const field of CONTAINER_LISTS) {
      list(spec[field]).forEach((c, i) => {
        const p = `${pointer}/${field}/${i}`;
        if (!isObj(c)) return out.add(p, `${field}[${i}] must be an object (got ${show(c)})`, 'write the container as { name, image, ... }');
        checkName(c, i, p, names, out);
        checkImage(c, p, obj.kind === 'Pod', out);
        checkPorts(c, p, out);
        checkEnv(c, p, out);
        if (c.restartPolicy !== undefined) {
          if (field === 'containers') out.add(`${p}/restartPolicy`, `container ${show(c.name)} sets restartPolicy ${show(c.restartPolicy)}; the API server allows it only on init containers`, 'remove it, or move the container to initContainers with restartPolicy Always (a sidecar)');
          else if (field === 'initContainers' && c.restartPolicy !== 'Always') out.add(`${p}/restartPolicy`, `init container ${show(c.name)} has restartPolicy ${show(c.restartPolicy)}; the only allowed value is Always (a sidecar)`, 'set restartPolicy: Always, or remove it for a run-to-completion init container');
        }
      });
    }
    checkHostPorts(spec, pointer, obj.kind === 'Pod', out);
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

function checkEnv(c: Obj, p: string, out: Sink): void {
  list(c.env).forEach((e, j) => {
    const ep = `${p}/env/${j}`;
    if (!isObj(e)) return out.add(ep, `env[${j}] of container ${show(c.name)} must be an object (got ${show(e)})`, 'write { name: "KEY", value: "v" }');
    if (!isStr(e.name) || !ENV_NAME.test(e.name)) {
      out.add(`${ep}/name`, `env variable name ${show(e.name)} of container ${show(c.name)} is invalid; allowed: a non-empty string of printable ASCII characters other than "="`, 'rename the variable, e.g. "LOG_LEVEL"');
    }
    if (e.valueFrom === undefined || e.valueFrom === null) return;
    const sources = isObj(e.valueFrom) ? ENV_SOURCES.filter((k) => e.valueFrom[k] != null) : [];
    if (sources.length !== 1) {
      out.add(`${ep}/valueFrom`, `env variable ${show(e.name)} valueFrom sets ${sources.length === 0 ? 'no source' : sources.join(' and ')}; the API server requires exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef`, 'keep exactly one source');
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
    if (isObj(e) && e.prefix !== undefined && e.prefix !== '' && (!isStr(e.prefix) || !ENV_NAME.test(e.prefix))) {
      out.add(`${ep}/prefix`, `envFrom prefix ${show(e.prefix)} is invalid; allowed: printable ASCII characters other than "="`, 'use a prefix such as "CFG_"');
    }
  });
}

/**
 * Host ports must not collide within the regular containers (same protocol, hostIP and port), and with
 * hostNetwork they must equal the container port (in templates, an unset hostPort is defaulted to it).
 */
function checkHostPorts(spec: Obj, pointer: string, isPod: boolean, out: Sink): void {
  const seen = new Set<string>();
  const hostNetwork = spec.hostNetwork === true;
  list(spec.containers).forEach((c, i) => {
    if (!isObj(c)) return;
    list(c.ports).forEach((port, j) => {
      if (!isObj(port)) return;
      const pp = () => `${pointer}/containers/${i}/ports/${j}/hostPort`;
      const hp = port.hostPort ?? 0;
      if (hostNetwork && (isPod || hp !== 0) && hp !== port.containerPort) {
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
