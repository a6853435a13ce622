/** StorageClass (storage.k8s.io/v1, cluster-scoped): how dynamic volumes are provisioned. */
import { Construct, IConstruct } from 'constructs';
import { KubeObject, KubeObjectProps } from '../lib/app/object';
import { fail, checkOneOf } from '../lib/util/check';
import { isDns1123Subdomain } from '../lib/util/names';
import { NamedReference } from './reference';

export interface IStorageClass extends IConstruct {
  readonly name: string;
}

export interface StorageClassProps extends Omit<KubeObjectProps, 'namespace'> {
  /** The provisioner, e.g. `ebs.csi.aws.com`, `kubernetes.io/no-provisioner`. */
  readonly provisioner: string;
  /** Provisioner-specific parameters. @default - none */
  readonly parameters?: Readonly<Record<string, string>>;
  /** @default 'Delete' (Kubernetes' default) */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
  /** `WaitForFirstConsumer` delays binding until a pod is scheduled (needed for zonal and local volumes). @default 'Immediate' */
  readonly volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  /** @default false */
  readonly allowVolumeExpansion?: boolean;
  /** @default - none */
  readonly mountOptions?: readonly string[];
  /** Mark as the cluster's default class. @default false */
  readonly isDefault?: boolean;
}

export class StorageClass extends KubeObject implements IStorageClass {
  /** Refers to a StorageClass that exists in the cluster (e.g. "standard"); nothing is emitted for it. */
  public static fromName(scope: Construct, id: string, name: string): IStorageClass {
    return new NamedReference(scope, id, name);
  }

  private readonly config: StorageClassProps;

  constructor(scope: Construct, id: string, props: StorageClassProps) {
    super(scope, id, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', namespaced: false }, props);
    const prov = props?.provisioner;
    if (typeof prov !== 'string' || !isDns1123Subdomain(prov.replace(/\//g, '.').toLowerCase()) || prov.length > 63) {
      fail(this, 'the provisioner is not valid', prov, 'a name like "ebs.csi.aws.com" or "kubernetes.io/no-provisioner", at most 63 characters', 'set provisioner to your CSI driver\'s name');
    }
    checkOneOf(this, 'reclaimPolicy', props.reclaimPolicy, ['Delete', 'Retain']);
    checkOneOf(this, 'volumeBindingMode', props.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']);
    this.config = props;
  }

  public get reclaimPolicy(): 'Delete' | 'Retain' {
    return this.config.reclaimPolicy ?? 'Delete';
  }

  protected extraAnnotations(): Record<string, string> | undefined {
    return this.config.isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined;
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const body: Record<string, unknown> = { provisioner: p.provisioner };
    if (p.parameters && Object.keys(p.parameters).length) body.parameters = { ...p.parameters };
    if (p.reclaimPolicy) body.reclaimPolicy = p.reclaimPolicy;
    if (p.volumeBindingMode) body.volumeBindingMode = p.volumeBindingMode;
    if (p.allowVolumeExpansion !== undefined) body.allowVolumeExpansion = p.allowVolumeExpansion;
    if (p.mountOptions?.length) body.mountOptions = [...p.mountOptions];
    return body;
  }
}
