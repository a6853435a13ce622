/** Pod: a single pod, e.g. a client or a one-off tool. For long-running apps use a Deployment. */
import { Construct } from 'constructs';
import { KubeObjectProps } from '../lib/app/object';
import { PodSpecProps } from './pod-spec';
import { selectorLabelsOf } from './selection';
import { Workload } from './workload';

export interface PodProps extends KubeObjectProps, PodSpecProps {}

export class Pod extends Workload {
  constructor(scope: Construct, id: string, props: PodProps = {}) {
    super(scope, id, { apiVersion: 'v1', kind: 'Pod', namespaced: true }, props);
  }

  /** A Pod has no template: its own labels carry the pod labels and, last, the selector labels. */
  protected extraLabels(): Record<string, string> {
    return { ...this.podSpec.podLabels, ...selectorLabelsOf(this) };
  }

  protected extraAnnotations(): Record<string, string> | undefined {
    return this.podSpec.podAnnotations ? { ...this.podSpec.podAnnotations } : undefined;
  }

  protected renderBody(): Record<string, unknown> {
    return { spec: this.podSpec._toJson(this.policy) };
  }
}
