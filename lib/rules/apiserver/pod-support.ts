/**
 * Plumbing shared by the pod rules (pod-spec, security-context, containers, pod-volumes): the target minor,
 * IP and path syntax as the API server reads them, and a walk over every container list of a pod.
 */
import { POD_KINDS, RuleContext, podSpecOf } from '../types';
import { Obj, isObj, list } from './support';

/** The kinds whose pod spec the API server validates as a pod: the pod-making kinds and PodTemplate. */
export const POD_SPEC_KINDS: readonly string[] = [...POD_KINDS, 'PodTemplate'];

/** The pod spec of any kind in POD_SPEC_KINDS, with its pointer (a PodTemplate keeps it in template.spec). */
export function podSpecIn(obj: Obj): { spec: Obj; pointer: string } | undefined {
  if (obj?.kind === 'PodTemplate') return isObj(obj.template) && obj.template.spec ? { spec: obj.template.spec, pointer: '/template/spec' } : undefined;
  return podSpecOf(obj);
}

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
 * Why `s` is not an IP address as the API server's legacy IP fields read it, or undefined. Leading zeros in IPv4
 * octets and IPv4-mapped IPv6 addresses are tolerated unless `strict` (StrictIPCIDRValidation, on by default
 * since 1.36).
 */
export function ipProblem(s: string, strict: boolean): string | undefined {
  const v4 = parseV4(s);
  if (v4) return strict && v4.leadingZero ? 'an IPv4 octet must not have leading zeros' : undefined;
  const groups = parseV6(s);
  if (!groups) return 'it is not a valid IPv4 or IPv6 address';
  if (strict && groups.leadingZero) return 'an IPv4 octet must not have leading zeros';
  if (strict && groups.words.slice(0, 5).every((w) => w === 0) && groups.words[5] === 0xffff) return 'an IPv4-mapped IPv6 address is not allowed; write the IPv4 address';
  return undefined;
}

function parseV4(s: string): { leadingZero: boolean } | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) return undefined;
  const octets = s.split('.');
  if (!octets.every((o) => Number(o) <= 255)) return undefined;
  return { leadingZero: octets.some((o) => o.length > 1 && o.startsWith('0')) };
}

function parseV6(s: string): { words: number[]; leadingZero: boolean } | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return undefined;
  let body = s;
  let tail: number[] = [];
  let leadingZero = false;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseV4(last);
    if (!v4) return undefined;
    leadingZero = v4.leadingZero;
    const o = last.split('.').map(Number);
    tail = [(o[0] << 8) | o[1], (o[2] << 8) | o[3]];
    // Keep a "::" that ends right before the IPv4 part; drop a single separating ":".
    const before = s.slice(0, lastColon + 1);
    body = before.endsWith('::') ? before : before.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const parts = (h: string) => (h === '' ? [] : h.split(':'));
  const head = parts(halves[0]);
  const rest = halves.length === 2 ? parts(halves[1]) : [];
  if (![...head, ...rest].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const size = 8 - tail.length;
  const known = head.length + rest.length;
  if (halves.length === 2 ? known >= size : known !== size) return undefined;
  const hex = (g: string) => parseInt(g, 16);
  const words = [...head.map(hex), ...Array(size - known).fill(0), ...rest.map(hex), ...tail];
  return { words, leadingZero };
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
