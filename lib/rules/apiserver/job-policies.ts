/**
 * The Job spec checks of batch validation beyond counts and modes (validateJobSpec): Indexed Job limits,
 * maxFailedIndexes needing backoffLimitPerIndex, podFailurePolicy rules and podReplacementPolicy. Used by the
 * workload-spec rule for Jobs and CronJob job templates. managedBy and successPolicy, which depend on feature
 * gates, are the job-gated-fields rule's.
 */
import { checkLabelKey } from '../../util/names';
import { Obj, Sink, isInt, isObj, isStr, list, show } from './support';

const MAX_INDEXED_PARALLELISM = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const HIGH_COMPLETIONS_LIMIT = 10_000;
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];

const set = (v: unknown): boolean => v !== undefined && v !== null;

export function checkJobPolicies(spec: Obj, p: string, out: Sink): void {
  const indexed = spec.completionMode === 'Indexed';
  const completions = isInt(spec.completions) ? spec.completions : undefined;
  if (set(spec.maxFailedIndexes) && !set(spec.backoffLimitPerIndex)) {
    out.add(`${p}/backoffLimitPerIndex`, 'maxFailedIndexes is set without backoffLimitPerIndex', 'set backoffLimitPerIndex (retries per index), or remove maxFailedIndexes');
  }
  if (indexed) checkIndexedLimits(spec, p, completions, out);
  if (isObj(spec.podFailurePolicy)) checkPodFailurePolicy(spec, p, out);
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
