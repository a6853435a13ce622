/**
 * Deployment (apps/v1): replicas, RollingUpdate/Recreate, and the wiring methods `exposeViaService()` and
 * `autoscale()`. The selector and the template labels come from one source and cannot disagree.
 */
import { Construct, IConstruct } from 'constructs';
import { KubeObjectProps } from '../lib/app/object';
import { checkIntRange, checkSeconds, fail } from '../lib/util/check';
import { Container } from './container';
import { HorizontalPodAutoscaler, HorizontalPodAutoscalerProps } from './horizontal-pod-autoscaler';
import { PodSpecProps } from './pod-spec';
import { IScalable, podTemplateMetadata, selectorLabelsOf } from './selection';
import { Service, ServicePort, ServiceProps } from './service';
import { Workload } from './workload';

/** An absolute number of pods or a percentage such as "25%". */
export type IntOrPercent = number | `${number}%`;

/** Rollout bounds (Deployment, DaemonSet, StatefulSet): a whole number of pods, or "0%" to "100%". */
export function checkIntOrPercent(where: IConstruct, field: string, v: IntOrPercent | undefined): void {
  if (v === undefined) return;
  const ok = typeof v === 'number' ? Number.isInteger(v) && v >= 0 : typeof v === 'string' && /^\d+%$/.test(v) && Number(v.slice(0, -1)) <= 100;
  if (!ok) fail(where, `${field} is not valid`, v, 'a whole number of pods or a percentage from "0%" to "100%"', 'use e.g. 1 or "25%"', 'range');
}

/** True for 0 and "0%". */
/** `{ type }`, plus `rollingUpdate` holding the options that are set, in `keys` order (every workload strategy). */
export function rollingStrategyJson<T extends object>(type: string, options: T | undefined, keys: readonly (keyof T & string)[]): Record<string, unknown> {
  const ru: Record<string, unknown> = {};
  for (const k of keys) if (options?.[k] !== undefined) ru[k] = options[k];
  return Object.keys(ru).length ? { type, rollingUpdate: ru } : { type };
}

export function isZero(v: IntOrPercent | undefined): boolean {
  return v === 0 || v === '0%';
}

/**
 * Service ports for a workload's container ports, same numbers, targeting named ports by name. A port that two
 * containers declare is listed once (only one of them can bind it), and when there are several, unnamed ones get
 * a name such as "tcp-8080", because a Service with several ports must name each one.
 */
export function containerServicePorts(containers: readonly Container[]): ServicePort[] {
  const seen = new Set<string>();
  const unique = containers.flatMap((c) => c.portList).filter((p) => {
    const key = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
    return !seen.has(key) && !!seen.add(key);
  });
  return unique.map((p) => ({
    port: p.containerPort,
    targetPort: p.name ?? p.containerPort,
    name: p.name ?? (unique.length > 1 ? `${(p.protocol ?? 'TCP').toLowerCase()}-${p.containerPort}` : undefined),
    protocol: p.protocol,
  }));
}

export interface RollingUpdateOptions {
  /** Extra pods above the desired count during an update. @default '25%' (Kubernetes' default) */
  readonly maxSurge?: IntOrPercent;
  /** Pods that may be unavailable during an update. @default '25%' (Kubernetes' default) */
  readonly maxUnavailable?: IntOrPercent;
}

export class DeploymentStrategy {
  /** Replace pods gradually (Kubernetes' default). */
  public static rollingUpdate(options: RollingUpdateOptions = {}): DeploymentStrategy {
    return new DeploymentStrategy('RollingUpdate', options);
  }

  /** Stop all old pods before starting new ones: for ReadWriteOnce volumes and apps that cannot run twice. */
  public static recreate(): DeploymentStrategy {
    return new DeploymentStrategy('Recreate');
  }

  private constructor(public readonly type: 'RollingUpdate' | 'Recreate', public readonly rollingUpdate?: RollingUpdateOptions) {}

  /** @internal */
  public _check(where: IConstruct): void {
    const ru = this.rollingUpdate;
    if (!ru) return;
    for (const [field, v] of Object.entries(ru)) checkIntOrPercent(where, `strategy.rollingUpdate.${field}`, v);
    if (isZero(ru.maxSurge) && isZero(ru.maxUnavailable)) {
      fail(where, 'maxSurge and maxUnavailable are both zero, so a rollout could never make progress', ru, 'at most one of them zero', 'set maxSurge to 1 or "25%"', 'range');
    }
  }

  /** @internal */
  public _toJson(): Record<string, unknown> {
    return rollingStrategyJson(this.type, this.rollingUpdate, ['maxSurge', 'maxUnavailable']);
  }
}

export interface DeploymentProps extends KubeObjectProps, PodSpecProps {
  /** Desired pods. Ignored (and omitted) once the Deployment is autoscaled. @default - the app policy's replicas (1) */
  readonly replicas?: number;
  /** @default - Kubernetes' default: RollingUpdate with 25% surge and 25% unavailable */
  readonly strategy?: DeploymentStrategy;
  /** @default - Kubernetes' default (0) */
  readonly minReadySeconds?: number;
  /** Old ReplicaSets kept for rollback. @default - Kubernetes' default (10) */
  readonly revisionHistoryLimit?: number;
  /** @default - Kubernetes' default (600) */
  readonly progressDeadlineSeconds?: number;
  /** @default false */
  readonly paused?: boolean;
}

export interface ExposeOptions extends Omit<ServiceProps, 'selector' | 'ports'> {
  /** @default - one port per container port, same number, targeting the port by name when it has one */
  readonly ports?: readonly ServicePort[];
  /** Construct id of the Service. @default 'service' */
  readonly id?: string;
}

export interface AutoscaleOptions extends Omit<HorizontalPodAutoscalerProps, 'target'> {
  /** Construct id of the HorizontalPodAutoscaler. @default 'autoscaler' */
  readonly id?: string;
}

export class Deployment extends Workload implements IScalable {
  private readonly config: DeploymentProps;
  private autoscaler?: IConstruct;

  constructor(scope: Construct, id: string, props: DeploymentProps = {}) {
    super(scope, id, { apiVersion: 'apps/v1', kind: 'Deployment', namespaced: true }, props);
    checkIntRange(this, 'replicas', props.replicas, 0);
    checkSeconds(this, 'minReadySeconds', props.minReadySeconds, 0);
    checkIntRange(this, 'revisionHistoryLimit', props.revisionHistoryLimit, 0);
    checkSeconds(this, 'progressDeadlineSeconds', props.progressDeadlineSeconds, 1);
    if (props.progressDeadlineSeconds !== undefined && props.minReadySeconds !== undefined && props.progressDeadlineSeconds <= props.minReadySeconds) {
      fail(this, 'progressDeadlineSeconds must be greater than minReadySeconds', props.progressDeadlineSeconds, `more than ${props.minReadySeconds}`, 'raise progressDeadlineSeconds', 'range');
    }
    if (props.restartPolicy !== undefined && props.restartPolicy !== 'Always') {
      fail(this, 'a Deployment\'s pods must use restartPolicy Always', props.restartPolicy, 'Always', 'remove restartPolicy, or use a Job for run-to-completion work');
    }
    props.strategy?._check(this);
    this.config = props;
  }

  /** Counts each ReplicaSet's pods on their own, so a rollout's new pods are spread too. */
  protected spreadMatchLabelKeys(): string[] {
    return ['pod-template-hash'];
  }

  /** True once an HPA manages the replica count. */
  public get isAutoscaled(): boolean {
    return this.autoscaler !== undefined;
  }

  /** @internal */
  public _markAutoscaled(hpa: IConstruct): void {
    if (this.autoscaler && this.autoscaler !== hpa) {
      fail(hpa, 'the Deployment is already autoscaled by another HorizontalPodAutoscaler', this.autoscaler.node.path, 'one HPA per workload', 'remove one of the autoscalers');
    }
    this.autoscaler = hpa;
  }

  /** Creates a Service that selects this Deployment's pods. */
  public exposeViaService(options: ExposeOptions = {}): Service {
    const { id, ports, ...rest } = options;
    const servicePorts = ports ?? containerServicePorts(this.containers);
    if (servicePorts.length === 0) {
      fail(this, 'exposeViaService() found no container ports to expose', undefined, 'containers with ports, or explicit ports', 'declare the container port (port: 8080) or pass ports: [{ port: 80, targetPort: 8080 }]');
    }
    return new Service(this, id ?? 'service', { ...rest, ports: servicePorts, selector: this });
  }

  /** Creates a HorizontalPodAutoscaler for this Deployment; the Deployment then omits `replicas`. */
  public autoscale(options: AutoscaleOptions): HorizontalPodAutoscaler {
    const { id, ...rest } = options;
    return new HorizontalPodAutoscaler(this, id ?? 'autoscaler', { ...rest, target: this });
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const selector = selectorLabelsOf(this);
    const spec: Record<string, unknown> = {};
    // With an HPA, an applied `replicas` would reset the HPA's count on every deploy.
    if (!this.autoscaler) spec.replicas = p.replicas ?? this.policy.replicas;
    spec.selector = { matchLabels: selector };
    if (p.strategy) spec.strategy = p.strategy._toJson();
    if (p.minReadySeconds !== undefined) spec.minReadySeconds = p.minReadySeconds;
    if (p.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = p.revisionHistoryLimit;
    if (p.progressDeadlineSeconds !== undefined) spec.progressDeadlineSeconds = p.progressDeadlineSeconds;
    if (p.paused) spec.paused = true;
    spec.template = {
      metadata: podTemplateMetadata(this, selector, this.podSpec.podLabels, this.podSpec.podAnnotations),
      spec: this.podSpec._toJson(this.policy),
    };
    return { spec };
  }
}
