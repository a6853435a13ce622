/**
 * The base of every kind that runs pods (Pod, Deployment, and the workload kinds to come): one pod spec, the
 * container/volume methods, the derived selector, and the version label from the first container's image tag.
 */
import { Construct } from 'constructs';
import { GroupVersionKind, KubeObject, KubeObjectProps } from '../lib/app/object';
import { toLabelValue } from '../lib/util/names';
import { Container, ContainerProps, imageTag } from './container';
import { PodSpec, PodSpecProps } from './pod-spec';
import { IPodSelector, selectorLabelsOf } from './selection';
import { Volume } from './volume';

export abstract class Workload extends KubeObject implements IPodSelector {
  protected readonly podSpec: PodSpec;

  protected constructor(scope: Construct, id: string, gvk: GroupVersionKind, props: KubeObjectProps & PodSpecProps) {
    super(scope, id, gvk, props);
    this.podSpec = new PodSpec(this, props);
  }

  /** Adds a container and returns it (for `mount()`, `addEnv()`, ...). */
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
    const first = this.podSpec.containers[0];
    const tag = first && imageTag(first.image);
    return this.policy.version ?? (tag ? toLabelValue(tag) : undefined);
  }
}
