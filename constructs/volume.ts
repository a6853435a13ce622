/** Pod volumes: from a PersistentVolumeClaim, ConfigMap or Secret object, or an emptyDir. */
import { IConstruct } from 'constructs';
import { Quantity } from '../lib/util/quantity';
import { isDns1123Label, sanitizeLabel, shortHash } from '../lib/util/names';
import { checkQuantity, fail } from '../lib/util/check';

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
  ) {}

  /** @internal checked when added to a pod, so errors name the construct path. */
  public _check(where: IConstruct): void {
    if (!isDns1123Label(this.name)) {
      fail(where, 'the volume name is not a valid DNS-1123 label', this.name, 'lowercase letters, digits and "-", at most 63 characters', 'choose a name like "cache"');
    }
    const emptyDir = this.source.emptyDir as { sizeLimit?: Quantity } | undefined;
    if (emptyDir?.sizeLimit !== undefined) checkQuantity(where, 'emptyDir.sizeLimit', emptyDir.sizeLimit, { positive: true });
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
