/**
 * DaemonSet (apps/v1): one pod per (selected) node, with RollingUpdate (maxUnavailable or maxSurge) or OnDelete
 * updates. The selector and the template labels come from one source and cannot disagree.
 */
import { Construct, IConstruct } from 'constructs';
import { KubeObjectProps } from '../lib/app/object';
import { checkIntRange, checkSeconds, fail } from '../lib/util/check';
import { checkIntOrPercent, IntOrPercent, isZero, rollingStrategyJson } from './deployment';
import { PodSpecProps } from './pod-spec';
import { podTemplateMetadata, selectorLabelsOf } from './selection';
import { Workload } from './workload';

export interface DaemonSetRollingUpdateOptions {
  /** Nodes whose pod may be down during an update. @default - Kubernetes' default (1); set 0 to surge instead */
  readonly maxUnavailable?: IntOrPercent;
  /**
   * Nodes that may run an extra, new pod before the old one stops. Only with `maxUnavailable: 0`: a DaemonSet
   * allows one of the two to be non-zero.
   * @default - Kubernetes' default (0)
   */
  readonly maxSurge?: IntOrPercent;
}

export class DaemonSetUpdateStrategy {
  /** Replace pods node by node (Kubernetes' default). */
  public static rollingUpdate(options: DaemonSetRollingUpdateOptions = {}): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy('RollingUpdate', options);
  }

  /** Replace a pod only when someone deletes it. */
  public static onDelete(): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy('OnDelete');
  }

  private constructor(public readonly type: 'RollingUpdate' | 'OnDelete', public readonly rollingUpdate?: DaemonSetRollingUpdateOptions) {}

  /** @internal */
  public _check(where: IConstruct): void {
    const ru = this.rollingUpdate;
    if (!ru) return;
    checkIntOrPercent(where, 'updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable);
    checkIntOrPercent(where, 'updateStrategy.rollingUpdate.maxSurge', ru.maxSurge);
    // Unset, the API server fills maxUnavailable 1 and maxSurge 0.
    const unavailableZero = ru.maxUnavailable !== undefined && isZero(ru.maxUnavailable);
    const surgeZero = ru.maxSurge === undefined || isZero(ru.maxSurge);
    if (unavailableZero && surgeZero) {
      fail(where, 'maxUnavailable and maxSurge are both zero, so a rollout could never replace a pod', ru, 'exactly one of them non-zero', 'set maxUnavailable: 1, or maxSurge: 1', 'range');
    }
    if (!unavailableZero && !surgeZero) {
      fail(where, 'a DaemonSet allows only one of maxUnavailable and maxSurge to be non-zero', ru, `maxSurge with maxUnavailable: 0, or maxUnavailable alone`, 'add maxUnavailable: 0 to surge, or remove maxSurge', 'range');
    }
  }

  /** @internal */
  public _toJson(): Record<string, unknown> {
    return rollingStrategyJson(this.type, this.rollingUpdate, ['maxUnavailable', 'maxSurge']);
  }
}

export interface DaemonSetProps extends KubeObjectProps, PodSpecProps {
  /** @default - Kubernetes' default: RollingUpdate with maxUnavailable 1 */
  readonly updateStrategy?: DaemonSetUpdateStrategy;
  /** Seconds a new pod must be ready before it counts as available. @default - Kubernetes' default (0) */
  readonly minReadySeconds?: number;
  /** Old revisions kept for rollback. @default - Kubernetes' default (10) */
  readonly revisionHistoryLimit?: number;
}

export class DaemonSet extends Workload {
  private readonly config: DaemonSetProps;

  constructor(scope: Construct, id: string, props: DaemonSetProps = {}) {
    super(scope, id, { apiVersion: 'apps/v1', kind: 'DaemonSet', namespaced: true }, props);
    checkSeconds(this, 'minReadySeconds', props.minReadySeconds, 0);
    checkIntRange(this, 'revisionHistoryLimit', props.revisionHistoryLimit, 0);
    if (props.restartPolicy !== undefined && props.restartPolicy !== 'Always') {
      fail(this, 'a DaemonSet\'s pods must use restartPolicy Always', props.restartPolicy, 'Always', 'remove restartPolicy, or use a Job for run-to-completion work');
    }
    props.updateStrategy?._check(this);
    this.config = props;
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const selector = selectorLabelsOf(this);
    const spec: Record<string, unknown> = { selector: { matchLabels: selector } };
    if (p.updateStrategy) spec.updateStrategy = p.updateStrategy._toJson();
    if (p.minReadySeconds !== undefined) spec.minReadySeconds = p.minReadySeconds;
    if (p.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = p.revisionHistoryLimit;
    spec.template = {
      metadata: podTemplateMetadata(this, selector, this.podSpec.podLabels, this.podSpec.podAnnotations),
      spec: this.podSpec._toJson(this.policy),
    };
    return { spec };
  }
}
