/**
 * PersistentVolume (v1, cluster-scoped): a piece of storage from NFS, a host path, a local disk (pinned to
 * nodes) or a CSI driver. Bind a claim to it with `pvc.bind(pv)`.
 */
import { Construct } from 'constructs';
import { KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkQuantity, fail, checkOneOf } from '../lib/util/check';
import { Quantity } from '../lib/util/quantity';
import { AccessMode, ReclaimPolicy, VolumeMode } from '../lib/app/k8s-types';
import { IStorageClass } from './storage-class';

export const ACCESS_MODES: readonly AccessMode[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

export interface NodeAffinityTerm {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values?: readonly string[];
}

export class PersistentVolumeSource {
  public static nfs(options: { readonly server: string; readonly path: string; readonly readOnly?: boolean }): PersistentVolumeSource {
    return new PersistentVolumeSource('nfs', { server: options.server, path: options.path, ...(options.readOnly ? { readOnly: true } : {}) }, (where) => {
      if (!options.server) fail(where, 'nfs.server is empty', options.server, 'a host name or IP', 'set server');
      if (!options.path?.startsWith('/')) fail(where, 'nfs.path must be absolute', options.path, 'a path starting with "/"', 'use the exported path, e.g. "/exports/data"');
    });
  }

  /** A directory on the node (single-node and test clusters only). */
  public static hostPath(options: { readonly path: string; readonly type?: 'DirectoryOrCreate' | 'Directory' | 'FileOrCreate' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice' }): PersistentVolumeSource {
    return new PersistentVolumeSource('hostPath', { path: options.path, ...(options.type ? { type: options.type } : {}) }, (where) => {
      if (!options.path?.startsWith('/')) fail(where, 'hostPath.path must be absolute', options.path, 'a path starting with "/"', 'use an absolute path');
    });
  }

  /** A local disk; Kubernetes requires node affinity, so the nodes that have it are required here. */
  public static local(options: { readonly path: string; readonly hostnames: readonly string[]; readonly fsType?: string }): PersistentVolumeSource {
    return new PersistentVolumeSource(
      'local',
      { path: options.path, ...(options.fsType ? { fsType: options.fsType } : {}) },
      (where) => {
        if (!options.path?.startsWith('/')) fail(where, 'local.path must be absolute', options.path, 'a path starting with "/"', 'use the disk\'s mount path');
        if (!options.hostnames?.length) fail(where, 'a local volume needs the nodes that have it', options.hostnames, 'one or more node hostnames', 'pass hostnames: ["node-1"]');
      },
      [{ key: 'kubernetes.io/hostname', operator: 'In', values: [...(options.hostnames ?? [])] }],
    );
  }

  public static csi(options: {
    readonly driver: string;
    readonly volumeHandle: string;
    readonly fsType?: string;
    readonly readOnly?: boolean;
    readonly volumeAttributes?: Readonly<Record<string, string>>;
  }): PersistentVolumeSource {
    const json: Record<string, unknown> = { driver: options.driver, volumeHandle: options.volumeHandle };
    if (options.fsType) json.fsType = options.fsType;
    if (options.readOnly) json.readOnly = true;
    if (options.volumeAttributes) json.volumeAttributes = { ...options.volumeAttributes };
    return new PersistentVolumeSource('csi', json, (where) => {
      if (!options.driver) fail(where, 'csi.driver is empty', options.driver, 'the CSI driver name', 'set driver');
      if (!options.volumeHandle) fail(where, 'csi.volumeHandle is empty', options.volumeHandle, 'the volume id in the storage system', 'set volumeHandle');
    });
  }

  private constructor(
    public readonly type: 'nfs' | 'hostPath' | 'local' | 'csi',
    private readonly json: Record<string, unknown>,
    /** @internal */ public readonly _check: (where: Construct) => void,
    public readonly requiredNodeAffinity?: readonly NodeAffinityTerm[],
  ) {}

  /** @internal */
  public _toJson(): Record<string, unknown> {
    return { [this.type]: { ...this.json } };
  }
}

export interface PersistentVolumeProps extends Omit<KubeObjectProps, 'namespace'> {
  /** Where the storage is. */
  readonly source: PersistentVolumeSource;
  /** Capacity, e.g. "1Gi". */
  readonly storage: Quantity;
  /** @default ['ReadWriteOnce'] */
  readonly accessModes?: readonly AccessMode[];
  /** What happens to the data when the claim is deleted. @default 'Retain' (Kubernetes' default for static volumes) */
  readonly reclaimPolicy?: ReclaimPolicy;
  /** @default - no class: only claims that ask for no class (as `pvc.bind()` does) bind to it */
  readonly storageClass?: IStorageClass;
  /** @default 'Filesystem' */
  readonly volumeMode?: VolumeMode;
  /** @default - none */
  readonly mountOptions?: readonly string[];
  /** Extra required node affinity terms (ANDed). @default - none (local volumes add their hostnames) */
  readonly nodeAffinity?: readonly NodeAffinityTerm[];
}

export class PersistentVolume extends KubeObject {
  public readonly storage: Quantity;
  public readonly accessModes: readonly AccessMode[];
  public readonly volumeMode: VolumeMode;
  public readonly storageClassName: string;
  public readonly reclaimPolicy: ReclaimPolicy;
  private readonly config: PersistentVolumeProps;
  private claim?: { name: string; namespace?: string };

  constructor(scope: Construct, id: string, props: PersistentVolumeProps) {
    super(scope, id, { apiVersion: 'v1', kind: 'PersistentVolume', namespaced: false }, props);
    if (!(props?.source instanceof PersistentVolumeSource)) {
      fail(this, 'a PersistentVolume needs a source', props?.source, 'PersistentVolumeSource.nfs/hostPath/local/csi(...)', 'pass source: PersistentVolumeSource.nfs({ server, path })');
    }
    props.source._check(this);
    checkQuantity(this, 'storage', props.storage, { positive: true });
    if (props.storage === undefined) fail(this, 'storage (the capacity) is required', undefined, 'a quantity such as "1Gi"', 'set storage: "1Gi"', 'quantity');
    for (const m of props.accessModes ?? []) checkOneOf(this, 'accessModes', m, ACCESS_MODES);
    if (props.accessModes && props.accessModes.length === 0) fail(this, 'accessModes is empty', [], ACCESS_MODES.join(', '), 'omit it or list at least one mode');
    if (props.accessModes?.includes('ReadWriteOncePod') && props.accessModes.length > 1) {
      fail(this, 'ReadWriteOncePod cannot be combined with other access modes', props.accessModes, 'ReadWriteOncePod alone', 'keep only ReadWriteOncePod');
    }
    checkOneOf(this, 'reclaimPolicy', props.reclaimPolicy, ['Retain', 'Delete', 'Recycle']);
    checkOneOf(this, 'volumeMode', props.volumeMode, ['Filesystem', 'Block']);
    if (props.reclaimPolicy === 'Recycle' && props.source.type !== 'nfs' && props.source.type !== 'hostPath') {
      fail(this, 'Recycle is only supported for nfs and hostPath volumes', props.reclaimPolicy, 'Retain or Delete', 'use Retain');
    }
    this.config = props;
    this.storage = props.storage;
    this.accessModes = props.accessModes ?? ['ReadWriteOnce'];
    this.volumeMode = props.volumeMode ?? 'Filesystem';
    this.storageClassName = props.storageClass?.name ?? '';
    this.reclaimPolicy = props.reclaimPolicy ?? 'Retain';
    if (props.storageClass instanceof KubeObject) this.node.addDependency(props.storageClass);
  }

  /** The claim this volume is reserved for, when bound by `pvc.bind()`. */
  public get claimRef(): { readonly name: string; readonly namespace?: string } | undefined {
    return this.claim;
  }

  /** @internal called by PersistentVolumeClaim.bind() */
  public _reserveFor(claim: { name: string; namespace?: string }, by: Construct): void {
    if (this.claim && (this.claim.name !== claim.name || this.claim.namespace !== claim.namespace)) {
      fail(by, 'the PersistentVolume is already bound to another claim', `${this.claim.namespace ?? '(current namespace)'}/${this.claim.name}`, 'one claim per volume', 'create another PersistentVolume');
    }
    this.claim = claim;
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const spec: Record<string, unknown> = {
      capacity: { storage: p.storage },
      accessModes: [...this.accessModes],
      persistentVolumeReclaimPolicy: this.reclaimPolicy,
    };
    if (this.storageClassName) spec.storageClassName = this.storageClassName;
    if (p.volumeMode) spec.volumeMode = p.volumeMode;
    if (p.mountOptions?.length) spec.mountOptions = [...p.mountOptions];
    // Reserve the volume for its claim when the claim's namespace is known; claimRef without it never matches.
    if (this.claim?.namespace) spec.claimRef = { name: this.claim.name, namespace: this.claim.namespace };
    Object.assign(spec, p.source._toJson());
    const terms = [...(p.source.requiredNodeAffinity ?? []), ...(p.nodeAffinity ?? [])];
    if (terms.length) {
      spec.nodeAffinity = {
        required: { nodeSelectorTerms: [{ matchExpressions: terms.map((t) => ({ key: t.key, operator: t.operator, ...(t.values ? { values: [...t.values] } : {}) })) }] },
      };
    }
    return { spec };
  }
}
