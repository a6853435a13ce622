/**
 * Pod-level fields as the API server checks them in ValidatePodSpec and ValidatePodCreate, beyond containers,
 * volumes, probes and scheduling (their own rules): restart and DNS policies, dnsConfig limits, host aliases,
 * host names, object names the pod refers to, deadlines, readiness and scheduling gates, preemption policy,
 * process-namespace sharing, user namespaces and resource claims. Values the API server fills in when they
 * are empty (restartPolicy, dnsPolicy) are only judged when set.
 */
import { Issue } from '../../util/errors';
import { checkLabelKey, isDns1123Label, isDns1123Subdomain } from '../../util/names';
import { ObjectRule, RuleContext } from '../types';
import { APPS_WORKLOADS, Obj, Sink, isInt, isObj, isStr, list, ptr, show, sink } from './support';
import { eachContainer, MAX_INT32, POD_SPEC_KINDS, podSpecIn } from './pod-support';
import { ipProblem, strictIpValidation } from '../../util/ip';
import { featureEnabled } from '../../schema/lifecycle';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARS = 2048;
/** DNS-1123 subdomain whose labels may also hold "_" (dnsConfig searches). */
const SEARCH_LABEL = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SEARCH_DOMAIN = new RegExp(`^${SEARCH_LABEL}(\\.${SEARCH_LABEL})*$`);
const LABEL_RULE = 'lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (DNS-1123 label)';
const SUBDOMAIN_RULE = 'lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters (DNS-1123 subdomain)';

export const podSpecRule: ObjectRule = {
  id: 'pod-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: POD_SPEC_KINDS,
  description: 'Pod-level settings (restart and DNS policy, dnsConfig, host aliases and names, referenced names, deadlines, gates, preemption, namespace sharing, user namespaces, resource claims) are values the API server accepts.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    const found = podSpecIn(obj);
    if (!found || !isObj(found.spec)) return [];
    const { spec, pointer } = found;
    const out = sink('pod-spec', path);
    const k8sVersion = ctx?.k8sVersion;
    const controller = APPS_WORKLOADS.has(obj.kind) || obj.kind === 'ReplicationController';
    const job = obj.kind === 'Job' || obj.kind === 'CronJob';
    // Workload kinds have stricter restart policies, reported by workload-spec.
    if (!controller && !job) enumField(spec, 'restartPolicy', RESTART_POLICIES, pointer, 'remove it (Always is the default) or use Always, OnFailure or Never', out);
    enumField(spec, 'dnsPolicy', DNS_POLICIES, pointer, 'remove it (ClusterFirst is the default) or use ClusterFirst, ClusterFirstWithHostNet, Default or None', out);
    // Strict IP syntax: StrictIPCIDRValidation.
    const strictIp = strictIpValidation(k8sVersion);
    checkDnsConfig(spec, pointer, strictIp, out);
    checkHostAliases(spec, pointer, strictIp, out);
    checkNames(spec, pointer, out);
    // Controllers may not set a pod deadline at all (workload-spec reports that).
    if (!controller && spec.activeDeadlineSeconds != null) {
      const v = spec.activeDeadlineSeconds;
      if (!isInt(v) || v < 1 || v > MAX_INT32) out.add(`${pointer}/activeDeadlineSeconds`, `activeDeadlineSeconds ${show(v)} is out of range; allowed: an integer from 1 to ${MAX_INT32}`, 'use a positive number of seconds, or remove it');
    }
    if (spec.preemptionPolicy != null) enumField(spec, 'preemptionPolicy', PREEMPTION_POLICIES, pointer, 'use PreemptLowerPriority or Never', out, true);
    list(spec.readinessGates).forEach((g, i) => {
      const t = isObj(g) ? g.conditionType : undefined;
      const bad = isStr(t) && t !== '' ? checkLabelKey(t) : 'a condition type is required';
      if (bad) out.add(`${pointer}/readinessGates/${i}/conditionType`, `readiness gate conditionType ${show(t)} is invalid: ${bad}`, 'use a qualified name such as "example.com/feature-ready"');
    });
    checkSchedulingGates(spec, pointer, out);
    if (obj.kind === 'Pod' && isStr(spec.nodeName) && spec.nodeName !== '' && list(spec.schedulingGates).length > 0) {
      out.add(`${pointer}/nodeName`, `nodeName ${show(spec.nodeName)} is set while the pod has scheduling gates; a pod with gates cannot be bound to a node on create`, 'remove nodeName, or remove the schedulingGates');
    }
    if (spec.shareProcessNamespace === true && spec.hostPID === true) {
      out.add(`${pointer}/shareProcessNamespace`, 'shareProcessNamespace and hostPID are both true; the API server allows only one of them', 'remove shareProcessNamespace or hostPID');
    }
    // User namespaces (UserNamespacesSupport); when off, hostUsers is dropped.
    if (spec.hostUsers === false && featureEnabled('UserNamespacesSupport', k8sVersion)) checkHostUsers(spec, pointer, out);
    // hostnameOverride (HostnameOverride); when off, it is dropped.
    if (spec.hostnameOverride != null && featureEnabled('HostnameOverride', k8sVersion)) checkHostnameOverride(spec, pointer, out);
    // Resource claims (DynamicResourceAllocation) and pod-level resources (PodLevelResources); when off, dropped.
    if (featureEnabled('DynamicResourceAllocation', k8sVersion)) checkResourceClaims(spec, pointer, out);
    if (featureEnabled('PodLevelResources', k8sVersion)) checkPodResources(spec, pointer, out);
    return out.issues;
  },
};

/** A string enum field; `required` when an empty string is not filled in by a default. */
function enumField(spec: Obj, field: string, allowed: string[], pointer: string, fix: string, out: Sink, required = false): void {
  const v = spec[field];
  if (v === undefined || v === null || (v === '' && !required)) return;
  if (!allowed.includes(v)) out.add(`${pointer}/${field}`, `${field} ${show(v)} is not supported; allowed: ${allowed.join(', ')}`, fix);
}

function checkDnsConfig(spec: Obj, pointer: string, strictIp: boolean, out: Sink): void {
  const cfg = spec.dnsConfig;
  const p = `${pointer}/dnsConfig`;
  if (spec.dnsPolicy === 'None') {
    if (!isObj(cfg)) return out.add(p, 'dnsPolicy is None but dnsConfig is missing; with None the pod gets only the DNS settings in dnsConfig', 'add dnsConfig with at least one nameserver, or use dnsPolicy ClusterFirst');
    if (list(cfg.nameservers).length === 0) return out.add(`${p}/nameservers`, 'dnsPolicy is None but dnsConfig has no nameservers; at least one is required', 'add a nameserver IP, e.g. ["10.96.0.10"]');
  }
  if (!isObj(cfg)) return;
  const servers = list(cfg.nameservers);
  if (servers.length > MAX_NAMESERVERS) out.add(`${p}/nameservers`, `dnsConfig has ${servers.length} nameservers; at most ${MAX_NAMESERVERS} are allowed`, `keep at most ${MAX_NAMESERVERS} nameservers`);
  servers.forEach((s, i) => {
    const bad = isStr(s) ? ipProblem(s, strictIp) : 'it must be a string';
    if (bad) out.add(`${p}/nameservers/${i}`, `nameserver ${show(s)} is invalid: ${bad}`, 'use an IPv4 or IPv6 address, e.g. "1.1.1.1"');
  });
  const searches = list(cfg.searches);
  if (searches.length > MAX_SEARCHES) out.add(`${p}/searches`, `dnsConfig has ${searches.length} search domains; at most ${MAX_SEARCHES} are allowed`, `keep at most ${MAX_SEARCHES} search domains`);
  const chars = searches.map((s) => (isStr(s) ? s : '')).join(' ').length;
  if (chars > MAX_SEARCH_CHARS) out.add(`${p}/searches`, `the dnsConfig search list is ${chars} characters long (with spaces); at most ${MAX_SEARCH_CHARS} are allowed`, 'shorten or remove search domains');
  searches.forEach((s, i) => {
    if (s === '.') return;
    const d = isStr(s) ? s.replace(/\.$/, '') : undefined;
    if (d === undefined || d.length > 253 || !SEARCH_DOMAIN.test(d)) {
      out.add(`${p}/searches/${i}`, `search domain ${show(s)} is invalid; allowed: dot-separated parts of lowercase letters, digits, "-" and "_", each starting (after an optional "_") and ending with a letter or digit, at most 253 characters`, 'use a domain such as "svc.cluster.local"');
    }
  });
  list(cfg.options).forEach((o, i) => {
    if (!isObj(o) || !isStr(o.name) || o.name === '') out.add(`${p}/options/${i}`, `dnsConfig option #${i} has no name`, 'give every option a name, e.g. { name: "ndots", value: "2" }');
  });
}

function checkHostAliases(spec: Obj, pointer: string, strictIp: boolean, out: Sink): void {
  list(spec.hostAliases).forEach((a, i) => {
    if (!isObj(a)) return;
    const p = `${pointer}/hostAliases/${i}`;
    const bad = isStr(a.ip) ? ipProblem(a.ip, strictIp) : 'it must be a string';
    if (bad) out.add(`${p}/ip`, `host alias IP ${show(a.ip)} is invalid: ${bad}`, 'use an IPv4 or IPv6 address, e.g. "10.0.0.5"');
    list(a.hostnames).forEach((h, j) => {
      if (!isStr(h) || !isDns1123Subdomain(h)) out.add(`${p}/hostnames/${j}`, `host alias hostname ${show(h)} is invalid; allowed: ${SUBDOMAIN_RULE}`, 'use a host name such as "db.internal"');
    });
  });
}

/** Names of other objects and of the pod's own host, as the API server checks their syntax. */
function checkNames(spec: Obj, pointer: string, out: Sink): void {
  for (const [field, what] of [['hostname', 'hostname'], ['subdomain', 'subdomain']] as const) {
    const v = spec[field];
    if (v == null || v === '') continue;
    if (!isStr(v) || !isDns1123Label(v)) out.add(`${pointer}/${field}`, `${what} ${show(v)} is invalid; allowed: ${LABEL_RULE}`, field === 'subdomain' ? 'use the name of a headless Service, e.g. "db"' : 'use a host name such as "web-0"');
  }
  for (const [field, fix] of [
    ['nodeName', 'use the name of a node, or remove nodeName and let the scheduler choose'],
    ['priorityClassName', 'use the name of a PriorityClass, e.g. "high-priority"'],
    ['runtimeClassName', 'use the name of a RuntimeClass, e.g. "gvisor"'],
    ['serviceAccountName', 'use the name of a ServiceAccount, e.g. "web"'],
  ] as const) {
    const v = spec[field];
    if (v == null || (v === '' && field !== 'runtimeClassName')) continue;
    if (!isStr(v) || !isDns1123Subdomain(v)) out.add(`${pointer}/${field}`, `${field} ${show(v)} is invalid; allowed: ${SUBDOMAIN_RULE}`, fix);
  }
}

function checkSchedulingGates(spec: Obj, pointer: string, out: Sink): void {
  const seen = new Set<string>();
  list(spec.schedulingGates).forEach((g, i) => {
    const name = isObj(g) ? g.name : undefined;
    const p = `${pointer}/schedulingGates/${i}`;
    const bad = isStr(name) && name !== '' ? checkLabelKey(name) : 'a name is required';
    if (bad) return out.add(p, `scheduling gate name ${show(name)} is invalid: ${bad}`, 'use a qualified name such as "example.com/quota-check"');
    if (seen.has(name)) out.add(p, `scheduling gate "${name}" is listed twice`, 'list each gate once');
    seen.add(name);
  });
}

function checkHostUsers(spec: Obj, pointer: string, out: Sink): void {
  const fix = 'remove hostUsers: false (run in the host user namespace), or stop sharing the host namespace';
  if (spec.hostNetwork === true) out.add(`${pointer}/hostNetwork`, 'hostNetwork is true while hostUsers is false; a pod in its own user namespace cannot use the host network', fix);
  if (spec.hostPID === true) out.add(`${pointer}/hostPID`, 'hostPID is true while hostUsers is false; a pod in its own user namespace cannot use the host PID namespace', fix);
  if (spec.hostIPC === true) out.add(`${pointer}/hostIPC`, 'hostIPC is true while hostUsers is false; a pod in its own user namespace cannot use the host IPC namespace', fix);
  eachContainer(spec, pointer, (c, p) => {
    if (list(c.volumeDevices).length > 0) out.add(`${p}/volumeDevices`, `container ${show(c.name)} uses volumeDevices while hostUsers is false; raw block devices do not work in a user namespace`, 'mount the claim as a filesystem (volumeMounts), or remove hostUsers: false');
  });
}

function checkHostnameOverride(spec: Obj, pointer: string, out: Sink): void {
  const v = spec.hostnameOverride;
  const p = `${pointer}/hostnameOverride`;
  if (spec.setHostnameAsFQDN === true) out.add(p, 'hostnameOverride may not be set when setHostnameAsFQDN is true', 'remove one of them');
  if (spec.hostNetwork === true) out.add(p, 'hostnameOverride may not be set when hostNetwork is true (the pod uses the node\'s host name)', 'remove hostnameOverride');
  if (!isStr(v) || v.length > 64 || !isDns1123Subdomain(v)) out.add(p, `hostnameOverride ${show(v)} is invalid; allowed: ${SUBDOMAIN_RULE.replace('253', '64')}`, 'use a host name such as "web-main"');
}

function checkResourceClaims(spec: Obj, pointer: string, out: Sink): void {
  const names = new Set<string>();
  list(spec.resourceClaims).forEach((rc, i) => {
    const p = `${pointer}/resourceClaims/${i}`;
    if (!isObj(rc)) return;
    if (!isStr(rc.name) || rc.name === '') out.add(`${p}/name`, `resource claim #${i} has no name`, 'name the claim, e.g. "gpu"');
    else if (names.has(rc.name)) out.add(`${p}/name`, `resource claim name "${rc.name}" is used twice`, 'give every claim a unique name');
    else if (!isDns1123Label(rc.name)) out.add(`${p}/name`, `resource claim name ${show(rc.name)} is invalid; allowed: ${LABEL_RULE}`, 'rename the claim, e.g. "gpu"');
    if (isStr(rc.name)) names.add(rc.name);
    const sources = ['resourceClaimName', 'resourceClaimTemplateName'].filter((k) => rc[k] != null);
    if (sources.length !== 1) {
      out.add(p, `resource claim ${show(rc.name)} sets ${sources.length === 0 ? 'neither resourceClaimName nor resourceClaimTemplateName' : 'both resourceClaimName and resourceClaimTemplateName'}; exactly one is required`, 'set exactly one of them');
    }
    for (const k of sources) {
      if (!isStr(rc[k]) || !isDns1123Subdomain(rc[k])) out.add(ptr(p, k), `${k} ${show(rc[k])} is invalid; allowed: ${SUBDOMAIN_RULE}`, 'use the name of the ResourceClaim or ResourceClaimTemplate');
    }
  });
  // Containers use claims by the names the pod gives them.
  eachContainer(spec, pointer, (c, cp) => {
    const claims = isObj(c.resources) ? list(c.resources.claims) : [];
    const used = new Set<string>();
    claims.forEach((cl, j) => {
      const name = isObj(cl) ? cl.name : undefined;
      const p = `${cp}/resources/claims/${j}`;
      if (!isStr(name) || name === '') return out.add(p, `resource claim #${j} of container ${show(c.name)} has no name`, 'name one of the pod\'s resourceClaims');
      const request = isObj(cl) && isStr(cl.request) && cl.request !== '' ? cl.request : undefined;
      if (request !== undefined && !isDns1123Label(request)) out.add(`${p}/request`, `request ${show(request)} of claim "${name}" is invalid; allowed: ${LABEL_RULE}`, 'use the name of a request in the claim');
      const key = request === undefined ? name : `${name}/${request}`;
      if (used.has(key) || used.has(name)) out.add(p, `container ${show(c.name)} lists claim "${key}" twice`, 'list each claim once');
      used.add(key);
      if (!names.has(name)) {
        const known = [...names];
        out.add(`${p}/name`, `container ${show(c.name)} uses resource claim "${name}", which the pod does not declare in spec.resourceClaims (${known.length ? known.join(', ') : 'none'})`, 'add the claim to spec.resourceClaims, or fix the name');
      }
    });
  });
}

/**
 * Pod-level resources (validatePodResources): only cpu, memory and hugepages, no claims, not on Windows. How
 * they compare with the containers' requests depends on each version's defaulting and is not judged here.
 */
function checkPodResources(spec: Obj, pointer: string, out: Sink): void {
  const res = spec.resources;
  if (!isObj(res)) return;
  const p = `${pointer}/resources`;
  if (isObj(spec.os) && spec.os.name === 'windows') return out.add(p, 'pod-level resources cannot be set for a pod with os.name windows', 'set resources on the containers instead');
  if (res.claims != null) out.add(`${p}/claims`, 'pod-level resources may not list claims', 'list claims in the containers\' resources, and declare them in spec.resourceClaims');
  for (const kind of ['requests', 'limits']) {
    for (const name of Object.keys(isObj(res[kind]) ? res[kind] : {})) {
      if (name !== 'cpu' && name !== 'memory' && !name.startsWith('hugepages-')) {
        out.add(ptr(`${p}/${kind}`, name), `pod-level ${kind} name ${show(name)} is not supported; allowed: cpu, memory, hugepages-<size>`, 'set other resources on the containers');
      }
    }
  }
}
