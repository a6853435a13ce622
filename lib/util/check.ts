/**
 * Construction-time argument checks shared by every construct. Each throws a KubeforgeError that names the
 * construct path, the value, what is allowed and the fix.
 */
import { IConstruct } from 'constructs';
import { KubeforgeError } from './errors';
import { checkName, checkLabelKey, checkLabelValue } from './names';
import { Quantity, exactQuantity, quantityFix, QUANTITY_ALLOWED } from './quantity';

export function pathOf(scope: IConstruct | string): string {
  return typeof scope === 'string' ? scope : scope.node.path || '<app>';
}

export function fail(scope: IConstruct | string, problem: string, value: unknown, allowed?: string, fix?: string, ruleId?: string): never {
  throw new KubeforgeError({ path: pathOf(scope), problem, value, allowed, fix, ruleId });
}

export function checkQuantity(scope: IConstruct | string, field: string, q: Quantity | undefined, opts: { positive?: boolean } = {}): void {
  if (q === undefined) return;
  const v = exactQuantity(q);
  if (!v) {
    fail(scope, `${field} is not a valid Kubernetes quantity`, q, QUANTITY_ALLOWED, quantityFix(String(q)), 'quantity');
  }
  if (v.sign < 0 || (opts.positive && v.sign === 0)) {
    fail(scope, `${field} must be ${opts.positive ? 'greater than zero' : 'zero or more'}`, q, 'a non-negative quantity', 'remove the minus sign or the zero value', 'quantity');
  }
}

export function checkPort(scope: IConstruct | string, field: string, port: number | undefined): void {
  if (port === undefined) return;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(scope, `${field} is not a valid port number`, port, 'an integer from 1 to 65535', 'use the port the process listens on, e.g. 8080', 'port-range');
  }
}

export function checkIntRange(scope: IConstruct | string, field: string, v: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER, fix?: string): void {
  if (v === undefined) return;
  if (!Number.isInteger(v) || v < min || v > max) {
    const allowed = max === Number.MAX_SAFE_INTEGER ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`;
    fail(scope, `${field} is out of range`, v, allowed, fix ?? `set ${field} to ${allowed}`, 'range');
  }
}

/** Seconds fields (probe periods, grace periods, HPA windows): whole seconds only. */
export function checkSeconds(scope: IConstruct | string, field: string, v: number | undefined, min = 0, max?: number): void {
  if (v === undefined) return;
  if (!Number.isInteger(v) || v < min || (max !== undefined && v > max)) {
    const allowed = max === undefined ? `whole seconds, at least ${min}` : `whole seconds from ${min} to ${max}`;
    fail(scope, `${field} is not a valid duration`, v, allowed, `give ${field} in whole seconds, e.g. 10`, 'duration');
  }
}

export function checkObjectName(scope: IConstruct | string, kind: string, name: string): void {
  const bad = checkName(kind, name);
  if (bad) {
    fail(scope, bad.problem, name, bad.allowed, 'choose a name that follows the rule, or omit it to let kubeforge generate a valid one', 'name');
  }
}

export function checkLabels(scope: IConstruct | string, field: string, labels: Readonly<Record<string, string>> | undefined): void {
  if (!labels) return;
  for (const [k, v] of Object.entries(labels)) {
    const kp = checkLabelKey(k);
    if (kp) fail(scope, `${field} key "${k}" is not a valid label key`, k, kp, 'use keys like "app.kubernetes.io/name" or "tier"', 'label');
    if (typeof v !== 'string') fail(scope, `${field}["${k}"] must be a string`, v, 'a string', `quote the value, e.g. "${String(v)}"`, 'label');
    const vp = checkLabelValue(v);
    if (vp) fail(scope, `${field}["${k}"] is not a valid label value`, v, vp, 'shorten it or replace other characters with "-"', 'label');
  }
}

export function checkOneOf<T extends string>(scope: IConstruct | string, field: string, v: T | undefined, allowed: readonly T[]): void {
  if (v === undefined) return;
  if (!allowed.includes(v)) fail(scope, `${field} is not one of the allowed values`, v, allowed.join(', '), `use one of ${allowed.join(', ')}`, 'enum');
}
