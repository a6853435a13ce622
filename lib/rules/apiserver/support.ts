/**
 * Plumbing shared by the API-server rules. Rules see plain objects that may be garbage (a YAML file can hold
 * anything), so every accessor here checks types instead of trusting them, and nothing throws.
 */
import { Issue, showValue } from '../../util/errors';
import { pointerToken } from '../types';

export type Obj = Record<string, any>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isStr = (v: unknown): v is string => typeof v === 'string';
/** An integer: a number, or a bigint (the reader keeps integers past 2^53 exact). Compare it, never compute with it. */
export const isInt = (v: unknown): v is number => typeof v === 'bigint' || Number.isInteger(v);
/** The array, or an empty one when the field is missing or not an array (the schema rule reports wrong types). */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The map's entries, or none when it is not a map. */
export const entries = (v: unknown): [string, unknown][] => (isObj(v) ? Object.entries(v) : []);
/** The map's keys, or none when it is not a map (cheaper than entries() where a set has thousands of maps). */
export const keys = (v: unknown): string[] => (isObj(v) ? Object.keys(v) : []);
/** A value for messages. Never throws, even on values JSON cannot print (null-prototype objects, bigints). */
export function show(v: unknown): string {
  try {
    return showValue(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}
/** Strings as they are, anything else through show(). */
export const text = (v: unknown): string => (isStr(v) ? v : show(v));

/** `base` extended with escaped reference tokens (RFC 6901). */
export function ptr(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => `/${pointerToken(t)}`).join('');
}

export interface Sink {
  readonly issues: Issue[];
  add(jsonPointer: string, message: string, fix: string): void;
}

/** Collects a rule's findings with its id, severity and the object's construct path. */
export function sink(ruleId: string, path: string): Sink {
  const issues: Issue[] = [];
  return {
    issues,
    add: (jsonPointer, message, fix) => issues.push({ ruleId, severity: 'error', constructPath: path, jsonPointer, message, fix }),
  };
}

/** `Deployment "web"`, for messages. */
export function what(obj: Obj): string {
  const name = isObj(obj.metadata) ? obj.metadata.name : undefined;
  return isStr(name) ? `${text(obj.kind)} "${name}"` : text(obj.kind);
}

export const APPS_WORKLOADS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/** The pod template (metadata + spec) of a workload kind, with its pointer. */
export function podTemplateOf(obj: Obj): { template: Obj; pointer: string } | undefined {
  if (APPS_WORKLOADS.has(obj.kind) || obj.kind === 'Job' || obj.kind === 'ReplicationController') {
    return isObj(obj.spec) && isObj(obj.spec.template) ? { template: obj.spec.template, pointer: '/spec/template' } : undefined;
  }
  if (obj.kind === 'CronJob') {
    const t = obj.spec?.jobTemplate?.spec?.template;
    return isObj(t) ? { template: t, pointer: '/spec/jobTemplate/spec/template' } : undefined;
  }
  return undefined;
}

/** A port given as a number or a name (Service targetPort, probe ports): why it is invalid, or undefined. */
export function portNumOrNameProblem(v: unknown, checkName: (n: string) => string | undefined): string | undefined {
  if (typeof v === 'number') return isInt(v) && v >= 1 && v <= 65535 ? undefined : 'a port number must be an integer from 1 to 65535';
  if (isStr(v)) return checkName(v);
  return 'a port must be a number from 1 to 65535 or a port name';
}
