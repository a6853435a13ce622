/**
 * Service spec checks the API server makes (ValidateService / validateServicePort) and the OpenAPI schema
 * leaves out: ports, names, node ports, headless and ExternalName combinations, session affinity and traffic
 * policies. The node-port range is the API server's default; clusters may configure another.
 */
import { Issue } from '../../util/errors';
import { checkPortName, isDns1123Label, isDns1123Subdomain } from '../../util/names';
import { ObjectRule } from '../types';
import { checkLabelMap } from './label-syntax';
import { Obj, Sink, isInt, isObj, isStr, list, portNumOrNameProblem, show, sink, text } from './support';

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
/** kube-apiserver's default --service-node-port-range. */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;
const MAX_AFFINITY_SECONDS = 86400;

export const serviceSpecRule: ObjectRule = {
  id: 'service-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['Service'],
  description: 'Service ports, node ports, type combinations (headless, ExternalName), session affinity and traffic policies are valid.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'Service' || !isObj(obj.spec)) return [];
    const spec = obj.spec;
    const out = sink('service-spec', path);
    const type = text(spec.type ?? 'ClusterIP');
    if (!TYPES.includes(type)) {
      out.add('/spec/type', `Service type ${show(spec.type)} is not supported; allowed: ${TYPES.join(', ')}`, 'use one of ClusterIP, NodePort, LoadBalancer, ExternalName (case matters)');
    }
    const headless = spec.clusterIP === 'None' || list(spec.clusterIPs)[0] === 'None';
    if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
      out.add('/spec/clusterIP', `a headless Service (clusterIP: None) cannot have type ${type}`, 'remove clusterIP: None, or use type ClusterIP for a headless Service');
    }
    if (type === 'ExternalName') checkExternalName(spec, out);
    if (list(spec.ports).length === 0 && !headless && type !== 'ExternalName') {
      out.add('/spec/ports', `a ${type} Service needs at least one port; only headless (clusterIP: None) and ExternalName Services may have none`, 'add a port, e.g. { port: 80, targetPort: 8080 }');
    }
    checkPorts(spec, type, out);
    if (spec.selector !== undefined) checkLabelMap(spec.selector, '/spec/selector', 'selector label', out);
    checkAffinity(spec, out);
    checkTrafficPolicies(spec, type, out);
    return out.issues;
  },
};

function checkExternalName(spec: Obj, out: Sink): void {
  const name = spec.externalName;
  const cname = isStr(name) ? name.replace(/\.$/, '') : '';
  if (cname === '') out.add('/spec/externalName', 'an ExternalName Service needs spec.externalName (the DNS name it aliases)', 'set externalName, e.g. "db.example.com"');
  else if (!isDns1123Subdomain(cname)) out.add('/spec/externalName', `externalName ${show(name)} is not a valid DNS name; allowed: a lowercase DNS-1123 subdomain (an optional trailing "." is fine)`, 'use a host name such as "db.example.com" (no scheme, port or path)');
  if ((spec.clusterIP !== undefined && spec.clusterIP !== '') || list(spec.clusterIPs).length > 0) {
    out.add('/spec/clusterIP', `an ExternalName Service may not set clusterIP or clusterIPs (got ${show(spec.clusterIP ?? spec.clusterIPs)})`, 'remove clusterIP and clusterIPs');
  }
  for (const f of ['ipFamilies', 'ipFamilyPolicy']) {
    if (spec[f] !== undefined && !(Array.isArray(spec[f]) && spec[f].length === 0)) out.add(`/spec/${f}`, `an ExternalName Service may not set ${f}`, `remove ${f}`);
  }
}

function checkPorts(spec: Obj, type: string, out: Sink): void {
  const ports = list(spec.ports);
  const names = new Set<string>();
  const seen = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((port, i) => {
    const p = `/spec/ports/${i}`;
    if (!isObj(port)) return out.add(p, `ports[${i}] must be an object (got ${show(port)})`, 'write { name: "http", port: 80, targetPort: 8080 }');
    if (port.name === undefined || port.name === '') {
      if (ports.length > 1) out.add(`${p}/name`, `port ${show(port.port)} has no name; the API server requires names when a Service has more than one port`, 'name every port, e.g. "http" and "metrics"');
    } else if (!isStr(port.name) || !isDns1123Label(port.name)) {
      out.add(`${p}/name`, `Service port name ${show(port.name)} is invalid; allowed: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (DNS-1123 label)`, 'use a name such as "http"');
    } else if (names.has(port.name)) {
      out.add(`${p}/name`, `Service port name "${port.name}" is used twice`, 'give every port a unique name');
    } else names.add(port.name);
    if (!isInt(port.port) || port.port < 1 || port.port > 65535) {
      out.add(`${p}/port`, `Service port ${show(port.port)} is ${port.port === undefined ? 'missing' : 'out of range'}; allowed: an integer from 1 to 65535`, 'use the port clients connect to, e.g. 80');
    }
    const protocol = text(port.protocol ?? 'TCP');
    if (!PROTOCOLS.includes(protocol)) out.add(`${p}/protocol`, `protocol ${show(port.protocol)} is not supported; allowed: TCP, UDP, SCTP`, 'use TCP, UDP or SCTP (upper case), or omit it for TCP');
    const key = `${protocol}/${show(port.port)}`;
    if (seen.has(key)) out.add(p, `port ${show(port.port)}/${protocol} is listed twice`, 'remove the duplicate or change its port or protocol');
    seen.add(key);
    if (port.targetPort !== undefined) {
      const problem = portNumOrNameProblem(port.targetPort, checkPortName);
      if (problem) out.add(`${p}/targetPort`, `targetPort ${show(port.targetPort)} is invalid: ${problem}`, 'use the container port number, or the name of a container port (quoted digits count as a name)');
    }
    checkNodePort(port, p, type, protocol, nodePorts, out);
  });
}

function checkNodePort(port: Obj, p: string, type: string, protocol: string, nodePorts: Set<string>, out: Sink): void {
  const np = port.nodePort;
  if (np === undefined || np === null || np === 0) return;
  if (type === 'ClusterIP') {
    return out.add(`${p}/nodePort`, `nodePort ${show(np)} is set on a ClusterIP Service; the API server allows nodePort only for NodePort and LoadBalancer Services`, 'remove nodePort, or set type: NodePort');
  }
  if (!isInt(np) || np < NODE_PORT_MIN || np > NODE_PORT_MAX) {
    out.add(`${p}/nodePort`, `nodePort ${show(np)} is outside ${NODE_PORT_MIN}-${NODE_PORT_MAX}, the API server's default --service-node-port-range`, 'remove nodePort to let the cluster pick one, or use a port in the cluster\'s node port range');
  }
  const key = `${protocol}/${show(np)}`;
  if (nodePorts.has(key)) out.add(`${p}/nodePort`, `nodePort ${show(np)}/${protocol} is used by two ports of this Service`, 'give each port its own nodePort');
  nodePorts.add(key);
}

function checkAffinity(spec: Obj, out: Sink): void {
  const affinity = spec.sessionAffinity ?? 'None';
  if (affinity !== 'None' && affinity !== 'ClientIP') {
    return out.add('/spec/sessionAffinity', `sessionAffinity ${show(spec.sessionAffinity)} is not supported; allowed: None, ClientIP`, 'use None or ClientIP');
  }
  const config = spec.sessionAffinityConfig;
  if (config === undefined || config === null) return;
  if (affinity === 'None') {
    return out.add('/spec/sessionAffinityConfig', 'sessionAffinityConfig is set while sessionAffinity is None; the API server forbids it', 'remove sessionAffinityConfig, or set sessionAffinity: ClientIP');
  }
  const timeout = config?.clientIP?.timeoutSeconds;
  if (timeout !== undefined && (!isInt(timeout) || timeout <= 0 || timeout > MAX_AFFINITY_SECONDS)) {
    out.add('/spec/sessionAffinityConfig/clientIP/timeoutSeconds', `sessionAffinityConfig.clientIP.timeoutSeconds ${show(timeout)} is out of range; allowed: 1 to ${MAX_AFFINITY_SECONDS} seconds`, 'use e.g. 10800 (3 hours, the default)');
  }
}

function checkTrafficPolicies(spec: Obj, type: string, out: Sink): void {
  // The API server calls these "externally accessible": reachable from outside through node ports or external IPs.
  const external = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && list(spec.externalIPs).length > 0);
  const etp = spec.externalTrafficPolicy;
  if (etp !== undefined && etp !== '') {
    if (!external) out.add('/spec/externalTrafficPolicy', `externalTrafficPolicy ${show(etp)} is set on a ${type} Service; the API server allows it only for NodePort and LoadBalancer Services (or ones with externalIPs)`, 'remove externalTrafficPolicy, or change the Service type');
    else if (etp !== 'Cluster' && etp !== 'Local') out.add('/spec/externalTrafficPolicy', `externalTrafficPolicy ${show(etp)} is not supported; allowed: Cluster, Local`, 'use Cluster or Local');
  }
  const itp = spec.internalTrafficPolicy;
  if (itp !== undefined && itp !== 'Cluster' && itp !== 'Local') {
    out.add('/spec/internalTrafficPolicy', `internalTrafficPolicy ${show(itp)} is not supported; allowed: Cluster, Local`, 'use Cluster or Local');
  }
  if (spec.healthCheckNodePort !== undefined && spec.healthCheckNodePort !== 0 && !(type === 'LoadBalancer' && etp === 'Local')) {
    out.add('/spec/healthCheckNodePort', `healthCheckNodePort ${show(spec.healthCheckNodePort)} is set, but the API server allows it only when type is LoadBalancer and externalTrafficPolicy is Local`, 'remove healthCheckNodePort');
  }
  for (const f of ['loadBalancerSourceRanges', 'allocateLoadBalancerNodePorts', 'loadBalancerClass']) {
    const v = spec[f];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && type !== 'LoadBalancer') {
      out.add(`/spec/${f}`, `${f} is set on a ${type} Service; the API server allows it only when type is LoadBalancer`, `remove ${f}, or set type: LoadBalancer`);
    }
  }
}
