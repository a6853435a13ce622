/**
 * Claims, volumes and classes as the PV binder sees them: a PV can bind a claim when its class equals the
 * claim's, it offers every requested access mode, its capacity covers the request, the volume modes agree, and
 * (for claims with a selector) its labels match.
 */
import { ExactQuantity, resourceQuantity } from '../../util/quantity';
import { matchesSelector } from '../apiserver/selector-match';
import { Located } from '../types';
import { isRecord, Json, list, memo, namespaceOf, nameOf, str } from './objects';
import { setIndexOf } from './set-index';

const LEGACY_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

export interface Claim {
  readonly o: Located;
  readonly name: string;
  readonly namespace: string;
  /** undefined: unset, so the cluster's default class is filled in on create; '': explicitly no class. */
  readonly storageClass: string | undefined;
  readonly accessModes: readonly string[];
  readonly request: { readonly text: string; readonly value: ExactQuantity } | undefined;
  readonly volumeMode: string;
  readonly volumeName: string | undefined;
  readonly selector: Json | undefined;
}

export interface Volume {
  readonly o: Located;
  readonly name: string;
  /** '' when the PV has no class. */
  readonly storageClass: string;
  readonly accessModes: readonly string[];
  readonly capacity: { readonly text: string; readonly value: ExactQuantity } | undefined;
  readonly volumeMode: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly claimRef: { readonly name: string; readonly namespace: string } | undefined;
}

function annotation(j: Json, key: string): unknown {
  return isRecord(j.metadata) && isRecord(j.metadata.annotations) ? j.metadata.annotations[key] : undefined;
}

function size(v: unknown): { text: string; value: ExactQuantity } | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const value = resourceQuantity(v);
  return value === undefined ? undefined : { text: String(v), value };
}

function modes(v: unknown): string[] {
  return list(v).filter((m): m is string => typeof m === 'string');
}

function claimOf(o: Located): Claim | undefined {
  const j = o.json;
  const name = nameOf(j);
  if (!isRecord(j) || j.kind !== 'PersistentVolumeClaim' || !name || !isRecord(j.spec)) return undefined;
  const s = j.spec;
  const cls = typeof s.storageClassName === 'string' ? s.storageClassName : annotation(j, LEGACY_CLASS_ANNOTATION);
  return {
    o, name, namespace: namespaceOf(j),
    storageClass: typeof cls === 'string' ? cls : undefined,
    accessModes: modes(s.accessModes),
    request: size(isRecord(s.resources) && isRecord(s.resources.requests) ? s.resources.requests.storage : undefined),
    volumeMode: str(s.volumeMode) ?? 'Filesystem',
    volumeName: str(s.volumeName),
    selector: isRecord(s.selector) ? s.selector : undefined,
  };
}

function volumeOf(o: Located): Volume | undefined {
  const j = o.json;
  const name = nameOf(j);
  if (!isRecord(j) || j.kind !== 'PersistentVolume' || !name || !isRecord(j.spec)) return undefined;
  const s = j.spec;
  const cls = typeof s.storageClassName === 'string' ? s.storageClassName : annotation(j, LEGACY_CLASS_ANNOTATION);
  const labels: Record<string, string> = {};
  if (isRecord(j.metadata?.labels)) for (const [k, v] of Object.entries(j.metadata.labels)) if (typeof v === 'string') labels[k] = v;
  const ref = isRecord(s.claimRef) && str(s.claimRef.name) ? { name: s.claimRef.name as string, namespace: str(s.claimRef.namespace) ?? 'default' } : undefined;
  return {
    o, name,
    storageClass: typeof cls === 'string' ? cls : '',
    accessModes: modes(s.accessModes),
    capacity: size(isRecord(s.capacity) ? s.capacity.storage : undefined),
    volumeMode: str(s.volumeMode) ?? 'Filesystem',
    labels,
    claimRef: ref,
  };
}

export interface StorageSet {
  readonly claims: Claim[];
  readonly volumes: Map<string, Volume>;
  /** StorageClasses of the set by name, with whether they provision volumes. */
  readonly classes: Map<string, { readonly provisions: boolean }>;
  /** Name of the set's default StorageClass, if it has one. */
  readonly defaultClass?: string;
}

/** The storage objects of a set (shared by the storage lints, which must not modify it). */
export const storageSet = memo((objects: readonly Located[]): StorageSet => {
  const set: { claims: Claim[]; volumes: Map<string, Volume>; classes: Map<string, { provisions: boolean }>; defaultClass?: string } =
    { claims: [], volumes: new Map(), classes: new Map() };
  for (const o of setIndexOf(objects).storage) {
    const kind = o.json.kind;
    if (kind === 'PersistentVolumeClaim') {
      const c = claimOf(o);
      if (c) set.claims.push(c);
    } else if (kind === 'PersistentVolume') {
      const v = volumeOf(o);
      if (v && !set.volumes.has(v.name)) set.volumes.set(v.name, v);
    } else if (kind === 'StorageClass') {
      const name = nameOf(o.json);
      if (!name) continue;
      set.classes.set(name, { provisions: o.json.provisioner !== 'kubernetes.io/no-provisioner' });
      if (DEFAULT_CLASS_ANNOTATIONS.some((a) => annotation(o.json, a) === 'true')) set.defaultClass = name;
    }
  }
  return set;
});

/** The class a claim ends up with: its own, else the set's default; undefined when only the cluster knows. */
export function effectiveClass(claim: Claim, set: StorageSet): string | undefined {
  return claim.storageClass ?? set.defaultClass;
}

export interface FitProblem {
  /** Pointer into the claim. */
  readonly pointer: string;
  readonly problem: string;
}

/** Why `volume` cannot satisfy `claim` (empty when it can). Unknown values are given the benefit of the doubt. */
export function fitProblems(claim: Claim, volume: Volume, set: StorageSet): FitProblem[] {
  const out: FitProblem[] = [];
  const cls = effectiveClass(claim, set);
  if (cls !== undefined && cls !== volume.storageClass) {
    out.push({ pointer: '/spec/storageClassName', problem: `the claim has storage class "${cls}", the volume "${volume.storageClass}"` });
  }
  const lacking = claim.accessModes.filter((m) => !volume.accessModes.includes(m));
  if (lacking.length > 0) {
    out.push({ pointer: '/spec/accessModes', problem: `the claim requests ${lacking.join(', ')}, the volume offers ${volume.accessModes.join(', ') || 'no access modes'}` });
  }
  if (claim.request && volume.capacity && volume.capacity.value.cmp(claim.request.value) < 0) {
    out.push({ pointer: '/spec/resources/requests/storage', problem: `the claim requests ${claim.request.text}, the volume has ${volume.capacity.text}` });
  }
  if (claim.volumeMode !== volume.volumeMode) {
    out.push({ pointer: '/spec/volumeMode', problem: `the claim wants volumeMode ${claim.volumeMode}, the volume is ${volume.volumeMode}` });
  }
  return out;
}

/** Whether a claim's label selector picks the volume (a claim without a selector takes any). */
export function selectorPicks(claim: Claim, volume: Volume): boolean {
  if (!claim.selector) return true;
  const matchLabels = isRecord(claim.selector.matchLabels) ? claim.selector.matchLabels : {};
  const matchExpressions = list(claim.selector.matchExpressions)
    .filter(isRecord)
    .map((e) => ({ key: String(e.key), operator: e.operator, values: list(e.values).map(String) }));
  return matchesSelector({ matchLabels, matchExpressions }, volume.labels) === undefined;
}
