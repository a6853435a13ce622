/**
 * Ingress and IngressClass specs as the API server checks them on create (ValidateIngressCreate,
 * ValidateIngressClass): rules or a default backend, hosts (DNS names, `*.` wildcards, no IP addresses),
 * paths per pathType, backends (exactly one of service and resource; a service port by name or by number),
 * TLS hosts and secret names, the class name and its legacy annotation, and IngressClass controllers and
 * parameter references.
 */
import { Issue } from '../../util/errors';
import { checkPortName, isDns1035Label, isDns1123Label, isDns1123Subdomain, isPathSegmentName, domainPrefixedPathProblem } from '../../util/names';
import { featureEnabled } from '../../schema/lifecycle';
import { ObjectRule, RuleContext } from '../types';
import { parseIp } from '../../util/ip';
import { Obj, Sink, isInt, isObj, isStr, list, ptr, show, sink } from './support';

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];
const BAD_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const BAD_SUFFIXES = ['/..', '/.'];
const WILDCARD_HOST = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** With RelaxedServiceNameValidation off (to 1.35) a backend Service name had to be a DNS-1035 label. */
function relaxedServiceNames(k8sVersion: string | undefined): boolean {
  return featureEnabled('RelaxedServiceNameValidation', k8sVersion);
}

export const ingressSpecRule: ObjectRule = {
  id: 'ingress-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['Ingress', 'IngressClass'],
  description: 'Ingress rules, hosts, paths per pathType, backends and TLS entries, and IngressClass controllers and parameters, are values the API server accepts.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    // A missing spec is judged as an empty one, as the API server does (an Ingress then has no rules).
    if (!isObj(obj) || (obj.spec !== undefined && obj.spec !== null && !isObj(obj.spec))) return [];
    const out = sink('ingress-spec', path);
    const spec = isObj(obj.spec) ? obj.spec : {};
    if (obj.kind === 'Ingress') checkIngress({ ...obj, spec }, relaxedServiceNames(ctx?.k8sVersion), out);
    else if (obj.kind === 'IngressClass') checkIngressClass(spec, out);
    return out.issues;
  },
};

function hostProblem(host: string): string | undefined {
  if (host.includes('*')) {
    return host.length <= 253 && WILDCARD_HOST.test(host) ? undefined : 'a wildcard host must be "*." followed by a lowercase DNS-1123 subdomain, e.g. "*.example.com" (one leading "*" only)';
  }
  return isDns1123Subdomain(host) ? undefined : 'a host must be a lowercase DNS-1123 subdomain (letters, digits, "-" and ".", at most 253 characters), e.g. "shop.example.com"';
}

function checkIngress(obj: Obj, relaxed: boolean, out: Sink): void {
  const spec = obj.spec;
  const rules = list(spec.rules);
  if (rules.length === 0 && (spec.defaultBackend === undefined || spec.defaultBackend === null)) {
    out.add('/spec', 'the Ingress has neither rules nor a defaultBackend; the API server requires one of them', 'add rules with hosts and paths, or a defaultBackend: { service: { name: "web", port: { number: 80 } } }');
  }
  if (isObj(spec.defaultBackend)) checkBackend(spec.defaultBackend, '/spec/defaultBackend', relaxed, out);
  rules.forEach((r, i) => {
    if (!isObj(r)) return;
    const base = `/spec/rules/${i}`;
    if (isStr(r.host) && r.host !== '') {
      if (parseIp(r.host)) out.add(`${base}/host`, `host ${show(r.host)} is an IP address; an Ingress host must be a DNS name`, 'use a DNS name, or remove host to match every host');
      const problem = hostProblem(r.host);
      if (problem) out.add(`${base}/host`, `host ${show(r.host)} is invalid: ${problem}`, r.host !== r.host.toLowerCase() ? `write it in lower case: ${show(r.host.toLowerCase())}` : 'use a DNS name such as "shop.example.com" or "*.example.com"');
    }
    if (!isObj(r.http)) return;
    const paths = list(r.http.paths);
    if (paths.length === 0) out.add(`${base}/http/paths`, 'http.paths is empty; a rule with http needs at least one path', 'add a path, e.g. { path: "/", pathType: Prefix, backend: {...} }, or remove http');
    paths.forEach((p, j) => { if (isObj(p)) checkPath(p, `${base}/http/paths/${j}`, relaxed, out); });
  });
  list(spec.tls).forEach((t, i) => {
    if (!isObj(t)) return;
    list(t.hosts).forEach((h, j) => {
      if (!isStr(h)) return;
      const problem = hostProblem(h);
      if (problem) out.add(`/spec/tls/${i}/hosts/${j}`, `TLS host ${show(h)} is invalid: ${problem}`, 'list the DNS names the certificate covers, e.g. "shop.example.com"');
    });
    if (isStr(t.secretName) && t.secretName !== '' && !isDns1123Subdomain(t.secretName)) {
      out.add(`/spec/tls/${i}/secretName`, `secretName ${show(t.secretName)} is not a valid Secret name; allowed: a lowercase DNS-1123 subdomain`, 'use the name of the TLS Secret, e.g. "shop-tls"');
    }
  });
  const className = spec.ingressClassName;
  if (isStr(className) && !isDns1123Subdomain(className)) {
    out.add('/spec/ingressClassName', `ingressClassName ${show(className)} is not a valid class name; allowed: a lowercase DNS-1123 subdomain`, 'use the name of an IngressClass, e.g. "nginx"');
  }
  const annotation = isObj(obj.metadata) && isObj(obj.metadata.annotations) ? obj.metadata.annotations[CLASS_ANNOTATION] : undefined;
  if (isStr(annotation) && isStr(className) && annotation !== className) {
    out.add(ptr('/metadata/annotations', CLASS_ANNOTATION), `annotation ${CLASS_ANNOTATION}=${show(annotation)} differs from spec.ingressClassName ${show(className)}; when both are set they must match`, 'remove the deprecated annotation and keep spec.ingressClassName');
  }
}

function checkPath(p: Obj, base: string, relaxed: boolean, out: Sink): void {
  const type = p.pathType;
  const path = p.path ?? '';
  if (type === 'Exact' || type === 'Prefix') {
    if (!isStr(path) || !path.startsWith('/')) {
      out.add(`${base}/path`, `path ${show(p.path ?? '')} is not absolute; pathType ${type} needs a path starting with "/"`, `write ${isStr(path) && path !== '' ? show('/' + path) : '"/"'}`);
    }
    if (isStr(path)) {
      for (const seq of BAD_SEQUENCES) {
        if (path.includes(seq)) out.add(`${base}/path`, `path ${show(path)} contains ${show(seq)}, which pathType ${type} does not allow`, 'write the path without empty, "." or ".." segments and without encoded slashes');
      }
      for (const suffix of BAD_SUFFIXES) {
        if (path.endsWith(suffix)) out.add(`${base}/path`, `path ${show(path)} ends with ${show(suffix)}, which pathType ${type} does not allow`, 'remove the trailing "." or ".." segment');
      }
    }
  } else if (type === 'ImplementationSpecific') {
    if (isStr(path) && path !== '' && !path.startsWith('/')) {
      out.add(`${base}/path`, `path ${show(path)} is not absolute; a non-empty path must start with "/"`, `write ${show('/' + path)}`);
    }
  } else if (type !== undefined && type !== null) {
    out.add(`${base}/pathType`, `pathType ${show(type)} is not supported; allowed: ${PATH_TYPES.join(', ')}`, 'use Prefix (matches the path and below), Exact, or ImplementationSpecific');
  } else {
    return; // a missing pathType is the schema's finding, and the API server checks nothing else on the path
  }
  if (isObj(p.backend)) checkBackend(p.backend, `${base}/backend`, relaxed, out);
}

function checkBackend(b: Obj, base: string, relaxed: boolean, out: Sink): void {
  const hasResource = b.resource !== undefined && b.resource !== null;
  const hasService = b.service !== undefined && b.service !== null;
  if (hasResource && hasService) {
    return out.add(base, 'the backend sets both service and resource; the API server allows exactly one', 'keep service (a Service and port) or resource (a custom backend), not both');
  }
  if (!hasResource && !hasService) {
    return out.add(base, 'the backend sets neither service nor resource; the API server requires one', 'add service: { name: "web", port: { number: 80 } }');
  }
  if (hasResource) {
    if (isObj(b.resource)) checkTypedRef(b.resource, `${base}/resource`, out);
    return;
  }
  const svc = b.service;
  if (!isObj(svc)) return;
  const name = svc.name;
  if (name === '') {
    out.add(`${base}/service/name`, 'service.name is empty; the backend must name a Service', 'set the name of the Service to route to');
  } else if (isStr(name)) {
    const ok = relaxed ? isDns1123Label(name) : isDns1035Label(name);
    if (!ok) {
      out.add(`${base}/service/name`, `service.name ${show(name)} is not a valid Service name; allowed: ${relaxed ? 'a lowercase DNS-1123 label (letters, digits and "-", at most 63 characters)' : 'a lowercase DNS-1035 label (starting with a letter; at most 63 characters) on this Kubernetes version'}`, 'use the name of the Service, e.g. "web"');
    }
  }
  const port = isObj(svc.port) ? svc.port : {};
  const hasName = isStr(port.name) && port.name.length > 0;
  const hasNumber = port.number !== undefined && port.number !== null && port.number !== 0;
  if (hasName && hasNumber) {
    out.add(`${base}/service/port`, `service.port sets both name ${show(port.name)} and number ${show(port.number)}; the API server allows only one`, 'keep either the port name or the port number');
  } else if (hasName) {
    const problem = checkPortName(port.name);
    if (problem) out.add(`${base}/service/port/name`, `service.port.name ${show(port.name)} is invalid: ${problem}`, /^[0-9]+$/.test(port.name) ? `use number: ${port.name} instead of name` : 'use the name of a Service port, e.g. "http"');
  } else if (hasNumber) {
    if (!isInt(port.number) || port.number < 1 || port.number > 65535) out.add(`${base}/service/port/number`, `service.port.number ${show(port.number)} is not a valid port number; allowed: 1 to 65535`, 'use the port of the Service, e.g. 80');
  } else {
    out.add(`${base}/service/port`, 'service.port has neither a name nor a number; the API server requires one', 'set port: { number: 80 } or port: { name: "http" }');
  }
}

/** A backend resource reference (TypedLocalObjectReference): kind and name are path segments, apiGroup a DNS subdomain. */
function checkTypedRef(r: Obj, base: string, out: Sink): void {
  if (isStr(r.apiGroup) && !isDns1123Subdomain(r.apiGroup)) {
    out.add(`${base}/apiGroup`, `apiGroup ${show(r.apiGroup)} is not a valid API group; allowed: a lowercase DNS-1123 subdomain`, r.apiGroup === '' ? 'remove apiGroup for a core kind' : 'use the group of the kind, e.g. "k8s.example.com"');
  }
  for (const f of ['kind', 'name']) {
    const v = r[f];
    if (v === '') out.add(`${base}/${f}`, `${f} is empty; the reference needs a ${f}`, `set ${f}`);
    else if (isStr(v) && !isPathSegmentName(v)) out.add(`${base}/${f}`, `${f} ${show(v)} is invalid: it may not be "." or ".." and may not contain "/" or "%"`, `use a plain ${f}`);
  }
}

function checkIngressClass(spec: Obj, out: Sink): void {
  const c = spec.controller ?? '';
  if (isStr(c)) {
    if (c.length > 250) out.add('/spec/controller', `controller is ${c.length} characters long; at most 250 are allowed`, 'use a shorter controller name, e.g. "example.com/ingress-controller"');
    const problem = controllerProblem(c);
    if (problem) out.add('/spec/controller', `controller ${show(c)} is invalid: ${problem}`, 'use a domain-prefixed path such as "k8s.io/ingress-nginx"');
  }
  const p = spec.parameters;
  if (!isObj(p)) return;
  const base = '/spec/parameters';
  checkTypedRef(p, base, out);
  const scope = p.scope ?? 'Cluster';
  const hasNamespace = p.namespace !== undefined && p.namespace !== null;
  if (scope === 'Namespace') {
    if (!hasNamespace) out.add(`${base}/namespace`, 'parameters.scope is Namespace but parameters.namespace is not set', 'set parameters.namespace to the namespace of the parameters object');
    else if (!isStr(p.namespace) || !isDns1123Label(p.namespace)) out.add(`${base}/namespace`, `parameters.namespace ${show(p.namespace)} is not a valid namespace name; allowed: a lowercase DNS-1123 label`, 'use the name of an existing namespace');
  } else if (scope === 'Cluster') {
    if (hasNamespace) out.add(`${base}/namespace`, 'parameters.namespace is set while parameters.scope is Cluster', 'remove namespace, or set scope: Namespace');
  } else {
    out.add(`${base}/scope`, `parameters.scope ${show(scope)} is not supported; allowed: Cluster, Namespace`, 'use Cluster (the default) or Namespace');
  }
}

/** IsDomainPrefixedPath: "<DNS subdomain>/<http path>". */
function controllerProblem(c: string): string | undefined {
  if (c === '') return 'it is required';
  const slash = c.indexOf('/');
  switch (slash <= 0 || slash === c.length - 1 ? 'no-slash' : domainPrefixedPathProblem(c)) {
    case 'no-slash': return 'it must be a domain-prefixed path such as "example.com/ingress-controller"';
    case 'domain': return `the domain ${show(c.slice(0, slash))} must be a lowercase DNS-1123 subdomain`;
    case 'path': return `the path ${show(c.slice(slash + 1))} may only hold letters, digits and -._~%!$&'()*+,;=:/`;
    default: return undefined;
  }
}
