/**
 * Job success policy (Indexed Jobs): rules that declare the Job succeeded before every index has, checked at
 * construction as the API server's batch validation checks them.
 */
import { IConstruct } from 'constructs';
import { fail } from '../lib/util/check';
import { domainPrefixedPathProblem } from '../lib/util/names';

export interface JobSuccessRule {
  /** Indexes that must all succeed, as ascending intervals: `'0'`, `'0,2-4'`. @default - any indexes count */
  readonly succeededIndexes?: string;
  /** How many succeeded indexes (of `succeededIndexes`, when given) are enough; at least 1. @default - all of `succeededIndexes` */
  readonly succeededCount?: number;
}

const INTERVALS = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/** The number of indexes in an interval list, or the reason it is not one (ascending, no overlap, below `completions`). */
function countIndexes(text: string, completions: number): number | string {
  if (!INTERVALS.test(text)) return 'not a comma-separated list of indexes or ranges such as "0,2-4"';
  let count = 0;
  let last = -1;
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map(Number);
    if (to < from) return `range "${part}" runs backwards`;
    if (from <= last) return `"${part}" is not above the previous index ${last} (list indexes in ascending order, without repeats)`;
    if (to >= completions) return `index ${to} is not below completions (${completions})`;
    count += to - from + 1;
    last = to;
  }
  return count;
}

export function checkSuccessPolicy(where: IConstruct, rules: readonly JobSuccessRule[] | undefined, indexed: boolean, completions: number | undefined): void {
  if (rules === undefined) return;
  if (!indexed) fail(where, 'successPolicy requires completionMode Indexed', rules, 'Indexed Jobs only', "set completionMode: 'Indexed' (with completions), or drop successPolicy");
  if (rules.length === 0 || rules.length > 20) fail(where, 'successPolicy needs 1 to 20 rules', rules.length, '1 to 20 rules', 'omit successPolicy, or keep at most 20 rules');
  const total = completions ?? 0;
  rules.forEach((r, i) => {
    const field = `successPolicy[${i}]`;
    if (r.succeededIndexes === undefined && r.succeededCount === undefined) {
      fail(where, `${field} sets neither succeededIndexes nor succeededCount`, r, 'at least one of them', "add succeededIndexes (e.g. '0') or succeededCount");
    }
    let size = total;
    if (r.succeededIndexes !== undefined) {
      const n = countIndexes(r.succeededIndexes, total);
      if (typeof n === 'string') fail(where, `${field}.succeededIndexes is invalid: ${n}`, r.succeededIndexes, `ascending indexes or ranges from 0 to ${total - 1}`, 'write them like "0,2-4"');
      size = n;
    }
    const c = r.succeededCount;
    if (c !== undefined && (!Number.isInteger(c) || c < 0 || c > size)) {
      fail(where, `${field}.succeededCount must be an integer from 0 to ${size} (${r.succeededIndexes === undefined ? 'completions' : 'the size of succeededIndexes'})`, c, `0 to ${size}`, 'lower succeededCount');
    }
  });
}

export function successPolicyJson(rules: readonly JobSuccessRule[]): Record<string, unknown> {
  return { rules: rules.map((r) => ({ ...(r.succeededIndexes !== undefined ? { succeededIndexes: r.succeededIndexes } : {}), ...(r.succeededCount !== undefined ? { succeededCount: r.succeededCount } : {}) })) };
}

/** `managedBy`: a domain-prefixed path of at most 63 characters, e.g. `kueue.x-k8s.io/multikueue`. */
export function checkManagedBy(where: IConstruct, value: string | undefined): void {
  if (value === undefined) return;
  const ok = value.length <= 63 && domainPrefixedPathProblem(value) === undefined;
  if (!ok) fail(where, 'managedBy must be a domain-prefixed path of at most 63 characters', value, 'e.g. "kueue.x-k8s.io/multikueue" ("kubernetes.io/job-controller" is the built-in controller)', 'use the controller name its documentation gives');
}
