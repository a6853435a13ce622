/**
 * Validating and mutating webhook configurations as the API server checks them on create
 * (ValidateValidatingWebhookConfiguration, ValidateMutatingWebhookConfiguration): fully qualified, unique
 * webhook names, rules (operations, API groups and versions, resources and their wildcards, scope), policies,
 * sideEffects None or NoneOnDryRun, timeouts of 1-30 seconds, selectors, exactly one of clientConfig url and
 * service (an https URL without user, query or fragment; a service with a name, namespace, port and clean
 * path), admissionReviewVersions including v1 or v1beta1, and match condition names. CEL expressions are not
 * compiled here.
 */
import { Issue } from '../../util/errors';
import { checkLabelKey, isDns1035Label, isDns1123Subdomain } from '../../util/names';
import { ObjectRule } from '../types';
import { checkLabelSelector } from './label-syntax';
import { Obj, Sink, isInt, isObj, isStr, list, show, sink } from './support';

const OPERATIONS = ['*', 'CREATE', 'UPDATE', 'DELETE', 'CONNECT'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];
const REVIEW_VERSIONS = ['v1', 'v1beta1'];

export const webhookConfigRule: ObjectRule = {
  id: 'webhook-config',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
  description: 'Webhook configurations have unique fully qualified webhook names, valid rules, no side effects, exactly one of url and service, and an accepted admissionReviewVersion.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'ValidatingWebhookConfiguration' && obj?.kind !== 'MutatingWebhookConfiguration') return [];
    const out = sink('webhook-config', path);
    const names = new Set<string>();
    list(obj.webhooks).forEach((h, i) => {
      if (!isObj(h)) return;
      const base = `/webhooks/${i}`;
      checkWebhook(h, base, obj.kind === 'MutatingWebhookConfiguration', out);
      if (isStr(h.name) && h.name !== '') {
        if (names.has(h.name)) out.add(`${base}/name`, `webhook name ${show(h.name)} is used twice in this configuration`, 'give each webhook its own name');
        names.add(h.name);
      }
    });
    return out.issues;
  },
};

function oneOf(v: unknown, allowed: string[], pointer: string, field: string, fix: string, out: Sink): void {
  if (v !== undefined && v !== null && !allowed.includes(v as string)) out.add(pointer, `${field} ${show(v)} is not supported; allowed: ${allowed.join(', ')}`, fix);
}

function checkWebhook(h: Obj, base: string, mutating: boolean, out: Sink): void {
  if (isStr(h.name)) {
    if (h.name === '' || !isDns1123Subdomain(h.name) || h.name.split('.').length < 3) {
      out.add(`${base}/name`, `webhook name ${show(h.name)} is not a fully qualified name; allowed: a lowercase DNS subdomain of at least three dot-separated parts`, 'use e.g. "validate.pods.example.com"');
    }
  }
  list(h.rules).forEach((r, j) => { if (isObj(r)) checkRule(r, `${base}/rules/${j}`, out); });
  oneOf(h.failurePolicy, ['Fail', 'Ignore'], `${base}/failurePolicy`, 'failurePolicy', 'use Fail (the default) or Ignore', out);
  oneOf(h.matchPolicy, ['Equivalent', 'Exact'], `${base}/matchPolicy`, 'matchPolicy', 'use Equivalent (the default) or Exact', out);
  if (mutating) oneOf(h.reinvocationPolicy, ['IfNeeded', 'Never'], `${base}/reinvocationPolicy`, 'reinvocationPolicy', 'use Never (the default) or IfNeeded', out);
  if (isStr(h.sideEffects) && h.sideEffects !== 'None' && h.sideEffects !== 'NoneOnDryRun') {
    out.add(`${base}/sideEffects`, `sideEffects ${show(h.sideEffects)} is not allowed in admissionregistration.k8s.io/v1; allowed: None, NoneOnDryRun`, 'use None, or NoneOnDryRun if the webhook skips its side effects on dry runs');
  }
  if (isInt(h.timeoutSeconds) && (h.timeoutSeconds < 1 || h.timeoutSeconds > 30)) {
    out.add(`${base}/timeoutSeconds`, `timeoutSeconds ${h.timeoutSeconds} is out of range; allowed: 1 to 30`, 'use e.g. 10 (the default)');
  }
  checkLabelSelector(h.namespaceSelector, `${base}/namespaceSelector`, out);
  checkLabelSelector(h.objectSelector, `${base}/objectSelector`, out);
  if (isObj(h.clientConfig)) checkClientConfig(h.clientConfig, `${base}/clientConfig`, out);
  checkReviewVersions(h.admissionReviewVersions, `${base}/admissionReviewVersions`, out);
  const conditions = list(h.matchConditions);
  if (conditions.length > 64) out.add(`${base}/matchConditions`, `there are ${conditions.length} match conditions; at most 64 are allowed`, 'combine conditions');
  const seen = new Set<unknown>();
  conditions.forEach((c, k) => {
    if (!isObj(c)) return;
    const cp = `${base}/matchConditions/${k}`;
    if (isStr(c.name)) {
      const problem = c.name === '' ? 'it is required' : checkLabelKey(c.name);
      if (problem) out.add(`${cp}/name`, `match condition name ${show(c.name)} is invalid: ${problem}`, 'use a name such as "exclude-leases"');
      if (c.name !== '' && seen.has(c.name)) out.add(`${cp}/name`, `match condition name ${show(c.name)} is used twice`, 'give each condition its own name');
      seen.add(c.name);
    }
    if (isStr(c.expression) && c.expression.trim() === '') out.add(`${cp}/expression`, 'the match condition expression is empty', 'write a CEL expression, e.g. "request.resource.group != \'coordination.k8s.io\'"');
  });
}

function checkRule(r: Obj, rp: string, out: Sink): void {
  const ops = list(r.operations);
  if (ops.length === 0) out.add(`${rp}/operations`, 'the rule lists no operations', 'list operations, e.g. ["CREATE", "UPDATE"]');
  if (ops.length > 1 && ops.includes('*')) out.add(`${rp}/operations`, `operations ${show(ops)} combine "*" with other operations`, 'use "*" alone, or list the operations');
  ops.forEach((o, k) => { if (!OPERATIONS.includes(o as string)) out.add(`${rp}/operations/${k}`, `operation ${show(o)} is not supported; allowed: ${OPERATIONS.join(', ')}`, 'use CREATE, UPDATE, DELETE, CONNECT or "*" (upper case)'); });
  for (const f of ['apiGroups', 'apiVersions']) {
    const v = list(r[f]);
    if (v.length === 0) out.add(`${rp}/${f}`, `the rule lists no ${f}`, f === 'apiGroups' ? 'list the groups, e.g. [""] for the core group or ["*"]' : 'list the versions, e.g. ["v1"] or ["*"]');
    if (v.length > 1 && v.includes('*')) out.add(`${rp}/${f}`, `${f} ${show(v)} combine "*" with other values`, 'use "*" alone, or list the values');
  }
  list(r.apiVersions).forEach((v, k) => { if (v === '') out.add(`${rp}/apiVersions/${k}`, 'an API version is empty', 'remove it, or name the version'); });
  checkResources(list(r.resources), `${rp}/resources`, out);
  oneOf(r.scope, SCOPES, `${rp}/scope`, 'scope', 'use "*" (the default), Cluster or Namespaced', out);
}

function checkResources(resources: unknown[], p: string, out: Sink): void {
  if (resources.length === 0) out.add(p, 'the rule lists no resources', 'list the resources, e.g. ["pods"] or ["*"]');
  const wildSub = new Set<string>();
  const wildRes = new Set<string>();
  let single = false;
  let double = false;
  let plain = false;
  resources.forEach((x, k) => {
    if (!isStr(x)) return;
    if (x === '') return out.add(`${p}/${k}`, 'a resource is empty', 'remove it, or name the resource');
    if (x === '*/*') double = true;
    if (x === '*') single = true;
    const slash = x.indexOf('/');
    if (slash < 0) {
      plain = x !== '*';
      return;
    }
    const [res, sub] = [x.slice(0, slash), x.slice(slash + 1)];
    if (wildSub.has(res)) out.add(`${p}/${k}`, `${show(x)} is already covered by "${res}/*"`, `remove ${show(x)}`);
    if (wildRes.has(sub)) out.add(`${p}/${k}`, `${show(x)} is already covered by "*/${sub}"`, `remove ${show(x)}`);
    if (sub === '*') wildSub.add(res);
    if (res === '*') wildRes.add(sub);
  });
  if (resources.length > 1 && double) out.add(p, `resources ${show(resources)} combine "*/*" with other resources`, 'use "*/*" alone');
  // The server only remembers whether the last resource without a subresource was a name.
  if (single && plain) out.add(p, `resources ${show(resources)} combine "*" with other resources without subresources`, 'use "*" alone, or list the resources');
}

function checkClientConfig(cc: Obj, p: string, out: Sink): void {
  const hasUrl = cc.url !== undefined && cc.url !== null;
  const hasService = cc.service !== undefined && cc.service !== null;
  if (hasUrl === hasService) {
    out.add(p, `clientConfig sets ${hasUrl ? 'both url and service' : 'neither url nor service'}; exactly one is required`, 'set service: { namespace, name, path } for an in-cluster webhook, or url: "https://..." for an external one');
    return;
  }
  if (hasUrl && isStr(cc.url)) {
    const problem = urlProblem(cc.url);
    if (problem) out.add(`${p}/url`, `url ${show(cc.url)} is invalid: ${problem}`, 'use the form https://host[:port][/path]');
  }
  if (hasService && isObj(cc.service)) {
    const s = cc.service;
    for (const f of ['name', 'namespace']) if (s[f] === '') out.add(`${p}/service/${f}`, `service.${f} is empty`, `set the ${f} of the webhook Service`);
    if (s.port !== undefined && s.port !== null && (!isInt(s.port) || s.port < 1 || s.port > 65535)) out.add(`${p}/service/port`, `service.port ${show(s.port)} is not a valid port; allowed: 1 to 65535`, 'use the Service port, e.g. 443 (the default)');
    if (isStr(s.path)) {
      const problem = servicePathProblem(s.path);
      if (problem) out.add(`${p}/service/path`, `service.path ${show(s.path)} is invalid: ${problem}`, 'use a path such as "/validate" of lowercase DNS-style segments');
    }
  }
}

/** The parts of ValidateWebhookURL that do not depend on Go's URL parser accepting the text. */
function urlProblem(u: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(u);
  if (!scheme || scheme[1] !== 'https') return 'https is the only allowed scheme';
  const rest = u.slice(scheme[0].length);
  const hash = rest.indexOf('#');
  const beforeFragment = hash >= 0 ? rest.slice(0, hash) : rest;
  if (hash >= 0 && rest.length > hash + 1) return 'fragments are not allowed';
  const q = beforeFragment.indexOf('?');
  if (q >= 0 && beforeFragment.length > q + 1) return 'query parameters are not allowed';
  if (!beforeFragment.startsWith('//')) return 'a host is required';
  const authority = beforeFragment.slice(2).split(/[/?]/)[0];
  if (authority.includes('@')) return 'user information is not allowed';
  if (authority === '') return 'a host is required';
  return undefined;
}

function servicePathProblem(path: string): string | undefined {
  if (path === '' || path === '/') return undefined;
  if (path === '//') return 'segment 0 is empty';
  if (!path.startsWith('/')) return 'it must start with "/"';
  let rest = path.slice(1);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  const steps = rest.split('/');
  for (let i = 0; i < steps.length; i++) {
    if (steps[i] === '') return `segment ${i} is empty`;
    if (!isDns1123Subdomain(steps[i])) return `segment ${i} (${show(steps[i])}) must be a lowercase DNS-1123 subdomain`;
  }
  return undefined;
}

function checkReviewVersions(v: unknown, p: string, out: Sink): void {
  if (v === undefined || v === null) return; // a missing list is the schema's finding
  const versions = list(v);
  if (versions.length === 0) return out.add(p, 'admissionReviewVersions is empty', 'list the AdmissionReview versions the webhook understands, e.g. ["v1"]');
  const seen = new Set<unknown>();
  versions.forEach((x, k) => {
    if (seen.has(x)) return out.add(`${p}/${k}`, `version ${show(x)} is listed twice`, 'remove the duplicate');
    seen.add(x);
    if (!isStr(x) || !isDns1035Label(x)) out.add(`${p}/${k}`, `version ${show(x)} is not a valid version name (a DNS-1035 label such as "v1")`, 'use "v1"');
  });
  if (!versions.some((x) => REVIEW_VERSIONS.includes(x as string))) {
    out.add(p, `admissionReviewVersions ${show(versions)} includes neither v1 nor v1beta1, the versions the API server sends`, 'add "v1"');
  }
}
