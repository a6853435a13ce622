/**
 * The Kubernetes shapes that props and the policy accept, with Kubernetes' own field names. Only the parts
 * kubeforge reads are typed strictly; open maps stay open so no field is ever dropped.
 */
import { Quantity } from '../util/quantity';

export interface ResourceRequirements {
  readonly requests?: { readonly cpu?: Quantity; readonly memory?: Quantity; readonly 'ephemeral-storage'?: Quantity; readonly [name: string]: Quantity | undefined };
  readonly limits?: { readonly cpu?: Quantity; readonly memory?: Quantity; readonly 'ephemeral-storage'?: Quantity; readonly [name: string]: Quantity | undefined };
}

export interface Capabilities {
  readonly add?: readonly string[];
  readonly drop?: readonly string[];
}

export interface SeccompProfile {
  readonly type: 'RuntimeDefault' | 'Localhost' | 'Unconfined';
  readonly localhostProfile?: string;
}

/** core/v1 SecurityContext (per container). */
export interface SecurityContext {
  readonly allowPrivilegeEscalation?: boolean;
  readonly capabilities?: Capabilities;
  readonly privileged?: boolean;
  readonly readOnlyRootFilesystem?: boolean;
  readonly runAsGroup?: number;
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly seccompProfile?: SeccompProfile;
  readonly procMount?: string;
  readonly seLinuxOptions?: Readonly<Record<string, string>>;
  readonly appArmorProfile?: { readonly type: string; readonly localhostProfile?: string };
}

/** core/v1 PodSecurityContext. */
export interface PodSecurityContext {
  readonly fsGroup?: number;
  readonly fsGroupChangePolicy?: 'Always' | 'OnRootMismatch';
  readonly runAsGroup?: number;
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly seccompProfile?: SeccompProfile;
  readonly supplementalGroups?: readonly number[];
  readonly sysctls?: readonly { readonly name: string; readonly value: string }[];
  readonly seLinuxOptions?: Readonly<Record<string, string>>;
}

export type ImagePullPolicy = 'Always' | 'IfNotPresent' | 'Never';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';
export type VolumeMode = 'Filesystem' | 'Block';
export type ReclaimPolicy = 'Retain' | 'Delete' | 'Recycle';

/** A JSON value as it will be written. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: unknown };
