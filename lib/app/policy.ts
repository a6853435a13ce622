/**
 * The app-wide defaults policy. Every default a construct applies comes from here, so a team changes it once
 * (on the App, or per Chart) instead of repeating props, and nothing is hard-coded in the constructs.
 */
import { IConstruct } from 'constructs';
import { ImagePullPolicy, PodSecurityContext, ResourceRequirements, SecurityContext } from './k8s-types';

export interface ProbeDefault {
  /** `tcp`: a TCP check on the container's first declared port (containers without ports get none). */
  readonly type: 'tcp' | 'none';
  /** @default - Kubernetes' default (10) */
  readonly periodSeconds?: number;
  /** @default - Kubernetes' default (0) */
  readonly initialDelaySeconds?: number;
  /** @default - Kubernetes' default (3) */
  readonly failureThreshold?: number;
}

export interface DefaultsPolicy {
  /**
   * Resources for containers that set none. A container's own `resources` replaces this whole value.
   * @default - requests cpu 100m and memory 128Mi, no limits (CPU limits throttle; memory limits are app-specific)
   */
  readonly resources?: ResourceRequirements;
  /**
   * Container security context for containers that set none (a container's own value is merged over it).
   * @default - { allowPrivilegeEscalation: false }: safe for official images such as nginx and mysql, which
   * start as root; tighten app-wide with runAsNonRoot, readOnlyRootFilesystem and capabilities.drop
   */
  readonly securityContext?: SecurityContext;
  /** @default - { seccompProfile: { type: 'RuntimeDefault' } } */
  readonly podSecurityContext?: PodSecurityContext;
  /** @default - unset: Kubernetes pulls `:latest` always and tagged images if not present */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** @default - a TCP readiness probe on the first container port; no liveness or startup probe */
  readonly probes?: {
    readonly readiness?: ProbeDefault;
    readonly liveness?: ProbeDefault;
    readonly startup?: ProbeDefault;
  };
  /** Extra labels on every object (and pod template). @default - none beyond the app.kubernetes.io set */
  readonly labels?: Readonly<Record<string, string>>;
  /** Value of `app.kubernetes.io/version`. @default - the tag of a workload's first container image */
  readonly version?: string;
  /** Replicas of workloads that set none (and are not autoscaled). @default 1 */
  readonly replicas?: number;
  /** @default - unset (Kubernetes mounts the token) */
  readonly automountServiceAccountToken?: boolean;
  /**
   * How generated object names look. `hashed`: path plus an 8-character hash of the full path, unique by
   * construction; `readable`: the path alone (kubeforge fails synth if two objects of a kind then collide).
   * @default 'hashed'
   */
  readonly names?: 'hashed' | 'readable';
}

export type ResolvedPolicy = Required<Omit<DefaultsPolicy, 'imagePullPolicy' | 'version' | 'automountServiceAccountToken'>> &
  Pick<DefaultsPolicy, 'imagePullPolicy' | 'version' | 'automountServiceAccountToken'>;

export const LIBRARY_DEFAULTS: ResolvedPolicy = Object.freeze({
  resources: { requests: { cpu: '100m', memory: '128Mi' } },
  securityContext: { allowPrivilegeEscalation: false },
  podSecurityContext: { seccompProfile: { type: 'RuntimeDefault' } },
  probes: { readiness: { type: 'tcp' } },
  labels: {},
  replicas: 1,
  names: 'hashed',
}) as ResolvedPolicy;

/** Merges policies: later ones win per top-level key; `probes` and `labels` merge one level deeper. */
export function mergePolicies(base: ResolvedPolicy, ...overrides: (DefaultsPolicy | undefined)[]): ResolvedPolicy {
  let out: ResolvedPolicy = base;
  for (const o of overrides) {
    if (!o) continue;
    out = {
      ...out,
      ...stripUndefined(o),
      probes: { ...out.probes, ...o.probes },
      labels: { ...out.labels, ...o.labels },
    } as ResolvedPolicy;
  }
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const r: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as Record<string, unknown>)[k] = v;
  return r;
}

/** Anything that carries a policy: kubeforge's App and Chart implement it. */
export interface IPolicyHolder extends IConstruct {
  readonly resolvedPolicy: ResolvedPolicy;
}

export function isPolicyHolder(c: IConstruct): c is IPolicyHolder {
  return (c as Partial<IPolicyHolder>).resolvedPolicy !== undefined;
}

/** The policy in force for a construct: its nearest Chart's (which already includes the App's). */
export function policyOf(c: IConstruct): ResolvedPolicy {
  let s: IConstruct | undefined = c;
  while (s) {
    if (isPolicyHolder(s)) return s.resolvedPolicy;
    s = s.node.scope;
  }
  return LIBRARY_DEFAULTS;
}
