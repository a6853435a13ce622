/**
 * PersistentVolumeClaim (v1): a request for storage, from a StorageClass or bound to a specific
 * PersistentVolume with `bind(pv)`, which checks that the two are compatible before anything is applied.
 */
import { Construct } from 'constructs';
import { KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkQuantity, fail, checkOneOf } from '../lib/util/check';
import { compareResourceQuantities, Quantity } from '../lib/util/quantity';
import { AccessMode, VolumeMode } from '../lib/app/k8s-types';
import { ACCESS_MODES, PersistentVolume } from './persistent-volume';
import { IStorageClass } from './storage-class';
import { IVolumeSource, Volume } from './volume';

export interface PersistentVolumeClaimProps extends KubeObjectProps {
  /** Requested size, e.g. "1Gi". */
  readonly storage: Quantity;
  /** @default ['ReadWriteOnce'] */
  readonly accessModes?: readonly AccessMode[];
  /** @default - the cluster's default StorageClass (or no class once bound to a class-less volume) */
  readonly storageClass?: IStorageClass;
  /** @default 'Filesystem' */
  readonly volumeMode?: VolumeMode;
  /** Same as calling bind(volume). @default - none */
  readonly volume?: PersistentVolume;
}

export class PersistentVolumeClaim extends KubeObject implements IVolumeSource {
  public readonly storage: Quantity;
  public readonly accessModes: readonly AccessMode[];
  public readonly volumeMode: VolumeMode;
  private readonly config: PersistentVolumeClaimProps;
  private boundVolume?: PersistentVolume;

  constructor(scope: Construct, id: string, props: PersistentVolumeClaimProps) {
    super(scope, id, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespaced: true }, props);
    if (props?.storage === undefined) fail(this, 'storage (the requested size) is required', undefined, 'a quantity such as "1Gi"', 'set storage: "1Gi"', 'quantity');
    checkQuantity(this, 'storage', props.storage, { positive: true });
    for (const m of props.accessModes ?? []) checkOneOf(this, 'accessModes', m, ACCESS_MODES);
    if (props.accessModes && props.accessModes.length === 0) fail(this, 'accessModes is empty', [], ACCESS_MODES.join(', '), 'omit it or list at least one mode');
    checkOneOf(this, 'volumeMode', props.volumeMode, ['Filesystem', 'Block']);
    this.config = props;
    this.storage = props.storage;
    this.accessModes = props.accessModes ?? ['ReadWriteOnce'];
    this.volumeMode = props.volumeMode ?? 'Filesystem';
    if (props.storageClass instanceof KubeObject) this.node.addDependency(props.storageClass);
    if (props.volume) this.bind(props.volume);
  }

  /** The volume this claim is bound to, if any. */
  public get volume(): PersistentVolume | undefined {
    return this.boundVolume;
  }

  /**
   * Binds the claim to a specific volume. Checks, as the PV controller would: the volume is at least as large,
   * offers every requested access mode, and has the same storage class and volume mode.
   */
  public bind(pv: PersistentVolume): void {
    const mismatch = (problem: string, value: unknown, allowed: string, fix: string) =>
      fail(this, `cannot bind to ${pv.node.path}: ${problem}`, value, allowed, fix, 'pv-pvc-mismatch');
    if (this.boundVolume && this.boundVolume !== pv) mismatch('the claim is already bound to another volume', this.boundVolume.node.path, 'one volume per claim', 'remove one of the bind() calls');
    if (compareResourceQuantities(pv.storage, this.storage) < 0) {
      mismatch(`the volume holds ${pv.storage} but the claim requests ${this.storage}`, { volume: pv.storage, claim: this.storage }, `a request of at most ${pv.storage}`, `lower the claim's storage to ${pv.storage} or enlarge the volume`);
    }
    const missing = this.accessModes.filter((m) => !pv.accessModes.includes(m));
    if (missing.length) {
      mismatch(`the volume does not offer access mode ${missing.join(', ')}`, this.accessModes, `modes the volume offers: ${pv.accessModes.join(', ')}`, 'request only modes the volume offers, or add them to the volume');
    }
    const claimClass = this.config.storageClass?.name;
    if (claimClass !== undefined && claimClass !== pv.storageClassName) {
      mismatch(`the claim asks for StorageClass "${claimClass}" but the volume has ${pv.storageClassName ? `"${pv.storageClassName}"` : 'none'}`, claimClass, `the volume's class (${pv.storageClassName || 'none'})`, 'give both the same storageClass, or omit it on the claim');
    }
    if (pv.volumeMode !== this.volumeMode) {
      mismatch(`the volume mode differs (volume ${pv.volumeMode}, claim ${this.volumeMode})`, this.volumeMode, pv.volumeMode, 'use the same volumeMode on both');
    }
    const namespace = this.metadata.namespace;
    pv._reserveFor({ name: this.name, namespace }, this);
    this.boundVolume = pv;
    this.node.addDependency(pv);
  }

  /** The claim as a pod volume. */
  public asVolume(options: { readonly readOnly?: boolean; readonly name?: string } = {}): Volume {
    return Volume.fromPersistentVolumeClaim(this, options);
  }

  protected renderBody(): Record<string, unknown> {
    const spec: Record<string, unknown> = {
      accessModes: [...this.accessModes],
      resources: { requests: { storage: this.storage } },
    };
    // Bound to a class-less volume: ask for "" explicitly, or the default-class admission plugin would assign one
    // and the claim would never bind.
    const cls = this.config.storageClass?.name ?? (this.boundVolume ? this.boundVolume.storageClassName : undefined);
    if (cls !== undefined) spec.storageClassName = cls;
    if (this.config.volumeMode) spec.volumeMode = this.config.volumeMode;
    if (this.boundVolume) spec.volumeName = this.boundVolume.name;
    return { spec };
  }
}
