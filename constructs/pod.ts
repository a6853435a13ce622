/** Pod: a single pod, e.g. a client or a one-off tool. For long-running apps use a Deployment. */
import { Construct } from 'constructs';
import { KubeObject, KubeObjectProps } from '../lib/app/object';
import { toLabelValue } from '../lib/util/names';
import { Container, ContainerProps, imageTag } from './container';
import { PodSpec, PodSpecProps } from './pod-spec';
import { IPodSelector, selectorLabelsOf } from './selection';
import { Volume } from './volume';

export interface PodProps extends KubeObjectProps, PodSpecProps {}

export class Pod extends KubeObject implements IPodSelector {
  private readonly podSpec: PodSpec;

  constructor(scope: Construct, id: string, props: PodProps = {}) {
    super(scope, id, { apiVersion: 'v1', kind: 'Pod', namespaced: true }, props);
    this.podSpec = new PodSpec(this, props);
  }

  public addContainer(props: ContainerProps): Container {
    return this.podSpec.addContainer(props);
  }

  public addInitContainer(props: ContainerProps): Container {
    return this.podSpec.addInitContainer(props);
  }

  public addVolume(volume: Volume): void {
    this.podSpec.addVolume(volume);
  }

  public get containers(): readonly Container[] {
    return this.podSpec.containers;
  }

  public get selectorLabels(): Readonly<Record<string, string>> {
    return selectorLabelsOf(this);
  }

  protected versionLabel(): string | undefined {
    const tag = this.podSpec.containers[0] && imageTag(this.podSpec.containers[0].image);
    return this.policy.version ?? (tag ? toLabelValue(tag) : undefined);
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
