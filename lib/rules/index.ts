/**
 * The validation engine: one entry point for every object kubeforge checks, whether a construct rendered it
 * (synth, app.validate(), the Pulumi bridge) or a file held it (`kubeforge validate`). Each rule lives in its own
 * file; this module lists them, applies the rule configuration and runs them.
 */
import { Issue } from '../util/errors';
import { APISERVER_RULES } from './apiserver';
import { duplicateObjectRule } from './duplicate-object';
import { Located, ObjectRule, RuleConfig, RuleMeta, SetRule } from './types';

export const OBJECT_RULES: readonly ObjectRule[] = [...APISERVER_RULES];
export const SET_RULES: readonly SetRule[] = [duplicateObjectRule];

export interface ValidationOptions {
  /** Target Kubernetes minor, e.g. "1.37". @default - the newest bundled version */
  readonly k8sVersion?: string;
  /** Per-rule severity overrides on top of the `recommended` preset. @default - recommended */
  readonly rules?: RuleConfig;
}

/** Per-object checks (schema, API-server rules, per-object lints). `path` is the construct path or file:line. */
export function runObjectRules(obj: Record<string, any>, path: string, opts: ValidationOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const r of OBJECT_RULES) {
    const sev = severityOf(r, opts.rules);
    if (sev === 'off') continue;
    const found = r.check(obj, path);
    for (const i of found) out.push(applySeverity(i, r, opts.rules));
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

/** Every check over a set of objects: per-object rules for each, then the cross-object rules. */
export function validateObjects(objects: readonly Located[], opts: ValidationOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const o of objects) {
    const where = o.constructPath ?? `${o.file ?? '<input>'}:${o.line ?? 1}`;
    for (const i of runObjectRules(o.json, where, opts)) out.push(o.constructPath ? i : relocate(i, o));
  }
  out.push(...runSetRules(objects, opts));
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

function applySeverity(i: Issue, r: RuleMeta, config: RuleConfig | undefined): Issue {
  const override = config?.[r.id];
  return override && override !== 'off' && override !== i.severity ? { ...i, severity: override } : i;
}

export const ALL_RULES: readonly RuleMeta[] = [...OBJECT_RULES, ...SET_RULES];

export type { Located, ObjectRule, SetRule, RuleConfig, RuleMeta, RuleSeverity } from './types';
