/**
 * PodDisruptionBudget (policy/v1): how many of a workload's pods voluntary disruptions (drains, upgrades) may
 * take down. The selector is the target's own selector, so it can never miss the pods. A budget that can never
 * allow an eviction blocks every node drain: `maxUnavailable: 0` and `minAvailable: "100%"` are rejected at
 * construction, and `minAvailable` at or above a fixed replica count is a synth error (an autoscaled target's
 * count is unknown, so it is not checked: keep minAvailable below the HPA's minReplicas).
 */
import { Construct } from 'constructs';
import { crossNamespaceProblem, KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkOneOf, fail } from '../lib/util/check';
import { IntOrPercent } from './deployment';
import { IPodSelector } from './selection';

export interface PodDisruptionBudgetProps extends KubeObjectProps {
  /** The workload whose pods the budget protects. */
  readonly target: IPodSelector;
  /** Pods that must stay available during a disruption. Exactly one of minAvailable and maxUnavailable. @default - none */
  readonly minAvailable?: IntOrPercent;
  /** Pods that may be down during a disruption. Exactly one of minAvailable and maxUnavailable. @default - none */
  readonly maxUnavailable?: IntOrPercent;
  /**
   * When running-but-unready pods may be evicted. `AlwaysAllow` keeps a broken rollout from blocking drains.
   * @default - Kubernetes' default (IfHealthyBudget)
   */
  readonly unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow';
}

function checkIntOrPercent(where: Construct, field: string, v: IntOrPercent): void {
  const ok = typeof v === 'number' ? Number.isInteger(v) && v >= 0 && v <= 2147483647 : typeof v === 'string' && /^\d+%$/.test(v) && Number(v.slice(0, -1)) <= 100;
  if (!ok) fail(where, `${field} is not valid`, v, 'a whole number of pods or a percentage from "0%" to "100%"', 'use e.g. 1 or "50%"', 'range');
}

export class PodDisruptionBudget extends KubeObject {
  public readonly target: IPodSelector;
  private readonly config: PodDisruptionBudgetProps;

  constructor(scope: Construct, id: string, props: PodDisruptionBudgetProps) {
    super(scope, id, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', namespaced: true }, props);
    if (!props?.target?.selectorLabels) fail(this, 'a PodDisruptionBudget needs a target workload', props?.target, 'a Deployment, Pod or another workload object', 'pass target: myDeployment');
    const { minAvailable: min, maxUnavailable: max } = props;
    if ((min === undefined) === (max === undefined)) {
      fail(this, 'exactly one of minAvailable and maxUnavailable must be set', { minAvailable: min, maxUnavailable: max }, 'minAvailable or maxUnavailable, not both and not neither', 'set maxUnavailable: 1 (the usual choice) and remove the other', 'pdb-budget');
    }
    if (min !== undefined) checkIntOrPercent(this, 'minAvailable', min);
    if (max !== undefined) checkIntOrPercent(this, 'maxUnavailable', max);
    if (max === 0 || max === '0%') fail(this, 'maxUnavailable 0 never allows an eviction, so node drains would block forever', max, 'at least 1 or "1%"', 'use maxUnavailable: 1', 'pdb-budget');
    if (min === '100%') fail(this, 'minAvailable "100%" never allows an eviction, so node drains would block forever', min, 'less than "100%"', 'use maxUnavailable: 1', 'pdb-budget');
    checkOneOf(this, 'unhealthyPodEvictionPolicy', props.unhealthyPodEvictionPolicy, ['IfHealthyBudget', 'AlwaysAllow']);
    this.target = props.target;
    this.config = props;
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** The target's fixed pod count as rendered (a Pod is one), or undefined when an autoscaler owns it. */
  private targetReplicas(): number | undefined {
    const t = this.target as unknown as KubeObject;
    if (!(t instanceof KubeObject)) return undefined;
    if (t.kind === 'Pod') return 1;
    const replicas = t.toJson()?.spec?.replicas;
    return typeof replicas === 'number' ? replicas : undefined;
  }

  private validate(): string[] {
    const errors: string[] = [];
    const cross = crossNamespaceProblem(this, this.target, 'protects the pods of');
    if (cross) errors.push(cross);
    const min = this.config.minAvailable;
    const replicas = this.targetReplicas();
    if (typeof min === 'number' && replicas !== undefined && replicas > 0 && min >= replicas) {
      errors.push(
        `${this.node.path}: minAvailable ${min} is at least the ${replicas} replica(s) of ${this.target.node.path}, so no pod can ever be evicted and node drains block forever. ` +
          `Fix: use maxUnavailable: 1, or lower minAvailable below ${replicas}.`,
      );
    }
    return errors;
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const spec: Record<string, unknown> = {};
    if (p.minAvailable !== undefined) spec.minAvailable = p.minAvailable;
    if (p.maxUnavailable !== undefined) spec.maxUnavailable = p.maxUnavailable;
    spec.selector = { matchLabels: { ...this.target.selectorLabels } };
    if (p.unhealthyPodEvictionPolicy) spec.unhealthyPodEvictionPolicy = p.unhealthyPodEvictionPolicy;
    return { spec };
  }
}
