/**
 * Pod volumes: from a PersistentVolumeClaim, ConfigMap or Secret object, an emptyDir, a generic ephemeral
 * claim, the downward API, or several of these projected into one directory.
 */
import { IConstruct } from 'constructs';
import { Quantity } from '../lib/util/quantity';
import { isDns1123Label, sanitizeLabel, shortHash } from '../lib/util/names';
import { checkIntRange, checkQuantity, fail } from '../lib/util/check';
import { AccessMode, VolumeMode } from '../lib/app/k8s-types';
import { DownwardApiFile, ProjectionSource, checkDownwardFiles, downwardFileJson } from './projection';
import { IStorageClass } from './storage-class';

/** Anything `container.mount(path, x)` accepts besides a Volume: PVCs, ConfigMaps and Secrets. */
export interface IVolumeSource {
  asVolume(): Volume;
}

export interface KeyToPathOptions {
  /** Project only these keys, to these relative paths. @default - every key, as a file named after it */
  readonly items?: Readonly<Record<string, string>>;
  /** File mode for the projected files, e.g. 0o440. @default - 0o644 */
  readonly defaultMode?: number;
  /** @default false */
  readonly optional?: boolean;
  /** Volume name in the pod. @default - derived from the source's name */
  readonly name?: string;
}

export interface EmptyDirOptions {
  /** `Memory` for a tmpfs. @default - the node's disk */
  readonly medium?: 'Memory';
  /** @default - no limit */
  readonly sizeLimit?: Quantity;
}

export interface EphemeralVolumeOptions {
  /** Size of the claim made for each pod, e.g. "1Gi". */
  readonly storage: Quantity;
  /** @default ['ReadWriteOnce'] */
  readonly accessModes?: readonly AccessMode[];
  /** @default - the cluster's default StorageClass */
  readonly storageClass?: IStorageClass;
  /** @default - Kubernetes' default (Filesystem) */
  readonly volumeMode?: VolumeMode;
}

export interface ProjectedVolumeOptions {
  /** File mode for the projected files, e.g. 0o440. @default - 0o644 */
  readonly defaultMode?: number;
}

const ACCESS_MODES: readonly AccessMode[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

/** Keys projected with `items` must exist in the ConfigMap or Secret, or the pod never starts. */
export function checkProjectedKeys(owner: IConstruct, kind: 'ConfigMap' | 'Secret', options: KeyToPathOptions, keys: readonly string[]): void {
  for (const key of Object.keys(options.items ?? {})) {
    if (!keys.includes(key)) fail(owner, `a projected key does not exist in the ${kind}`, key, keys.join(', ') || 'no keys yet', 'add the key first or fix its name');
  }
}

/** A DNS-1123 label for a volume name, derived from an object name (which may contain dots). */
export function volumeNameFor(objectName: string): string {
  const s = sanitizeLabel(objectName);
  if (s.length > 0 && s.length <= 63) return s;
  return `${s.slice(0, 54).replace(/-+$/, '')}-${shortHash(objectName)}`;
}

export class Volume {
  public static fromPersistentVolumeClaim(claim: IConstruct & { readonly name: string }, options: { readonly readOnly?: boolean; readonly name?: string } = {}): Volume {
    const src: Record<string, unknown> = { claimName: claim.name };
    if (options.readOnly) src.readOnly = true;
    return new Volume(options.name ?? volumeNameFor(claim.name), { persistentVolumeClaim: src }, claim);
  }

  public static fromConfigMap(configMap: IConstruct & { readonly name: string }, options: KeyToPathOptions = {}): Volume {
    return new Volume(options.name ?? volumeNameFor(configMap.name), { configMap: { name: configMap.name, ...keyToPath(options) } }, configMap);
  }

  public static fromSecret(secret: IConstruct & { readonly name: string }, options: KeyToPathOptions = {}): Volume {
    return new Volume(options.name ?? volumeNameFor(secret.name), { secret: { secretName: secret.name, ...keyToPath(options) } }, secret);
  }

  public static fromEmptyDir(name: string, options: EmptyDirOptions = {}): Volume {
    const src: Record<string, unknown> = {};
    if (options.medium) src.medium = options.medium;
    if (options.sizeLimit !== undefined) src.sizeLimit = options.sizeLimit;
    return new Volume(name, { emptyDir: src });
  }

  /**
   * A generic ephemeral volume: Kubernetes creates a PersistentVolumeClaim for each pod from this template and
   * deletes it with the pod (scratch space that needs a real storage class, e.g. a fast local disk).
   */
  public static fromEphemeral(name: string, options: EphemeralVolumeOptions): Volume {
    const spec: Record<string, unknown> = { accessModes: [...(options?.accessModes ?? ['ReadWriteOnce'])], resources: { requests: { storage: options?.storage } } };
    if (options?.storageClass) spec.storageClassName = options.storageClass.name;
    if (options?.volumeMode) spec.volumeMode = options.volumeMode;
    return new Volume(name, { ephemeral: { volumeClaimTemplate: { spec } } }, undefined, undefined, options?.storageClass ? [options.storageClass] : []);
  }

  /** Pod metadata and container resources as files: `DownwardApiFile.field('labels', 'metadata.labels')`. */
  public static fromDownwardApi(name: string, files: readonly DownwardApiFile[], options: ProjectedVolumeOptions = {}): Volume {
    const src: Record<string, unknown> = { items: Array.isArray(files) ? files.map(downwardFileJson) : files };
    if (options.defaultMode !== undefined) src.defaultMode = options.defaultMode;
    return new Volume(name, { downwardAPI: src }, undefined, undefined, [], files);
  }

  /**
   * Several sources in one directory: `ProjectionSource.configMap(cm, { items })`, `.secret(...)`,
   * `.downwardApi([...])` and `.serviceAccountToken({ path, audience })`.
   */
  public static fromProjected(name: string, sources: readonly ProjectionSource[], options: ProjectedVolumeOptions = {}): Volume {
    const list = Array.isArray(sources) ? sources : [];
    const src: Record<string, unknown> = { sources: list.map((s) => (s instanceof ProjectionSource ? s._toJson() : s)) };
    if (options.defaultMode !== undefined) src.defaultMode = options.defaultMode;
    const refs = list.flatMap((s) => (s instanceof ProjectionSource && s.from ? [s.from] : []));
    const files = list.flatMap((s) => (s instanceof ProjectionSource ? s.downwardFiles : []));
    return new Volume(name, { projected: src }, undefined, undefined, refs, files, sources);
  }

  /**
   * The volume of a StatefulSet's volumeClaimTemplate: each pod gets its own claim, so the pod spec lists no
   * volume for it, and only that StatefulSet's containers can mount it.
   */
  public static fromClaimTemplate(name: string, statefulSet: IConstruct): Volume {
    return new Volume(name, {}, undefined, statefulSet);
  }

  private constructor(
    public readonly name: string,
    private readonly source: Record<string, unknown>,
    /** The object the volume comes from, if any. */
    public readonly from?: IConstruct,
    /** The StatefulSet whose claim template this is, if it is one. */
    public readonly claimTemplateOf?: IConstruct,
    private readonly extraRefs: readonly IConstruct[] = [],
    /** Downward API files, whose container names are checked against the pod at synth. */
    public readonly downwardFiles: readonly DownwardApiFile[] = [],
    private readonly projections?: readonly ProjectionSource[],
  ) {}

  /** Every object the volume reads from (for namespace checks). */
  public get references(): readonly IConstruct[] {
    return [...(this.from ? [this.from] : []), ...this.extraRefs];
  }

  /** @internal checked when added to a pod, so errors name the construct path. */
  public _check(where: IConstruct): void {
    if (!isDns1123Label(this.name)) {
      fail(where, 'the volume name is not a valid DNS-1123 label', this.name, 'lowercase letters, digits and "-", at most 63 characters', 'choose a name like "cache"');
    }
    const emptyDir = this.source.emptyDir as { sizeLimit?: Quantity } | undefined;
    if (emptyDir?.sizeLimit !== undefined) checkQuantity(where, 'emptyDir.sizeLimit', emptyDir.sizeLimit, { positive: true });
    const field = `volume "${this.name}"`;
    const mode = (this.source.downwardAPI ?? this.source.projected) as { defaultMode?: number } | undefined;
    checkIntRange(where, `${field} defaultMode`, mode?.defaultMode, 0, 0o777, 'use an octal mode such as 0o440');
    if (this.source.downwardAPI) checkDownwardFiles(where, field, this.downwardFiles, new Set());
    if (this.source.projected) this.checkProjected(where, field);
    const eph = this.source.ephemeral as { volumeClaimTemplate: { spec: { accessModes: AccessMode[]; volumeMode?: VolumeMode; resources: { requests: { storage?: Quantity } } } } } | undefined;
    if (eph) {
      const spec = eph.volumeClaimTemplate.spec;
      if (spec.resources.requests.storage === undefined) fail(where, `${field} (ephemeral) needs storage, the size of each pod's claim`, undefined, 'a quantity such as "1Gi"', "pass { storage: '1Gi' }", 'quantity');
      checkQuantity(where, `${field} storage`, spec.resources.requests.storage, { positive: true });
      if (spec.accessModes.length === 0) fail(where, `${field} (ephemeral) has empty accessModes`, [], ACCESS_MODES.join(', '), 'omit accessModes or list at least one');
      for (const m of spec.accessModes) if (!ACCESS_MODES.includes(m)) fail(where, `${field} access mode is not valid`, m, ACCESS_MODES.join(', '), `use one of ${ACCESS_MODES.join(', ')}`, 'enum');
      if (spec.accessModes.includes('ReadWriteOncePod') && spec.accessModes.length > 1) {
        fail(where, `${field} (ephemeral) combines ReadWriteOncePod with other access modes`, spec.accessModes, 'ReadWriteOncePod alone', 'keep only ReadWriteOncePod');
      }
      if (spec.volumeMode !== undefined && spec.volumeMode !== 'Filesystem' && spec.volumeMode !== 'Block') fail(where, `${field} volumeMode is not valid`, spec.volumeMode, 'Filesystem, Block', 'use Filesystem or Block', 'enum');
    }
  }

  private checkProjected(where: IConstruct, field: string): void {
    const sources = this.projections ?? [];
    if (!Array.isArray(sources) || sources.length === 0) fail(where, `${field} (projected) has no sources`, sources, 'at least one ProjectionSource', 'pass e.g. [ProjectionSource.configMap(config)]');
    const paths = new Set<string>();
    for (const s of sources) {
      if (!(s instanceof ProjectionSource)) fail(where, `${field}: a projection source must be built with ProjectionSource`, s, 'ProjectionSource.configMap/secret/downwardApi/serviceAccountToken', 'build the source with ProjectionSource');
      s._check(where, field, paths);
    }
  }

  /** @internal */
  public _toJson(): Record<string, unknown> {
    return { name: this.name, ...this.source };
  }

  /** True when both describe the same source (mounting one volume twice reuses it). */
  public sameAs(other: Volume): boolean {
    return other.name === this.name && other.claimTemplateOf === this.claimTemplateOf && JSON.stringify(other.source) === JSON.stringify(this.source);
  }
}

function keyToPath(o: KeyToPathOptions): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  if (o.items) r.items = Object.entries(o.items).map(([key, path]) => ({ key, path }));
  if (o.defaultMode !== undefined) r.defaultMode = o.defaultMode;
  if (o.optional) r.optional = true;
  return r;
}
