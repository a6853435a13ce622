/**
 * Plumbing shared by the pod rules (pod-spec, security-context, containers, pod-volumes): the target minor,
 * IP and path syntax as the API server reads them, and a walk over every container list of a pod.
 */
import { RuleContext } from '../types';
import { Obj, isObj, list } from './support';

/** The newest minor kubeforge bundles; a rule called without a context judges as this version. */
const NEWEST_MINOR = 37;

/** The target minor as a number (37 for "1.37"). */
export function minorOf(ctx?: RuleContext): number {
  const m = /^1\.(\d+)$/.exec(ctx?.k8sVersion ?? '');
  return m ? Number(m[1]) : NEWEST_MINOR;
}

/** User and group ids: 0 to 2^31-1. */
export const MAX_ID = 2147483647;
export const MAX_INT32 = 2147483647;

/** Whether `v` is an integer user or group id the API server accepts. */
export const isId = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_ID;

/**
 * IPv4 or IPv6 as the API server's legacy IP fields parse it (leading zeros in IPv4 octets are tolerated, as
 * they are by servers without strict IP validation).
 */
export function isIp(s: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return s.split('.').every((o) => Number(o) <= 255);
  return isIpv6(s);
}

function isIpv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  let body = s;
  let groups = 8;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(tail) || !tail.split('.').every((o) => Number(o) <= 255)) return false;
    body = s.slice(0, lastColon + 1) + '0';
    groups = 7;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const parts = (h: string) => (h === '' ? [] : h.split(':'));
  const head = parts(halves[0]);
  const rest = halves.length === 2 ? parts(halves[1]) : [];
  if (![...head, ...rest].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? head.length + rest.length < groups : head.length === groups;
}

/** A relative path without ".." segments (validateLocalDescendingPath): why it is invalid, or undefined. */
export function descendingPathProblem(p: string): string | undefined {
  if (p.startsWith('/')) return 'it must be a relative path';
  if (p.split('/').includes('..')) return 'it must not contain ".." segments';
  return undefined;
}

/** As descendingPathProblem, and not starting with ".." either (ValidateLocalNonReservedPath). */
export function nonReservedPathProblem(p: string): string | undefined {
  return descendingPathProblem(p) ?? (p.startsWith('..') ? 'it must not start with ".."' : undefined);
}

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Calls `fn` for every container (init, regular, ephemeral) that is an object, with its pointer. */
export function eachContainer(spec: Obj, pointer: string, fn: (c: Obj, p: string, field: (typeof CONTAINER_LISTS)[number]) => void): void {
  for (const field of CONTAINER_LISTS) {
    list(spec[field]).forEach((c, i) => {
      if (isObj(c)) fn(c, `${pointer}/${field}/${i}`, field);
    });
  }
}
