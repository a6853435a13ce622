/**
 * Plumbing shared by the pod rules (pod-spec, security-context, containers, pod-volumes): path syntax as the API
 * server reads it (IP syntax is lib/util/ip.ts), and a walk over every container list of a pod.
 */
import { POD_KINDS, podSpecOf } from '../types';
import { Obj, isObj, list } from './support';

/** The kinds whose pod spec the API server validates as a pod: the pod-making kinds and PodTemplate. */
export const POD_SPEC_KINDS: readonly string[] = [...POD_KINDS, 'PodTemplate'];

/** The pod spec of any kind in POD_SPEC_KINDS, with its pointer (a PodTemplate keeps it in template.spec). */
export function podSpecIn(obj: Obj): { spec: Obj; pointer: string } | undefined {
  if (obj?.kind === 'PodTemplate') return isObj(obj.template) && obj.template.spec ? { spec: obj.template.spec, pointer: '/template/spec' } : undefined;
  return podSpecOf(obj);
}

/** User and group ids: 0 to 2^31-1. */
export const MAX_INT32 = 2147483647;
export const MAX_ID = MAX_INT32;

/** Whether `v` is an integer user or group id the API server accepts. */
export const isId = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_ID;

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
