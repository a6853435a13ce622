/**
 * The smaller core/v1 kinds as the API server checks them on create: a Namespace's spec.finalizers
 * (ValidateNamespace), Endpoints subsets, addresses and ports (ValidateEndpoints), and a ReplicationController's
 * selector against its pod template (ValidateReplicationControllerSpec; the pod spec itself is other rules').
 */
import { Issue } from '../../util/errors';
import { checkLabelKey, isDns1123Label, isDns1123Subdomain } from '../../util/names';
import { ObjectRule } from '../types';
import { endpointIPProblem } from '../../util/ip';
import { Obj, Sink, isInt, isObj, isStr, keys, list, show, sink } from './support';

/** Finalizer names without a domain that the core API group accepts. */
export const STANDARD_FINALIZERS: readonly string[] = ['kubernetes', 'orphan', 'foregroundDeletion'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export const coreObjectsRule: ObjectRule = {
  id: 'core-objects',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['Namespace', 'Endpoints', 'ReplicationController'],
  description: 'Namespace finalizers, Endpoints addresses and ports, and ReplicationController selectors are values the API server accepts.',
  check(obj, path): Issue[] {
    if (!isObj(obj)) return [];
    const out = sink('core-objects', path);
    if (obj.kind === 'Namespace') checkNamespace(obj, out);
    else if (obj.kind === 'Endpoints') checkEndpoints(obj, out);
    else if (obj.kind === 'ReplicationController') checkReplicationController(obj, out);
    return out.issues;
  },
};

/** Why `name` is not a valid finalizer of a built-in kind, or undefined (shared with object-metadata). */
export function finalizerProblem(name: string): string | undefined {
  const syntax = checkLabelKey(name);
  if (syntax) return syntax;
  if (!name.includes('/') && !STANDARD_FINALIZERS.includes(name)) {
    return `a finalizer without a domain must be one of ${STANDARD_FINALIZERS.join(', ')}; others need a domain prefix such as "example.com/cleanup"`;
  }
  return undefined;
}

function checkNamespace(obj: Obj, out: Sink): void {
  if (!isObj(obj.spec)) return;
  list(obj.spec.finalizers).forEach((f, i) => {
    if (!isStr(f)) return;
    const problem = finalizerProblem(f);
    if (problem) out.add(`/spec/finalizers/${i}`, `namespace finalizer ${show(f)} is invalid: ${problem}`, 'use "kubernetes" (the default) or a domain-qualified name');
  });
}

function checkEndpoints(obj: Obj, out: Sink): void {
  list(obj.subsets).forEach((subset, i) => {
    if (!isObj(subset)) return;
    const p = `/subsets/${i}`;
    const addresses = list(subset.addresses);
    const notReady = list(subset.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0) {
      out.add(p, `subsets[${i}] has no addresses and no notReadyAddresses; the API server requires at least one`, 'add the endpoint IPs under addresses, or remove the subset');
    }
    addresses.forEach((a, j) => checkAddress(a, `${p}/addresses/${j}`, out));
    notReady.forEach((a, j) => checkAddress(a, `${p}/notReadyAddresses/${j}`, out));
    const ports = list(subset.ports);
    ports.forEach((port, j) => {
      if (isObj(port)) checkEndpointPort(port, `${p}/ports/${j}`, ports.length > 1, out);
    });
  });
}

function checkAddress(a: unknown, p: string, out: Sink): void {
  if (!isObj(a)) return;
  const problem = endpointIPProblem(a.ip);
  if (problem) out.add(`${p}/ip`, `endpoint ip ${show(a.ip)} is not allowed: ${problem}`, 'use the routable IP of the pod or host that serves the endpoint');
  if (isStr(a.hostname) && a.hostname !== '' && !isDns1123Label(a.hostname)) {
    out.add(`${p}/hostname`, `hostname ${show(a.hostname)} is invalid; allowed: a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters)`, 'use a short lowercase host name such as "db-0"');
  }
  if (isStr(a.nodeName) && !isDns1123Subdomain(a.nodeName)) {
    out.add(`${p}/nodeName`, `nodeName ${show(a.nodeName)} is not a valid node name; allowed: a DNS-1123 subdomain`, 'use the node\'s name as kubectl get nodes shows it');
  }
}

function checkEndpointPort(port: Obj, p: string, requireName: boolean, out: Sink): void {
  if (port.name === undefined || port.name === null || port.name === '') {
    if (requireName) out.add(`${p}/name`, 'an Endpoints subset with more than one port needs a name on every port', 'name each port as the Service port it serves, e.g. "http"');
  } else if (!isStr(port.name) || !isDns1123Label(port.name)) {
    out.add(`${p}/name`, `endpoint port name ${show(port.name)} is invalid; allowed: a DNS-1123 label`, 'use a lowercase name such as "http"');
  }
  if (port.port !== undefined && (!isInt(port.port) || port.port < 1 || port.port > 65535)) {
    out.add(`${p}/port`, `endpoint port ${show(port.port)} is out of range; allowed: 1 to 65535`, 'use the port the endpoint listens on');
  }
  if (port.protocol !== undefined && port.protocol !== null && !PROTOCOLS.includes(port.protocol)) {
    out.add(`${p}/protocol`, `protocol ${show(port.protocol)} is not supported; allowed: ${PROTOCOLS.join(', ')}`, 'use TCP, UDP or SCTP (upper case), or omit it for TCP');
  }
  if (isStr(port.appProtocol)) {
    const problem = checkLabelKey(port.appProtocol);
    if (problem) out.add(`${p}/appProtocol`, `appProtocol ${show(port.appProtocol)} is invalid: ${problem}`, 'use a name such as "http", "kubernetes.io/h2c" or "example.com/proto"');
  }
}

function checkReplicationController(obj: Obj, out: Sink): void {
  const spec = obj.spec;
  if (!isObj(spec)) return;
  const template = spec.template;
  if (!isObj(template)) {
    out.add('/spec/template', 'a ReplicationController needs spec.template (the pod template it runs)', 'add a pod template with labels and containers');
    return;
  }
  const labels = isObj(template.metadata) && isObj(template.metadata.labels) ? template.metadata.labels : {};
  const selector = isObj(spec.selector) ? spec.selector : {};
  // An empty selector defaults to the template's labels.
  if (keys(selector).length === 0) {
    if (keys(labels).length === 0) out.add('/spec/selector', 'the ReplicationController has no selector and its pod template has no labels to default one from', 'label the pod template, e.g. app: web (the selector defaults to those labels)');
    return;
  }
  const mismatched = keys(selector).filter((k) => labels[k] !== selector[k]);
  if (mismatched.length > 0) {
    out.add('/spec/template/metadata/labels', `the selector ${show(selector)} does not match the pod template labels ${show(labels)} (${mismatched.join(', ')} differ)`, 'give the template every selector label with the same value, or drop spec.selector to default it');
  }
}
