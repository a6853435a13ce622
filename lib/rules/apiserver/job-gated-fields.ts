/**
 * Job fields whose validation depends on a feature gate, judged as the target version's stock server does
 * (batch validation validateJobSpec; the Job strategy drops a field when its gate is off, and then nothing about
 * it is checked):
 *   - managedBy (JobManagedBy: off in 1.30-1.31, on from 1.32): a domain-prefixed path of at most 63 characters;
 *   - successPolicy (JobSuccessPolicy: off in 1.30, on from 1.31): Indexed Jobs only, 1 to 20 rules, each with
 *     succeededIndexes (ascending intervals below completions) and/or succeededCount (0 to completions, and at
 *     most the number of indexes listed).
 * Applies to Jobs and to the job template of CronJobs.
 */
import { Issue } from '../../util/errors';
import { domainPrefixedPathProblem } from '../../util/names';
import { featureEnabled } from '../../schema/lifecycle';
import { ObjectRule, RuleContext } from '../types';
import { Obj, Sink, isInt, isObj, isStr, list, show, sink } from './support';

const MAX_MANAGED_BY = 63;
const MAX_RULES = 20;
const MAX_INDEXES_TEXT = 64 * 1024;
const set = (v: unknown) => v !== undefined && v !== null;

export const jobGatedFieldsRule: ObjectRule = {
  id: 'job-gated-fields',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['Job', 'CronJob'],
  description: 'Job managedBy and successPolicy are valid where the target version\'s feature gates (JobManagedBy, JobSuccessPolicy) make the server check them.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    const found = jobSpecOf(obj);
    if (!found) return [];
    const out = sink('job-gated-fields', path);
    const { spec, pointer } = found;
    if (set(spec.managedBy) && featureEnabled('JobManagedBy', ctx?.k8sVersion)) checkManagedBy(spec.managedBy, `${pointer}/managedBy`, out);
    if (set(spec.successPolicy) && featureEnabled('JobSuccessPolicy', ctx?.k8sVersion)) checkSuccessPolicy(spec, `${pointer}/successPolicy`, out);
    return out.issues;
  },
};

function jobSpecOf(obj: Obj): { spec: Obj; pointer: string } | undefined {
  if (obj?.kind === 'Job' && isObj(obj.spec)) return { spec: obj.spec, pointer: '/spec' };
  const t = obj?.kind === 'CronJob' && isObj(obj.spec) && isObj(obj.spec.jobTemplate) ? obj.spec.jobTemplate.spec : undefined;
  return isObj(t) ? { spec: t, pointer: '/spec/jobTemplate/spec' } : undefined;
}

function checkManagedBy(v: unknown, p: string, out: Sink): void {
  if (!isStr(v)) return;
  const fix = 'use the controller name its documentation gives, e.g. "kueue.x-k8s.io/multikueue" (or leave managedBy out for the built-in Job controller)';
  if (v === '') return out.add(p, 'managedBy is an empty string; it must name a controller as a domain-prefixed path', fix);
  const slash = v.indexOf('/');
  const host = slash < 0 ? '' : v.slice(0, slash);
  const rest = slash < 0 ? '' : v.slice(slash + 1);
  const problem = host === '' || rest === '' ? 'no-slash' : domainPrefixedPathProblem(v);
  if (problem === 'no-slash') out.add(p, `managedBy ${show(v)} must be a domain-prefixed path (such as "acme.io/foo")`, fix);
  else if (problem === 'domain') out.add(p, `managedBy ${show(v)}: its domain ${show(host)} is not a valid DNS subdomain (lower case letters, digits, "-" and ".")`, fix);
  else if (problem === 'path') out.add(p, `managedBy ${show(v)}: the path after the domain has characters a URL path may not have`, fix);
  if (v.length > MAX_MANAGED_BY) out.add(p, `managedBy is ${v.length} characters long; at most ${MAX_MANAGED_BY} are allowed`, 'use a shorter controller name');
}

/**
 * Parses succeededIndexes ("0,2-5") as the API server does (validateIndexesFormat): the number of indexes, or
 * why they are invalid (then the count is 0, as the server's is).
 */
export function indexesProblem(text: string, completions: number): { total: number; problem?: string } {
  if (text === '') return { total: 0 };
  let last = -1;
  let total = 0;
  const bad = (problem: string) => ({ total: 0, problem });
  for (const part of text.split(',')) {
    const bounds = part.split('-');
    if (bounds.length > 2) return bad(`"${part}" has more than two parts separated by "-"`);
    const nums: number[] = [];
    for (const b of bounds) {
      if (!/^[+-]?\d+$/.test(b)) return bad(`${show(b)} is not an integer index`);
      const n = Number(b);
      if (n >= completions) return bad(`index ${b} is too large (completions is ${completions})`);
      nums.push(n);
    }
    const [x, y = x] = nums;
    if (bounds.length === 2 && x >= y) return bad(`"${part}" does not go up`);
    if (x <= last) return bad(`"${part}" is not above the previous index ${last} (list indexes in ascending order, without repeats)`);
    total += y - x + 1;
    last = y;
  }
  return { total };
}

function checkSuccessPolicy(spec: Obj, p: string, out: Sink): void {
  const policy = spec.successPolicy;
  if (!isObj(policy)) return;
  if (spec.completionMode !== 'Indexed') {
    return out.add(p, `successPolicy requires completionMode Indexed (completionMode is ${set(spec.completionMode) ? show(spec.completionMode) : 'NonIndexed by default'})`, 'set completionMode: Indexed (with completions), or remove successPolicy');
  }
  const rules = list(policy.rules);
  if (rules.length === 0) out.add(`${p}/rules`, 'successPolicy has no rules; at least one is required', 'add a rule, e.g. { succeededIndexes: "0" }, or remove successPolicy');
  if (rules.length > MAX_RULES) out.add(`${p}/rules`, `successPolicy has ${rules.length} rules; at most ${MAX_RULES} are allowed`, 'merge or drop rules');
  const completions = spec.completions;
  rules.forEach((r, i) => {
    const rp = `${p}/rules/${i}`;
    if (!isObj(r)) return;
    if (!set(r.succeededCount) && !set(r.succeededIndexes)) {
      return out.add(rp, 'a successPolicy rule needs succeededCount or succeededIndexes (or both)', 'add succeededIndexes such as "0" or succeededCount');
    }
    let total = 0;
    let indexesOk = false;
    if (isStr(r.succeededIndexes)) {
      if (r.succeededIndexes.length > MAX_INDEXES_TEXT) out.add(`${rp}/succeededIndexes`, `succeededIndexes is ${r.succeededIndexes.length} characters long; at most ${MAX_INDEXES_TEXT} are allowed`, 'use ranges such as "0-99"');
      if (isInt(completions)) {
        const parsed = indexesProblem(r.succeededIndexes, completions);
        if (parsed.problem) out.add(`${rp}/succeededIndexes`, `succeededIndexes ${show(r.succeededIndexes)} is invalid: ${parsed.problem}`, `write ascending indexes or ranges below ${completions}, like "0,2-4"`);
        else indexesOk = true;
        total = parsed.total;
      }
    }
    const c = r.succeededCount;
    if (isInt(c)) {
      // Each of these is its own error on the server (validateSuccessPolicyRule).
      const cp = `${rp}/succeededCount`;
      if (c < 0) out.add(cp, `succeededCount ${c} must be greater than or equal to 0`, 'use a count from 0 to completions');
      if (isInt(completions) && c > completions) out.add(cp, `succeededCount ${c} is more than completions (${completions})`, `use at most ${completions}`);
      // The server compares against the indexes it parsed: 0 when succeededIndexes does not parse.
      if (isInt(completions) && isStr(r.succeededIndexes) && c > total) out.add(cp, `succeededCount ${c} is more than the ${total} indexes of succeededIndexes`, indexesOk ? `use at most ${total}, or list more indexes` : 'fix succeededIndexes first');
    }
  });
}
