/**
 * The validation engine: one entry point for every object kubeforge checks, whether a construct rendered it
 * (synth, app.validate(), later the Pulumi bridge) or a file held it (`kubeforge validate`). Each rule lives in its own
 * file; this module lists them, applies the rule configuration and runs them.
 */
import { Issue } from '../util/errors';
import { checkSchema, resolveK8sVersion, SCHEMA_RULES } from '../schema';
import { APISERVER_RULES } from './apiserver';
import { LINT_OBJECT_RULES, LINT_SET_RULES } from './lint';
import { Located, ObjectRule, RuleConfig, RuleContext, RuleMeta, SetRule, whereOf } from './types';

export const OBJECT_RULES: readonly ObjectRule[] = [...APISERVER_RULES, ...LINT_OBJECT_RULES];
export const SET_RULES: readonly SetRule[] = [...LINT_SET_RULES];

export interface ValidationOptions {
  /** Target Kubernetes minor, e.g. "1.37". @default - the newest bundled version */
  readonly k8sVersion?: string;
  /** Per-rule severity overrides on top of the `recommended` preset. @default - recommended */
  readonly rules?: RuleConfig;
}

/** The object rules for one kind, in OBJECT_RULES order (so findings come out in the same order for every kind). */
const RULES_BY_KIND = new Map<string, readonly ObjectRule[]>();
const ANY_KIND_RULES = OBJECT_RULES.filter((r) => !r.kinds);
/** Files may hold any kind; past this many distinct kinds the lists are computed per object instead of kept. */
const MAX_CACHED_KINDS = 1000;

function rulesFor(kind: unknown): readonly ObjectRule[] {
  if (typeof kind !== 'string') return ANY_KIND_RULES;
  const cached = RULES_BY_KIND.get(kind);
  if (cached) return cached;
  const rules = OBJECT_RULES.filter((r) => !r.kinds || r.kinds.includes(kind));
  if (RULES_BY_KIND.size < MAX_CACHED_KINDS) RULES_BY_KIND.set(kind, rules);
  return rules;
}

/** Per-object checks (API-server rules, per-object lints). `path` is the construct path or file:line. */
export function runObjectRules(obj: Record<string, any>, path: string, opts: ValidationOptions = {}): Issue[] {
  const config = opts.rules;
  const ctx: RuleContext = { k8sVersion: resolveK8sVersion(opts.k8sVersion) };
  const out: Issue[] = [];
  for (const r of rulesFor(obj?.kind)) {
    if (severityOf(r, config) === 'off') continue;
    const found = r.check(obj, path, ctx);
    for (let k = 0; k < found.length; k++) out.push(config ? applySeverity(found[k], r, config) : found[k]);
  }
  return out;
}

/** Cross-object checks over the whole set. */
export function runSetRules(objects: readonly Located[], opts: ValidationOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const r of SET_RULES) {
    if (severityOf(r, opts.rules) === 'off') continue;
    for (const i of r.check(objects)) out.push(applySeverity(i, r, opts.rules));
  }
  return out;
}

/**
 * Every check over a set of objects: the schema of the target version and the per-object rules for each, then
 * the cross-object rules. Throws KubeforgeError (ruleId `k8s-version`) for a version that is not bundled.
 */
export function validateObjects(objects: readonly Located[], opts: ValidationOptions = {}): Issue[] {
  const version = resolveK8sVersion(opts.k8sVersion);
  const schemaOn = SCHEMA_RULES.some((r) => severityOf(r, opts.rules) !== 'off');
  const custom = schemaOn ? customKindsOf(objects) : undefined;
  const out: Issue[] = [];
  for (const o of objects) {
    const where = whereOf(o);
    const found = schemaOn ? configured(checkSchema(o.json, where, version, custom), opts.rules) : [];
    // An apiVersion the target does not serve makes the served API's rules misread the object (a v2beta1 HPA
    // has no `target`): the removed-api finding, which names the field moves, is the one to act on.
    if (!found.some(isUnservedApi)) found.push(...runObjectRules(o.json, where, opts));
    for (const i of found) out.push(o.constructPath ? i : relocate(i, o));
  }
  out.push(...runSetRules(objects, opts));
  return out;
}

function isUnservedApi(i: Issue): boolean {
  return (i.ruleId === 'removed-api' || i.ruleId === 'unknown-api') && i.jsonPointer === '/apiVersion';
}

/** "group/Kind" of every custom resource that a CustomResourceDefinition in the set defines. */
function customKindsOf(objects: readonly Located[]): Set<string> {
  const kinds = new Set<string>();
  for (const { json } of objects) {
    if (json?.kind !== 'CustomResourceDefinition' || !String(json.apiVersion ?? '').startsWith('apiextensions.k8s.io/')) continue;
    const group = json.spec?.group;
    const kind = json.spec?.names?.kind;
    if (typeof group === 'string' && typeof kind === 'string') kinds.add(`${group}/${kind}`);
  }
  return kinds;
}

/** Applies the rule configuration to issues of rules that are not run one by one (the schema checks). */
function configured(issues: Issue[], config: RuleConfig | undefined): Issue[] {
  if (!config) return issues;
  const out: Issue[] = [];
  for (const i of issues) {
    const meta = RULES_BY_ID.get(i.ruleId);
    if (!meta) out.push(i);
    else if (severityOf(meta, config) !== 'off') out.push(applySeverity(i, meta, config));
  }
  return out;
}

/** File objects: the rule wrote `file:line` as constructPath; report it as file and line instead. */
function relocate(i: Issue, o: Located): Issue {
  const { constructPath: _ignored, ...rest } = i;
  return { ...rest, file: o.file, line: i.line ?? o.line };
}

function severityOf(r: RuleMeta, config: RuleConfig | undefined) {
  return config?.[r.id] ?? r.defaultSeverity;
}

/**
 * A configured severity replaces the rule's own, except when it equals the rule's default: rules that grade their
 * findings (an error for a missing port name, a warning for an undeclared number) keep their grading then.
 */
function applySeverity(i: Issue, r: RuleMeta, config: RuleConfig | undefined): Issue {
  const override = config?.[r.id];
  if (!override || override === 'off' || override === r.defaultSeverity || override === i.severity) return i;
  return { ...i, severity: override };
}

/** Every rule kubeforge runs, for documentation, SARIF rule metadata and configuration checks. */
export const ALL_RULES: readonly RuleMeta[] = [...SCHEMA_RULES, ...OBJECT_RULES, ...SET_RULES];
const RULES_BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export type { Located, ObjectRule, RuleContext, SetRule, RuleConfig, RuleMeta, RuleSeverity } from './types';
