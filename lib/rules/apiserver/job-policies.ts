/**
 * The Job spec checks of batch validation beyond counts and modes (validateJobSpec): Indexed Job limits,
 * maxFailedIndexes needing backoffLimitPerIndex, managedBy, podFailurePolicy rules, successPolicy rules and
 * podReplacementPolicy. Used by the workload-spec rule for Jobs and CronJob job templates.
 */
import { checkLabelKey } from '../../util/names';
import { Obj, Sink, isInt, isObj, isStr, list, show } from './support';
import { atLeast } from './versions';

const MAX_INDEXED_PARALLELISM = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const HIGH_COMPLETIONS_LIMIT = 10_000;
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

const set = (v: unknown): boolean => v !== undefined && v !== null;

/** `k8sVersion` decides the gated checks: managedBy from 1.32 (JobManagedBy), successPolicy from 1.31 (JobSuccessPolicy). */
export function checkJobPolicies(spec: Obj, p: string, k8sVersion: string | undefined, out: Sink): void {
  const indexed = spec.completionMode === 'Indexed';
  const completions = isInt(spec.completions) ? spec.completions : undefined;
  if (set(spec.maxFailedIndexes) && !set(spec.backoffLimitPerIndex)) {
    out.add(`${p}/backoffLimitPerIndex`, 'maxFailedIndexes is set without backoffLimitPerIndex', 'set backoffLimitPerIndex (retries per index), or remove maxFailedIndexes');
  }
  if (indexed) checkIndexedLimits(spec, p, completions, out);
  // Before the gate was on by default the API server dropped these fields instead of checking them.
  if (isStr(spec.managedBy) && atLeast(k8sVersion, '1.32')) {
    const problem = managedByProblem(spec.managedBy);
    if (problem) out.add(`${p}/managedBy`, `managedBy ${show(spec.managedBy)} is invalid: ${problem}`, 'use a domain-prefixed controller name such as "kueue.x-k8s.io/multikueue", or remove managedBy');
  }
  if (isObj(spec.podFailurePolicy)) checkPodFailurePolicy(spec, p, out);
  if (isObj(spec.successPolicy) && atLeast(k8sVersion, '1.31')) {
    if (!indexed) out.add(`${p}/successPolicy`, 'successPolicy requires completionMode Indexed', 'set completionMode: Indexed, or remove successPolicy');
    else if (completions !== undefined) checkSuccessPolicy(spec.successPolicy, completions, `${p}/successPolicy`, out);
  }
  const replacement = spec.podReplacementPolicy;
  if (set(replacement)) {
    const allowed = set(spec.podFailurePolicy) ? ['Failed'] : ['Failed', 'TerminatingOrFailed'];
    if (!allowed.includes(replacement)) {
      out.add(`${p}/podReplacementPolicy`, `podReplacementPolicy ${show(replacement)} is not supported${set(spec.podFailurePolicy) ? ' with a podFailurePolicy' : ''}; allowed: ${allowed.join(', ')}`, set(spec.podFailurePolicy) ? 'use Failed (or remove podReplacementPolicy)' : 'use TerminatingOrFailed (the default) or Failed');
    }
  }
}

function checkIndexedLimits(spec: Obj, p: string, completions: number | undefined, out: Sink): void {
  const parallelism = isInt(spec.parallelism) ? spec.parallelism : undefined;
  const maxFailed = isInt(spec.maxFailedIndexes) ? spec.maxFailedIndexes : undefined;
  if (parallelism !== undefined && parallelism > MAX_INDEXED_PARALLELISM) {
    out.add(`${p}/parallelism`, `parallelism ${parallelism} is above ${MAX_INDEXED_PARALLELISM}, the limit for an Indexed Job`, `use at most ${MAX_INDEXED_PARALLELISM}`);
  }
  if (maxFailed !== undefined && completions !== undefined && maxFailed > completions) {
    out.add(`${p}/maxFailedIndexes`, `maxFailedIndexes ${maxFailed} is above completions (${completions})`, `use at most ${completions}`);
  }
  if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
    out.add(`${p}/maxFailedIndexes`, `maxFailedIndexes ${maxFailed} is above ${MAX_FAILED_INDEXES}`, `use at most ${MAX_FAILED_INDEXES}`);
  }
  if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && set(spec.backoffLimitPerIndex)) {
    if (!set(spec.maxFailedIndexes)) out.add(`${p}/maxFailedIndexes`, `an Indexed Job with more than ${COMPLETIONS_SOFT_LIMIT} completions and backoffLimitPerIndex needs maxFailedIndexes`, `set maxFailedIndexes to at most ${HIGH_COMPLETIONS_LIMIT}`);
    if (parallelism !== undefined && parallelism > HIGH_COMPLETIONS_LIMIT) out.add(`${p}/parallelism`, `parallelism ${parallelism} is above ${HIGH_COMPLETIONS_LIMIT}, the limit when completions are above ${COMPLETIONS_SOFT_LIMIT} with backoffLimitPerIndex`, `use at most ${HIGH_COMPLETIONS_LIMIT}`);
    if (maxFailed !== undefined && maxFailed > HIGH_COMPLETIONS_LIMIT) out.add(`${p}/maxFailedIndexes`, `maxFailedIndexes ${maxFailed} is above ${HIGH_COMPLETIONS_LIMIT}, the limit when completions are above ${COMPLETIONS_SOFT_LIMIT} with backoffLimitPerIndex`, `use at most ${HIGH_COMPLETIONS_LIMIT}`);
  }
}

function managedByProblem(v: string): string | undefined {
  if (v.length > 63) return `it is ${v.length} characters long; at most 63 are allowed`;
  const slash = v.indexOf('/');
  if (slash <= 0 || slash === v.length - 1) return 'it must be a domain-prefixed path such as "example.com/controller"';
  const domain = v.slice(0, slash);
  if (domain.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(domain)) return `the domain ${show(domain)} must be a lowercase DNS-1123 subdomain`;
  if (!HTTP_PATH.test(v.slice(slash + 1))) return `the path ${show(v.slice(slash + 1))} has characters a URL path may not hold`;
  return undefined;
}

function containerNames(spec: Obj): Set<unknown> {
  const pod = isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : {};
  return new Set([...list(pod.containers), ...list(pod.initContainers)].map((c) => (isObj(c) ? c.name : undefined)));
}

function checkPodFailurePolicy(spec: Obj, p: string, out: Sink): void {
  const rules = list(spec.podFailurePolicy.rules);
  const base = `${p}/podFailurePolicy/rules`;
  if (rules.length > MAX_RULES) out.add(base, `podFailurePolicy has ${rules.length} rules; at most ${MAX_RULES} are allowed`, 'merge rules');
  const names = containerNames(spec);
  rules.forEach((r, i) => {
    if (!isObj(r)) return;
    const rp = `${base}/${i}`;
    if (r.action === 'FailIndex') {
      if (!set(spec.backoffLimitPerIndex)) out.add(`${rp}/action`, 'action FailIndex requires backoffLimitPerIndex', 'set backoffLimitPerIndex (with completionMode Indexed), or use FailJob');
    } else if (isStr(r.action) && !ACTIONS.includes(r.action)) {
      out.add(`${rp}/action`, `action ${show(r.action)} is not supported; allowed: ${ACTIONS.join(', ')}`, 'use FailJob, FailIndex, Ignore or Count');
    }
    const exit = r.onExitCodes;
    const conds = list(r.onPodConditions);
    if (set(exit) && conds.length > 0) out.add(rp, 'the rule sets both onExitCodes and onPodConditions; it may set only one', 'split it into two rules');
    if (!set(exit) && conds.length === 0) out.add(rp, 'the rule sets neither onExitCodes nor onPodConditions; it needs one', 'add onExitCodes: { operator: In, values: [42] } or onPodConditions: [{ type: DisruptionTarget }]');
    if (isObj(exit)) checkExitCodes(exit, `${rp}/onExitCodes`, names, out);
    if (conds.length > MAX_RULES) out.add(`${rp}/onPodConditions`, `onPodConditions has ${conds.length} patterns; at most ${MAX_RULES} are allowed`, 'use fewer patterns');
    conds.forEach((c, j) => {
      if (!isObj(c)) return;
      const cp = `${rp}/onPodConditions/${j}`;
      if (isStr(c.type)) {
        const problem = checkLabelKey(c.type);
        if (problem) out.add(`${cp}/type`, `condition type ${show(c.type)} is invalid: ${problem}`, 'use a pod condition type such as DisruptionTarget');
      }
      const status = c.status === undefined || c.status === null || c.status === '' ? 'True' : c.status;
      if (!['True', 'False', 'Unknown'].includes(status)) out.add(`${cp}/status`, `condition status ${show(status)} is not supported; allowed: False, True, Unknown`, 'use True (the default), False or Unknown');
    });
  });
}

function checkExitCodes(e: Obj, ep: string, names: Set<unknown>, out: Sink): void {
  const op = e.operator;
  if (op === '' || (isStr(op) && op !== 'In' && op !== 'NotIn')) out.add(`${ep}/operator`, `operator ${show(op)} is not supported; allowed: In, NotIn`, 'use In or NotIn');
  if (set(e.containerName) && !names.has(e.containerName)) {
    out.add(`${ep}/containerName`, `containerName ${show(e.containerName)} is not a container or init container of the pod template`, 'use the name of one of the containers, or remove containerName');
  }
  const values = list(e.values);
  if (values.length === 0) out.add(`${ep}/values`, 'onExitCodes.values is empty; at least one exit code is required', 'list the exit codes, e.g. [42]');
  else if (values.length > MAX_EXIT_CODES) out.add(`${ep}/values`, `onExitCodes.values has ${values.length} codes; at most ${MAX_EXIT_CODES} are allowed`, 'use NotIn with the few codes to exclude');
  const seen = new Set<unknown>();
  let ordered = true;
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) out.add(`${ep}/values/${j}`, 'exit code 0 may not be listed with operator In (it means success)', 'remove 0');
    if (seen.has(v)) out.add(`${ep}/values/${j}`, `exit code ${show(v)} is listed twice`, 'remove the duplicate');
    seen.add(v);
    const prev = values[j - 1];
    if (j > 0 && typeof prev === 'number' && typeof v === 'number' && prev > v) ordered = false;
  });
  if (!ordered) out.add(`${ep}/values`, `onExitCodes.values ${show(values)} are not in ascending order`, `sort them: ${show([...values].sort((a, b) => Number(a) - Number(b)))}`);
}

/** Parses succeededIndexes ("0,2-5") as the API server does: the number of indexes, or why it is invalid. */
export function indexesProblem(text: string, completions: number): { total: number; problem?: string } {
  if (text === '') return { total: 0 };
  let last: number | undefined;
  let total = 0;
  const int = (s: string): number | undefined => (/^[+-]?[0-9]+$/.test(s) ? Number(s) : undefined);
  for (const interval of text.split(',')) {
    const parts = interval.split('-');
    if (parts.length > 2) return { total: 0, problem: `${show(interval)} has more than two parts` };
    const x = int(parts[0]);
    if (x === undefined) return { total: 0, problem: `${show(parts[0])} is not an index` };
    if (x >= completions) return { total: 0, problem: `index ${x} is not below completions (${completions})` };
    let y = x;
    if (parts.length === 2) {
      const end = int(parts[1]);
      if (end === undefined) return { total: 0, problem: `${show(parts[1])} is not an index` };
      if (end >= completions) return { total: 0, problem: `index ${end} is not below completions (${completions})` };
      if (x >= end) return { total: 0, problem: `the interval ${show(interval)} does not increase` };
      y = end;
    }
    if (last !== undefined && last >= x) return { total: 0, problem: `the intervals are not in increasing order (${last} then ${x})` };
    total += y - x + 1;
    last = y;
  }
  return { total };
}

function checkSuccessPolicy(sp: Obj, completions: number, base: string, out: Sink): void {
  const rules = list(sp.rules);
  if (rules.length === 0) out.add(`${base}/rules`, 'successPolicy has no rules; at least one is required', 'add a rule, e.g. { succeededIndexes: "0" } or { succeededCount: 1 }');
  if (rules.length > MAX_RULES) out.add(`${base}/rules`, `successPolicy has ${rules.length} rules; at most ${MAX_RULES} are allowed`, 'merge rules');
  rules.forEach((r, i) => {
    if (!isObj(r)) return;
    const rp = `${base}/rules/${i}`;
    if (!set(r.succeededCount) && !set(r.succeededIndexes)) out.add(rp, 'the rule sets neither succeededCount nor succeededIndexes', 'set succeededCount, succeededIndexes, or both');
    let total = 0;
    let indexesOk = false;
    if (isStr(r.succeededIndexes)) {
      if (r.succeededIndexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) out.add(`${rp}/succeededIndexes`, `succeededIndexes is ${r.succeededIndexes.length} characters long; at most ${MAX_SUCCEEDED_INDEXES_LENGTH} are allowed`, 'use intervals such as "0-999"');
      const parsed = indexesProblem(r.succeededIndexes, completions);
      if (parsed.problem) out.add(`${rp}/succeededIndexes`, `succeededIndexes ${show(r.succeededIndexes)} is invalid: ${parsed.problem}`, `write increasing indexes and intervals below ${completions}, e.g. "0,2-4"`);
      else indexesOk = true;
      total = parsed.total;
    }
    const count = r.succeededCount;
    if (isInt(count)) {
      if (count < 0) out.add(`${rp}/succeededCount`, `succeededCount ${count} is negative`, 'use 0 or more');
      if (count > completions) out.add(`${rp}/succeededCount`, `succeededCount ${count} is above completions (${completions})`, `use at most ${completions}`);
      // The server compares against the count parsed so far, 0 when the indexes do not parse.
      if (set(r.succeededIndexes) && count > total) out.add(`${rp}/succeededCount`, `succeededCount ${count} is above the ${total} indexes in succeededIndexes`, indexesOk ? `use at most ${total}, or list more indexes` : 'fix succeededIndexes first');
    }
  });
}
