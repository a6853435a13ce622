/**
 * Service spec checks the API server makes (ValidateService / validateServicePort) and the OpenAPI schema
 * leaves out: ports, names, node ports, headless and ExternalName combinations, session affinity and traffic
 * policies. The node-port range is the API server's default; clusters may configure another.
 */
import { Issue } from '../../util/errors';
import { checkLabelKey, checkPortName, isDns1123Label, isDns1123Subdomain } from '../../util/names';
import { ObjectRule, RuleContext } from '../types';
import { checkLabelMap } from './label-syntax';
import { endpointIPProblem, goFamily, ipProblem, parseCidr, parseIp, strictCidrProblem, strictIpValidation } from '../../util/ip';
import { Obj, Sink, isInt, isObj, isStr, list, portNumOrNameProblem, ptr, show, sink, text } from './support';

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
  check(obj, path, ctx?: RuleContext): Issue[] {
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
    if (type !== 'ExternalName') checkClusterIPs(spec, out);
    // externalIPs and source ranges are legacy IP/CIDR fields: strict forms with StrictIPCIDRValidation.
    const strict = strictIpValidation(ctx?.k8sVersion);
    checkExternalIPs(spec, strict, out);
    checkLoadBalancerFields(obj, spec, type, strict, out);
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
    if (isStr(port.appProtocol)) {
      const problem = checkLabelKey(port.appProtocol);
      if (problem) out.add(`${p}/appProtocol`, `appProtocol ${show(port.appProtocol)} is invalid: ${problem}`, 'use an IANA service name such as "http", or a prefixed name such as "kubernetes.io/h2c"');
    }
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

const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];

/** clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy (ValidateServiceClusterIPsRelatedFields). */
function checkClusterIPs(spec: Obj, out: Sink): void {
  const single = spec.clusterIP;
  const given = list(spec.clusterIPs);
  // The API server copies clusterIP into an empty clusterIPs (and back) before it validates.
  if (isStr(single) && single !== '' && given.length > 0 && given[0] !== single) {
    out.add('/spec/clusterIPs', `clusterIPs ${show(given)} must start with clusterIP ${show(single)}`, 'set clusterIPs[0] to the clusterIP, or set only one of the two fields');
  }
  const ips = given.length > 0 ? given : isStr(single) && single !== '' ? [single] : [];
  const at = given.length > 0 ? (i: number) => `/spec/clusterIPs/${i}` : () => '/spec/clusterIP';
  const families = list(spec.ipFamilies);
  const seen = new Set<unknown>();
  families.forEach((f, i) => {
    if (!IP_FAMILIES.includes(f as string)) out.add(`/spec/ipFamilies/${i}`, `ipFamilies[${i}] ${show(f)} is not supported; allowed: IPv4, IPv6`, 'use IPv4 and/or IPv6 (case matters)');
    else if (seen.has(f)) out.add(`/spec/ipFamilies/${i}`, `ip family ${show(f)} is listed twice`, 'list each family once: [IPv4], [IPv6], [IPv4, IPv6] or [IPv6, IPv4]');
    seen.add(f);
  });
  const policy = spec.ipFamilyPolicy;
  if (policy !== undefined && policy !== null && !IP_FAMILY_POLICIES.includes(policy)) {
    out.add('/spec/ipFamilyPolicy', `ipFamilyPolicy ${show(policy)} is not supported; allowed: ${IP_FAMILY_POLICIES.join(', ')}`, 'use SingleStack, PreferDualStack or RequireDualStack');
  }
  let bad = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        bad = true;
        out.add('/spec/clusterIPs', `clusterIPs ${show(ips)}: "None" (headless) must be the only value`, 'use clusterIPs: ["None"] for a headless Service, or list real addresses');
      }
      return;
    }
    if (!parseIp(ip)) {
      bad = true;
      out.add(at(i), `cluster IP ${show(ip)} is not a valid IP address`, 'use an address from the cluster\'s service range, "None" for a headless Service, or leave it out to get one assigned');
    }
  });
  if (ips.length > 2) out.add('/spec/clusterIPs', `clusterIPs holds ${ips.length} values; at most 2 (one IPv4 and one IPv6) are allowed`, 'keep at most one address per IP family');
  if (bad || ips[0] === 'None') return;
  const parsed = ips.map((ip) => parseIp(ip));
  const fam = parsed.map((ip) => (ip ? goFamily(ip) : undefined));
  if (ips.length === 2 && fam[0] === fam[1]) {
    out.add('/spec/clusterIPs', `clusterIPs ${show(ips)} holds two IPv${fam[0]} addresses; a dual-stack Service has one address per family`, 'keep one IPv4 and one IPv6 address');
  }
  parsed.forEach((ip, i) => {
    const family = families[i];
    if (!ip || !IP_FAMILIES.includes(family as string)) return;
    if ((family === 'IPv4') !== (fam[i] === 4)) {
      out.add(at(i), `cluster IP ${show(ips[i])} is not an ${family} address, as ipFamilies[${i}] says`, 'order ipFamilies like the addresses, or leave ipFamilies out to derive it');
    }
  });
}

function checkExternalIPs(spec: Obj, strict: boolean, out: Sink): void {
  list(spec.externalIPs).forEach((ip, i) => {
    // As the server: the legacy-field check first (strict forms included), then ValidateEndpointIP.
    const problem = (strict && isStr(ip) && parseIp(ip) ? ipProblem(ip, true) : undefined) ?? endpointIPProblem(ip);
    if (problem) out.add(`/spec/externalIPs/${i}`, `externalIPs[${i}] ${show(ip)} is not allowed: ${problem}`, 'list routable addresses that reach the cluster\'s nodes');
  });
}

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';

/** loadBalancerSourceRanges (or their annotation), loadBalancerClass, and the topology annotations. */
function checkLoadBalancerFields(obj: Obj, spec: Obj, type: string, strict: boolean, out: Sink): void {
  const annotations = isObj(obj.metadata) && isObj(obj.metadata.annotations) ? obj.metadata.annotations : {};
  const ranges = list(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) {
    ranges.forEach((r, i) => {
      // The server trims blanks around each range (a leftover of the annotation's format).
      const p = `/spec/loadBalancerSourceRanges/${i}`;
      const c = parseCidr(isStr(r) ? r.trim() : r);
      if (!c) out.add(p, `loadBalancerSourceRanges[${i}] ${show(r)} is not a valid CIDR`, 'write an address range such as "203.0.113.0/24" or "2001:db8::/32"');
      const problem = c && strict ? strictCidrProblem(c) : undefined;
      if (problem) out.add(p, `loadBalancerSourceRanges[${i}] ${show(r)} is not accepted: ${problem}`, 'write the range in its plain form, e.g. "10.0.0.0/8"');
    });
  } else if (isStr(annotations[SOURCE_RANGES_ANNOTATION])) {
    const p = ptr('/metadata/annotations', SOURCE_RANGES_ANNOTATION);
    if (type !== 'LoadBalancer') out.add(p, `annotation ${SOURCE_RANGES_ANNOTATION} is set on a ${type} Service; the API server allows it only when type is LoadBalancer`, 'remove the annotation, or set type: LoadBalancer');
    const value = annotations[SOURCE_RANGES_ANNOTATION].trim();
    if (value !== '') {
      for (const r of value.split(',')) {
        const c = parseCidr(r.trim());
        if (!c) out.add(p, `annotation ${SOURCE_RANGES_ANNOTATION} holds ${show(r.trim())}, which is not a valid CIDR`, 'list comma-separated ranges such as "203.0.113.0/24,198.51.100.0/24", or use spec.loadBalancerSourceRanges');
        const problem = c && strict ? strictCidrProblem(c) : undefined;
        if (problem) out.add(p, `annotation ${SOURCE_RANGES_ANNOTATION} holds ${show(r.trim())}, which is not accepted: ${problem}`, 'write each range in its plain form, e.g. "10.0.0.0/8"');
      }
    }
  }
  if (type === 'LoadBalancer' && isStr(spec.loadBalancerClass)) {
    const problem = checkLabelKey(spec.loadBalancerClass);
    if (problem) out.add('/spec/loadBalancerClass', `loadBalancerClass ${show(spec.loadBalancerClass)} is invalid: ${problem}`, 'use a prefixed name such as "example.com/internal-lb"');
  }
  const mode = annotations[TOPOLOGY_MODE];
  const hints = annotations[TOPOLOGY_HINTS];
  if (isStr(mode) && isStr(hints) && mode !== hints) {
    out.add(ptr('/metadata/annotations', TOPOLOGY_MODE), `annotations ${TOPOLOGY_MODE} (${show(mode)}) and ${TOPOLOGY_HINTS} (${show(hints)}) must be equal when both are set`, `remove the deprecated ${TOPOLOGY_HINTS} annotation`);
  }
}
