/**
 * The base of every kind that runs pods (Pod, Deployment, and the workload kinds to come): one pod spec, the
 * container/volume methods, the derived selector, and the version label from the first container's image tag.
 */
import { Construct } from 'constructs';
import { GroupVersionKind, KubeObject, KubeObjectProps } from '../lib/app/object';
import { toLabelValue } from '../lib/util/names';
import { Container, ContainerProps, imageTag } from './container';
import { PodSpec, PodSpecProps } from './pod-spec';
import { Affinity, SpreadOptions, Toleration, TopologySpreadConstraint } from './scheduling';
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

  /** Adds a sidecar: an init container with restartPolicy Always, started before and kept beside the containers. */
  public addSidecar(props: ContainerProps): Container {
    return this.podSpec.addSidecar(props);
  }

  public addVolume(volume: Volume): void {
    this.podSpec.addVolume(volume);
  }

  /** Adds node affinity or pod (anti-)affinity rules; pod terms may name this workload itself. */
  public addAffinity(affinity: Affinity): this {
    this.podSpec.scheduling.addAffinity(affinity);
    return this;
  }

  public addToleration(toleration: Toleration): this {
    this.podSpec.scheduling.addToleration(toleration);
    return this;
  }

  /** Adds a topology spread constraint (`pods` defaults to this workload's own pods). */
  public addTopologySpreadConstraint(constraint: TopologySpreadConstraint): this {
    this.podSpec.scheduling.addTopologySpreadConstraint(constraint);
    return this;
  }

  /**
   * Spreads this workload's own pods over topology domains (zones by default) with a topology spread
   * constraint, which, unlike required anti-affinity, still schedules more pods than there are domains.
   */
  public spread(options: SpreadOptions = {}): this {
    const { topologyKey, maxSkew, whenUnsatisfiable, matchLabelKeys, ...rest } = options;
    return this.addTopologySpreadConstraint({
      ...rest,
      topologyKey: topologyKey ?? 'topology.kubernetes.io/zone',
      maxSkew: maxSkew ?? 1,
      whenUnsatisfiable: whenUnsatisfiable ?? 'ScheduleAnyway',
      matchLabelKeys: matchLabelKeys ?? this.spreadMatchLabelKeys(),
    });
  }

  /** Pod label keys that tell this workload's revisions apart, for `spread()`. */
  protected spreadMatchLabelKeys(): string[] | undefined {
    return undefined;
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
