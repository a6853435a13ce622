/**
 * HorizontalPodAutoscaler on autoscaling/v2: resource (CPU/memory utilization or average value), pods, object
 * and external metrics, and scaling `behavior`. The target workload then omits `replicas`. A Utilization
 * metric on containers without requests for that resource is an error: the HPA could never compute it.
 */
import { Construct, IConstruct } from 'constructs';
import { crossNamespaceProblem, KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkIntRange, checkQuantity, checkSeconds, fail, checkOneOf } from '../lib/util/check';
import { Quantity } from '../lib/util/quantity';
import { IScalable } from './selection';

/** A metric target: utilization percent (resource metrics), an average value per pod, or a total value. */
export type MetricTarget =
  | { readonly type: 'Utilization'; readonly averageUtilization: number }
  | { readonly type: 'AverageValue'; readonly averageValue: Quantity }
  | { readonly type: 'Value'; readonly value: Quantity };

/** Identifies a custom or external metric. */
export interface MetricIdentifier {
  readonly name: string;
  /** @default - no label selector */
  readonly selector?: { readonly matchLabels?: Readonly<Record<string, string>> };
}

export class Metric {
  /** Average CPU use as a percentage of the containers' CPU requests. */
  public static cpuUtilization(percent: number): Metric {
    return Metric.resource('cpu', { type: 'Utilization', averageUtilization: percent });
  }

  /** Average memory use as a percentage of the containers' memory requests. */
  public static memoryUtilization(percent: number): Metric {
    return Metric.resource('memory', { type: 'Utilization', averageUtilization: percent });
  }

  /** Average CPU per pod, e.g. "500m". */
  public static cpuAverageValue(value: Quantity): Metric {
    return Metric.resource('cpu', { type: 'AverageValue', averageValue: value });
  }

  /** Average memory per pod, e.g. "400Mi". */
  public static memoryAverageValue(value: Quantity): Metric {
    return Metric.resource('memory', { type: 'AverageValue', averageValue: value });
  }

  /** Any resource metric (cpu, memory, ...). */
  public static resource(name: string, target: MetricTarget): Metric {
    return new Metric({ type: 'Resource', resource: { name, target } }, name, target);
  }

  /** A per-pod custom metric (e.g. requests per second), averaged over the pods. */
  public static pods(metric: MetricIdentifier, averageValue: Quantity): Metric {
    const target: MetricTarget = { type: 'AverageValue', averageValue };
    return new Metric({ type: 'Pods', pods: { metric: { ...metric }, target } }, undefined, target);
  }

  /** A metric describing another object (e.g. an Ingress's hits per second). */
  public static object(describedObject: { readonly apiVersion: string; readonly kind: string; readonly name: string }, metric: MetricIdentifier, target: MetricTarget): Metric {
    const d = { apiVersion: describedObject.apiVersion, kind: describedObject.kind, name: describedObject.name };
    return new Metric({ type: 'Object', object: { describedObject: d, metric: { ...metric }, target } }, undefined, target);
  }

  /** A metric from outside the cluster (e.g. queue length). */
  public static external(metric: MetricIdentifier, target: MetricTarget): Metric {
    return new Metric({ type: 'External', external: { metric: { ...metric }, target } }, undefined, target);
  }

  private constructor(private readonly json: Record<string, unknown>, public readonly resourceName: string | undefined, public readonly target: MetricTarget) {}

  /** @internal */
  public _check(where: IConstruct): void {
    const t = this.target;
    checkOneOf(where, 'metric target type', t.type, ['Utilization', 'AverageValue', 'Value']);
    if (t.type === 'Utilization') {
      if (!this.resourceName) fail(where, 'Utilization targets exist only for resource metrics', t, 'AverageValue or Value', 'use AverageValue');
      checkIntRange(where, `${this.resourceName} averageUtilization`, t.averageUtilization, 1, Number.MAX_SAFE_INTEGER, 'use a whole percentage such as 50');
    } else if (t.type === 'AverageValue') checkQuantity(where, 'averageValue', t.averageValue, { positive: true });
    else checkQuantity(where, 'value', t.value, { positive: true });
  }

  /** @internal */
  public _toJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(this.json));
  }
}

export interface ScalingPolicy {
  readonly type: 'Pods' | 'Percent';
  readonly value: number;
  /** 1-1800. */
  readonly periodSeconds: number;
}

export interface ScalingRules {
  /** 0-3600. @default - 0 for scale-up, 300 for scale-down (Kubernetes' defaults) */
  readonly stabilizationWindowSeconds?: number;
  /** @default 'Max' */
  readonly selectPolicy?: 'Max' | 'Min' | 'Disabled';
  /** @default - Kubernetes' defaults */
  readonly policies?: readonly ScalingPolicy[];
  /** Ignore changes within this fraction (autoscaling/v2 from 1.33). @default - the cluster's 10% */
  readonly tolerance?: Quantity;
}

export interface HorizontalPodAutoscalerProps extends KubeObjectProps {
  /** The workload to scale. */
  readonly target: IScalable;
  /** Upper bound of replicas. */
  readonly maxReplicas: number;
  /** Lower bound of replicas. @default 1 */
  readonly minReplicas?: number;
  /** Shorthand for Metric.cpuUtilization(n). @default - none */
  readonly cpuUtilization?: number;
  /** Shorthand for Metric.memoryUtilization(n). @default - none */
  readonly memoryUtilization?: number;
  /** @default - 80% CPU utilization (what Kubernetes assumes when none are given) when no shorthand is set */
  readonly metrics?: readonly Metric[];
  /** @default - Kubernetes' default scaling behaviour */
  readonly behavior?: { readonly scaleUp?: ScalingRules; readonly scaleDown?: ScalingRules };
}

export class HorizontalPodAutoscaler extends KubeObject {
  public readonly target: IScalable;
  public readonly metrics: readonly Metric[];
  private readonly config: HorizontalPodAutoscalerProps;

  constructor(scope: Construct, id: string, props: HorizontalPodAutoscalerProps) {
    super(scope, id, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespaced: true }, props);
    if (!props?.target) fail(this, 'an autoscaler needs a target workload', undefined, 'a Deployment (or another scalable workload)', 'pass target: myDeployment');
    checkIntRange(this, 'minReplicas', props.minReplicas, 1, Number.MAX_SAFE_INTEGER, 'use at least 1 (scaling to zero needs the HPAScaleToZero feature gate)');
    checkIntRange(this, 'maxReplicas', props.maxReplicas, 1);
    const min = props.minReplicas ?? 1;
    if (props.maxReplicas < min) fail(this, 'maxReplicas is less than minReplicas', { minReplicas: min, maxReplicas: props.maxReplicas }, 'maxReplicas ≥ minReplicas', 'raise maxReplicas or lower minReplicas', 'range');
    const metrics: Metric[] = [];
    if (props.cpuUtilization !== undefined) metrics.push(Metric.cpuUtilization(props.cpuUtilization));
    if (props.memoryUtilization !== undefined) metrics.push(Metric.memoryUtilization(props.memoryUtilization));
    metrics.push(...(props.metrics ?? []));
    if (metrics.length === 0) metrics.push(Metric.cpuUtilization(80));
    for (const m of metrics) m._check(this);
    for (const dir of ['scaleUp', 'scaleDown'] as const) {
      const r = props.behavior?.[dir];
      if (!r) continue;
      checkSeconds(this, `behavior.${dir}.stabilizationWindowSeconds`, r.stabilizationWindowSeconds, 0, 3600);
      checkOneOf(this, `behavior.${dir}.selectPolicy`, r.selectPolicy, ['Max', 'Min', 'Disabled']);
      checkQuantity(this, `behavior.${dir}.tolerance`, r.tolerance);
      for (const pol of r.policies ?? []) {
        checkOneOf(this, `behavior.${dir}.policies[].type`, pol.type, ['Pods', 'Percent']);
        checkIntRange(this, `behavior.${dir}.policies[].value`, pol.value, 1);
        checkSeconds(this, `behavior.${dir}.policies[].periodSeconds`, pol.periodSeconds, 1, 1800);
      }
    }
    this.target = props.target;
    this.metrics = metrics;
    this.config = props;
    props.target._markAutoscaled(this);
    this.node.addValidation({ validate: () => this.validate() });
  }

  private validate(): string[] {
    const errors: string[] = [];
    const cross = crossNamespaceProblem(this, this.target, 'scales');
    if (cross) errors.push(cross);
    const policy = this.policy;
    for (const m of this.metrics) {
      if (m.target.type !== 'Utilization' || !m.resourceName) continue;
      const res = m.resourceName;
      for (const c of this.target.containers) {
        if (c.effectiveRequest(policy, res) === undefined) {
          errors.push(
            `${this.node.path}: ${res} utilization is a percentage of the ${res} request, but ${c.where} has no resources.requests.${res}, so the autoscaler cannot compute it. ` +
              `Fix: set resources.requests.${res} on the container (or in the app's defaults policy), or use Metric.${res}AverageValue().`,
          );
        }
      }
    }
    return errors;
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const spec: Record<string, unknown> = {
      scaleTargetRef: { apiVersion: this.target.apiVersion, kind: this.target.kind, name: this.target.name },
      minReplicas: p.minReplicas ?? 1,
      maxReplicas: p.maxReplicas,
      metrics: this.metrics.map((m) => m._toJson()),
    };
    if (p.behavior) spec.behavior = JSON.parse(JSON.stringify(p.behavior));
    return { spec };
  }
}
