/**
 * Kubernetes naming rules (apimachinery's IsDNS1123Label/Subdomain, IsDNS1035Label, IsValidPortName,
 * IsQualifiedName, IsValidLabelValue), re-stated here so that names can be generated valid and explicit ones
 * rejected at construction with the exact rule they break.
 */
import { createHash } from 'crypto';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export type NameRule = 'dns1123-label' | 'dns1123-subdomain' | 'dns1035-label' | 'path-segment';

export interface NamePolicy {
  readonly rule: NameRule;
  readonly maxLength: number;
}

const SUBDOMAIN: NamePolicy = { rule: 'dns1123-subdomain', maxLength: 253 };
const LABEL: NamePolicy = { rule: 'dns1123-label', maxLength: 63 };
/** RBAC names only have to be usable as one URL path segment (so "system:controller:x" is valid); no length limit. */
const PATH_SEGMENT: NamePolicy = { rule: 'path-segment', maxLength: Infinity };

/**
 * Per-kind name rules. Kinds whose name becomes a hostname, a DNS record or a label value get the stricter rule:
 * a CronJob's name is suffixed with an 11-character job timestamp, hence 52.
 */
const KIND_RULES: Record<string, NamePolicy> = {
  Namespace: LABEL,
  Service: { rule: 'dns1035-label', maxLength: 63 },
  // Pods carry the label controller-revision-hash: "<name>-<10-character hash>", whose values stop at 63.
  StatefulSet: { rule: 'dns1123-label', maxLength: 52 },
  CronJob: { rule: 'dns1123-subdomain', maxLength: 52 },
  // The API server copies a Job's name into the batch.kubernetes.io/job-name pod label, whose values stop at 63.
  Job: { rule: 'dns1123-subdomain', maxLength: 63 },
  Role: PATH_SEGMENT,
  ClusterRole: PATH_SEGMENT,
  RoleBinding: PATH_SEGMENT,
  ClusterRoleBinding: PATH_SEGMENT,
};

export function namePolicyFor(kind: string): NamePolicy {
  return KIND_RULES[kind] ?? SUBDOMAIN;
}

function describeRule(rule: NameRule): string {
  switch (rule) {
    case 'dns1123-label':
      return 'lowercase letters, digits and "-", starting and ending with a letter or digit (DNS-1123 label)';
    case 'dns1035-label':
      return 'lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (DNS-1035 label)';
    case 'dns1123-subdomain':
      return 'lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit (DNS-1123 subdomain)';
    case 'path-segment':
      return 'any characters except "/" and "%", and not "." or ".." (a URL path segment)';
  }
}

function matchesRule(rule: NameRule, name: string): boolean {
  switch (rule) {
    case 'dns1123-label':
      return DNS1123_LABEL.test(name);
    case 'dns1035-label':
      return DNS1035_LABEL.test(name);
    case 'dns1123-subdomain':
      return DNS1123_SUBDOMAIN.test(name);
    case 'path-segment':
      return name !== '.' && name !== '..' && !/[/%]/.test(name);
  }
}

/** Returns why `name` is not a valid `kind` name, or undefined when it is valid. */
export function checkName(kind: string, name: string): { problem: string; allowed: string } | undefined {
  const p = namePolicyFor(kind);
  const allowed = p.maxLength === Infinity ? describeRule(p.rule) : `${describeRule(p.rule)}, at most ${p.maxLength} characters`;
  if (name.length === 0) return { problem: `a ${kind} name must not be empty`, allowed };
  if (name.length > p.maxLength) {
    return { problem: `a ${kind} name is ${name.length} characters long, more than ${p.maxLength}`, allowed };
  }
  if (!matchesRule(p.rule, name)) return { problem: `"${name}" is not a valid ${kind} name`, allowed };
  return undefined;
}

/** Turns any string into a DNS-1123 label fragment: lowercase, invalid runs become "-", no edge dashes. */
export function sanitizeLabel(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** 8 hex characters of the SHA-256 of `s`: short, stable across versions of Node, and well spread. */
export function shortHash(s: string, length = 8): string {
  return createHash('sha256').update(s).digest('hex').slice(0, length);
}

/**
 * A valid, deterministic name for an object from its construct path components (relative to the app).
 * The hash of the full path keeps names unique when sanitising or truncation makes two paths look alike, and it
 * depends only on the object's own path, so adding or removing other constructs never renames it.
 */
export function generateName(components: readonly string[], kind: string, options: { hash?: boolean; maxLength?: number } = {}): string {
  const p = namePolicyFor(kind);
  // maxLength: for names that get a suffix later (an Indexed Job's pod hostnames).
  const max = Math.min(p.maxLength, 63, options.maxLength ?? 63);
  const parts: string[] = [];
  for (const c of components) {
    const s = sanitizeLabel(c);
    // "Default" children and repeated ids (web/web) add length, not meaning.
    if (s === '' || c === 'Default' || parts[parts.length - 1] === s) continue;
    parts.push(s);
  }
  let base = parts.join('-');
  if (p.rule === 'dns1035-label' && !/^[a-z]/.test(base)) base = 'x' + (base ? '-' + base : '');
  if (options.hash === false && base.length > 0 && base.length <= max) return base;
  const suffix = shortHash(components.join('/'));
  const room = max - suffix.length - 1;
  base = base.slice(0, room).replace(/-+$/, '');
  if (base === '') return p.rule === 'dns1035-label' ? 'x' + suffix : suffix;
  return `${base}-${suffix}`;
}

const validLabelKeys = new Set<string>();

/** Label key: optional DNS-subdomain prefix (≤253) + "/" + name (≤63). Valid keys are remembered (they repeat). */
export function checkLabelKey(key: string): string | undefined {
  if (validLabelKeys.has(key)) return undefined;
  const problem = labelKeyProblem(key);
  if (!problem && validLabelKeys.size < 10000) validLabelKeys.add(key);
  return problem;
}

function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return 'the prefix before "/" must be a DNS-1123 subdomain of at most 253 characters';
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
    return 'the name part must be 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

export function checkLabelValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !QUALIFIED_NAME_PART.test(value)) {
    return 'a label value must be empty or 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/** Makes a best-effort valid label value (used for derived labels such as the image tag). */
export function toLabelValue(s: string): string | undefined {
  const v = s.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return v === '' ? undefined : v;
}

/** IANA_SVC_NAME: ≤15 chars, lowercase alphanumerics and "-", at least one letter, no "--". */
export function checkPortName(name: string): string | undefined {
  if (name.length === 0 || name.length > 15 || !PORT_NAME.test(name) || name.includes('--') || !/[a-z]/.test(name)) {
    return 'a port name must be 1-15 lowercase letters, digits and "-", contain a letter, and not start, end or repeat "-"';
  }
  return undefined;
}

export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

const URL_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/**
 * Kubernetes' IsDomainPrefixedPath ("<DNS-1123 subdomain>/<URL path>", e.g. IngressClass controllers and Job
 * managedBy): which part is wrong, or undefined. `no-slash`: no "/"; `domain`: the part before it (empty
 * included); `path`: the part after it (empty included) has characters a URL path may not.
 */
export function domainPrefixedPathProblem(s: string): 'no-slash' | 'domain' | 'path' | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return 'no-slash';
  if (!isDns1123Subdomain(s.slice(0, slash))) return 'domain';
  return URL_PATH.test(s.slice(slash + 1)) ? undefined : 'path';
}

/** Names the API server only needs to put into a URL path (RBAC objects, HPA scale targets). */
export function isPathSegmentName(s: string): boolean {
  return matchesRule('path-segment', s);
}

export function isDns1035Label(s: string): boolean {
  return s.length <= 63 && DNS1035_LABEL.test(s);
}

/** ConfigMap/Secret keys (IsConfigMapKey): [-._a-zA-Z0-9]+, at most 253, not "." and not starting with "..". */
export function checkDataKey(key: string): string | undefined {
  if (key.length === 0 || key.length > 253 || !/^[-._a-zA-Z0-9]+$/.test(key) || key === '.' || key.startsWith('..')) {
    return 'a key must be 1-253 characters of letters, digits, "-", "_" and ".", not "." and not starting with ".."';
  }
  return undefined;
}
