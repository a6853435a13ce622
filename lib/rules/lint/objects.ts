/**
 * Shared, defensive accessors for the lints. Inputs may be arbitrary user files, so every field is checked for
 * its type before use and nothing here throws on garbage.
 */
import { Issue } from '../../util/errors';
import { Located, podSpecOf, pointerToken } from '../types';

export type Json = Record<string, any>;

export function isRecord(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

export function str(x: unknown): string | undefined {
  return typeof x === 'string' && x !== '' ? x : undefined;
}

export function kindOf(j: unknown): string | undefined {
  return isRecord(j) ? str(j.kind) : undefined;
}

export function nameOf(j: unknown): string | undefined {
  return isRecord(j) && isRecord(j.metadata) ? str(j.metadata.name) : undefined;
}

/**
 * Assumption: an object without metadata.namespace lands in "default". kubectl would use the context's
 * namespace instead, but a manifest set cannot know it, and "default" is what a fresh context uses.
 */
export function namespaceOf(j: unknown): string {
  return (isRecord(j) && isRecord(j.metadata) && str(j.metadata.namespace)) || 'default';
}

/** `Deployment "web"`, for messages. */
export function showObject(j: unknown): string {
  return `${kindOf(j) ?? 'object'} "${nameOf(j) ?? '?'}"`;
}

/** Key of a namespaced object in an index. */
export function keyOf(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

/**
 * Several lints need the same index of one set; the engine hands every set rule the same read-only array, so
 * an index is built once per array (and rebuilt if the array's length changed, as a guard against reuse).
 */
export function memo<T>(build: (objects: readonly Located[]) => T): (objects: readonly Located[]) => T {
  const cache = new WeakMap<readonly Located[], { length: number; value: T }>();
  return (objects) => {
    const hit = cache.get(objects);
    if (hit && hit.length === objects.length) return hit.value;
    const value = build(objects);
    cache.set(objects, { length: objects.length, value });
    return value;
  };
}

/** An issue on an object of the set: the location comes from the object itself. */
export function issueAt(o: Located, ruleId: string, severity: Issue['severity'], jsonPointer: string, message: string, fix: string): Issue {
  const issue: { -readonly [K in keyof Issue]: Issue[K] } = { ruleId, severity, message, fix, jsonPointer };
  if (o.constructPath !== undefined) issue.constructPath = o.constructPath;
  if (o.file !== undefined) issue.file = o.file;
  if (o.line !== undefined) issue.line = o.line;
  return issue;
}

/**
 * The pointer to `tokens` below `base` (where `node` is), cut at the deepest field that exists, so that reports
 * can always map it to a line even when the finding is a missing field.
 */
export function existingPointer(node: unknown, base: string, tokens: readonly (string | number)[]): string {
  let out = base;
  for (const t of tokens) {
    const next = isRecord(node) || Array.isArray(node) ? (node as any)[t] : undefined;
    if (next === undefined || next === null) break;
    node = next;
    out += `/${pointerToken(t)}`;
  }
  return out;
}

export interface PodTemplate {
  readonly o: Located;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly spec: Json;
  /** Pointer to the pod spec inside the object, e.g. /spec/template/spec. */
  readonly pointer: string;
}

/** The string-valued labels of a metadata block: the labels map itself when all its values are strings (usual). */
function stringLabels(meta: unknown): Readonly<Record<string, string>> {
  if (!isRecord(meta) || !isRecord(meta.labels)) return {};
  const all = meta.labels;
  const keys = Object.keys(all);
  if (keys.every((k) => typeof all[k] === 'string')) return all;
  const labels: Record<string, string> = {};
  for (const k of keys) if (typeof all[k] === 'string') labels[k] = all[k];
  return labels;
}

/** The pod spec and pod labels of an object that makes pods, or undefined. */
export function podTemplateOf(o: Located): PodTemplate | undefined {
  if (!isRecord(o.json)) return undefined;
  const found = podSpecOf(o.json);
  if (!found || !isRecord(found.spec)) return undefined;
  const meta = o.json.kind === 'Pod' ? o.json.metadata
    : o.json.kind === 'CronJob' ? o.json.spec?.jobTemplate?.spec?.template?.metadata
    : o.json.spec?.template?.metadata;
  return { o, namespace: namespaceOf(o.json), labels: stringLabels(meta), spec: found.spec, pointer: found.pointer };
}

/** A container of a pod spec. Its pointer is only built when a finding needs it. */
export class ContainerAt {
  public readonly name: string;

  constructor(
    public readonly c: Json,
    private readonly podPointer: string,
    public readonly field: 'initContainers' | 'containers',
    private readonly index: number,
  ) {
    this.name = str(c.name) ?? `#${index}`;
  }

  /** Pointer to the container, e.g. /spec/template/spec/containers/0. */
  public get pointer(): string {
    return `${this.podPointer}/${this.field}/${this.index}`;
  }
}

/** Init containers and containers of a pod spec (ephemeral containers are debugging tools, not the workload). */
export function containersOf(spec: Json, pointer: string): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const field of ['initContainers', 'containers'] as const) {
    const cs = list(spec[field]);
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      if (isRecord(c)) out.push(new ContainerAt(c, pointer, field, i));
    }
  }
  return out;
}

/** The containers of an object's pod template (none for kinds without one, or for garbage). */
export function podContainers(obj: unknown): ContainerAt[] {
  const found = isRecord(obj) ? podSpecOf(obj) : undefined;
  return found && isRecord(found.spec) ? containersOf(found.spec, found.pointer) : [];
}

/** Containers that run alongside the app (sidecar init containers included): what a Service and the HPA see. */
export function appContainersOf(spec: Json, pointer: string): ContainerAt[] {
  return containersOf(spec, pointer).filter((x) => x.field === 'containers' || x.c.restartPolicy === 'Always');
}
