/**
 * StatefulSet (apps/v1): pods with stable names and storage. Claim templates are typed and mounted like any
 * volume (`container.mount('/data', sts.addVolumeClaimTemplate('data', { storage: '10Gi' }))`); the governing
 * headless Service is optional: pass one, or let `exposeViaHeadlessService()` create it.
 */
import { Construct, IConstruct } from 'constructs';
import { AccessMode, VolumeMode } from '../lib/app/k8s-types';
import { crossNamespaceProblem, KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkIntRange, checkOneOf, checkQuantity, checkSeconds, fail } from '../lib/util/check';
import { isDns1123Label } from '../lib/util/names';
import { Quantity } from '../lib/util/quantity';
import { AutoscaleOptions, checkIntOrPercent, containerServicePorts, ExposeOptions, IntOrPercent, isZero, rollingStrategyJson } from './deployment';
import { HorizontalPodAutoscaler } from './horizontal-pod-autoscaler';
import { ACCESS_MODES } from './persistent-volume';
import { PodSpecProps } from './pod-spec';
import { IScalable, podTemplateMetadata, selectorLabelsOf } from './selection';
import { Service } from './service';
import { IStorageClass } from './storage-class';
import { IVolumeSource, Volume } from './volume';
import { Workload } from './workload';

export interface VolumeClaimTemplateProps {
  /** Requested size per pod, e.g. "10Gi". */
  readonly storage: Quantity;
  /** @default ['ReadWriteOnce'] */
  readonly accessModes?: readonly AccessMode[];
  /** @default - the cluster's default StorageClass */
  readonly storageClass?: IStorageClass;
  /** @default - Kubernetes' default (Filesystem) */
  readonly volumeMode?: VolumeMode;
}

/** One claim per pod, named `<template>-<statefulset>-<ordinal>`; mount it with `container.mount(path, template)`. */
export class VolumeClaimTemplate implements IVolumeSource {
  private readonly volume: Volume;

  /** @internal created by `StatefulSet.addVolumeClaimTemplate()`. */
  constructor(public readonly statefulSet: StatefulSet, public readonly name: string, private readonly props: VolumeClaimTemplateProps) {
    this.volume = Volume.fromClaimTemplate(name, statefulSet);
  }

  public asVolume(): Volume {
    return this.volume;
  }

  /** @internal */
  public _toJson(): Record<string, unknown> {
    const p = this.props;
    const spec: Record<string, unknown> = { accessModes: [...(p.accessModes ?? ['ReadWriteOnce'])], resources: { requests: { storage: p.storage } } };
    if (p.storageClass) spec.storageClassName = p.storageClass.name;
    if (p.volumeMode) spec.volumeMode = p.volumeMode;
    return { metadata: { name: this.name }, spec };
  }
}

export interface StatefulSetRollingUpdateOptions {
  /** Only pods with an ordinal at or above this are updated (staged rollouts). @default - Kubernetes' default (0) */
  readonly partition?: number;
  /** Pods that may be down during an update (at least 1). @default - Kubernetes' default (1) */
  readonly maxUnavailable?: IntOrPercent;
}

export class StatefulSetUpdateStrategy {
  /** Replace pods one ordinal at a time, highest first (Kubernetes' default). */
  public static rollingUpdate(options: StatefulSetRollingUpdateOptions = {}): StatefulSetUpdateStrategy {
    return new StatefulSetUpdateStrategy('RollingUpdate', options);
  }

  /** Replace a pod only when someone deletes it. */
  public static onDelete(): StatefulSetUpdateStrategy {
    return new StatefulSetUpdateStrategy('OnDelete');
  }

  private constructor(public readonly type: 'RollingUpdate' | 'OnDelete', public readonly rollingUpdate?: StatefulSetRollingUpdateOptions) {}

  /** @internal */
  public _check(where: IConstruct): void {
    const ru = this.rollingUpdate;
    if (!ru) return;
    checkIntRange(where, 'updateStrategy.rollingUpdate.partition', ru.partition, 0, 2147483647);
    checkIntOrPercent(where, 'updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable);
    if (ru.maxUnavailable !== undefined && isZero(ru.maxUnavailable)) {
      fail(where, 'maxUnavailable is zero, so a rollout could never replace a pod', ru.maxUnavailable, 'at least 1 or "1%"', 'remove maxUnavailable (default 1), or set it to 1 or more', 'range');
    }
  }

  /** @internal */
  public _toJson(): Record<string, unknown> {
    return rollingStrategyJson(this.type, this.rollingUpdate, ['partition', 'maxUnavailable']);
  }
}

export interface StatefulSetProps extends KubeObjectProps, PodSpecProps {
  /** Desired pods. Ignored (and omitted) once autoscaled. @default - the app policy's replicas (1) */
  readonly replicas?: number;
  /**
   * The governing headless Service, which gives each pod the DNS name `<pod>.<service>` (spec.serviceName).
   * @default - none (pods get no per-pod DNS names), unless `exposeViaHeadlessService()` is called
   */
  readonly service?: Service;
  /** `Parallel` starts and stops pods all at once instead of one by one. @default - Kubernetes' default (OrderedReady) */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /** @default - Kubernetes' default: RollingUpdate, one pod at a time */
  readonly updateStrategy?: StatefulSetUpdateStrategy;
  /** @default - Kubernetes' default (0) */
  readonly minReadySeconds?: number;
  /** @default - Kubernetes' default (10) */
  readonly revisionHistoryLimit?: number;
  /** What happens to the claims when the set is deleted or scaled down. @default - Kubernetes' default (Retain both) */
  readonly persistentVolumeClaimRetentionPolicy?: {
    readonly whenDeleted?: 'Retain' | 'Delete';
    readonly whenScaled?: 'Retain' | 'Delete';
  };
  /** The first pod ordinal (spec.ordinals.start). @default - Kubernetes' default (0) */
  readonly ordinalsStart?: number;
}

export interface HeadlessServiceOptions extends Omit<ExposeOptions, 'headless' | 'type'> {}

export class StatefulSet extends Workload implements IScalable {
  private readonly config: StatefulSetProps;
  private readonly claimTemplates: VolumeClaimTemplate[] = [];
  private governing?: Service;
  private autoscaler?: IConstruct;

  constructor(scope: Construct, id: string, props: StatefulSetProps = {}) {
    super(scope, id, { apiVersion: 'apps/v1', kind: 'StatefulSet', namespaced: true }, props);
    checkIntRange(this, 'replicas', props.replicas, 0, 2147483647);
    checkSeconds(this, 'minReadySeconds', props.minReadySeconds, 0);
    checkIntRange(this, 'revisionHistoryLimit', props.revisionHistoryLimit, 0, 2147483647);
    checkIntRange(this, 'ordinalsStart', props.ordinalsStart, 0, 2147483647);
    checkOneOf(this, 'podManagementPolicy', props.podManagementPolicy, ['OrderedReady', 'Parallel']);
    checkOneOf(this, 'persistentVolumeClaimRetentionPolicy.whenDeleted', props.persistentVolumeClaimRetentionPolicy?.whenDeleted, ['Retain', 'Delete']);
    checkOneOf(this, 'persistentVolumeClaimRetentionPolicy.whenScaled', props.persistentVolumeClaimRetentionPolicy?.whenScaled, ['Retain', 'Delete']);
    if (props.restartPolicy !== undefined && props.restartPolicy !== 'Always') {
      fail(this, 'a StatefulSet\'s pods must use restartPolicy Always', props.restartPolicy, 'Always', 'remove restartPolicy, or use a Job for run-to-completion work');
    }
    props.updateStrategy?._check(this);
    this.config = props;
    if (props.service) this.useService(props.service);
    this.node.addValidation({ validate: () => this.validateService() });
  }

  /** The governing Service, if any. */
  public get service(): Service | undefined {
    return this.governing;
  }

  public get volumeClaimTemplates(): readonly VolumeClaimTemplate[] {
    return this.claimTemplates;
  }

  /** Adds a claim template; mount it with `container.mount(path, template)`. */
  public addVolumeClaimTemplate(name: string, props: VolumeClaimTemplateProps): VolumeClaimTemplate {
    if (!isDns1123Label(name)) fail(this, 'a volumeClaimTemplate name is not a valid DNS-1123 label', name, 'lowercase letters, digits and "-", at most 63 characters', 'use a name like "data"');
    if (this.claimTemplates.some((t) => t.name === name)) fail(this, 'two volumeClaimTemplates have the same name', name, 'unique template names', 'rename one of them');
    if (props?.storage === undefined) fail(this, `volumeClaimTemplate "${name}" needs storage (the size per pod)`, undefined, 'a quantity such as "10Gi"', 'set storage', 'quantity');
    checkQuantity(this, `volumeClaimTemplate "${name}" storage`, props.storage, { positive: true });
    if (props.accessModes && props.accessModes.length === 0) fail(this, `volumeClaimTemplate "${name}" accessModes is empty`, [], ACCESS_MODES.join(', '), 'omit it or list at least one mode');
    for (const m of props.accessModes ?? []) checkOneOf(this, `volumeClaimTemplate "${name}" accessModes`, m, ACCESS_MODES);
    checkOneOf(this, `volumeClaimTemplate "${name}" volumeMode`, props.volumeMode, ['Filesystem', 'Block']);
    const t = new VolumeClaimTemplate(this, name, props);
    this.claimTemplates.push(t);
    if (props.storageClass instanceof KubeObject) this.node.addDependency(props.storageClass);
    return t;
  }

  /** Creates the governing headless Service, selecting this set's pods, with one port per container port. */
  public exposeViaHeadlessService(options: HeadlessServiceOptions = {}): Service {
    const { id, ports, ...rest } = options;
    const servicePorts = ports ?? containerServicePorts(this.containers);
    const svc = new Service(this, id ?? 'service', { ...rest, headless: true, ports: servicePorts, selector: this });
    this.useService(svc);
    return svc;
  }

  /** Creates a HorizontalPodAutoscaler for this StatefulSet; the set then omits `replicas`. */
  public autoscale(options: AutoscaleOptions): HorizontalPodAutoscaler {
    const { id, ...rest } = options;
    return new HorizontalPodAutoscaler(this, id ?? 'autoscaler', { ...rest, target: this });
  }

  /** @internal */
  public _markAutoscaled(hpa: IConstruct): void {
    if (this.autoscaler && this.autoscaler !== hpa) {
      fail(hpa, 'the StatefulSet is already autoscaled by another HorizontalPodAutoscaler', this.autoscaler.node.path, 'one HPA per workload', 'remove one of the autoscalers');
    }
    this.autoscaler = hpa;
  }

  private useService(svc: Service): void {
    if (!(svc instanceof Service)) fail(this, 'service must be a Service object', svc, 'a headless Service', 'pass the Service construct');
    if (this.governing && this.governing !== svc) fail(this, 'the StatefulSet already has a governing Service', svc.node.path, 'one governing Service', 'pass either the service prop or call exposeViaHeadlessService(), not both');
    if (!svc.headless) fail(this, `the governing Service ${svc.node.path} is not headless, so the pods would get no DNS names`, svc.name, 'a Service with headless: true', 'create it with headless: true, or call exposeViaHeadlessService()');
    this.governing = svc;
  }

  private validateService(): string[] {
    const svc = this.governing;
    if (!svc) return [];
    const problem = crossNamespaceProblem(this, svc, 'the governing Service is');
    return problem ? [problem] : [];
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const selector = selectorLabelsOf(this);
    const spec: Record<string, unknown> = {};
    if (!this.autoscaler) spec.replicas = p.replicas ?? this.policy.replicas;
    spec.selector = { matchLabels: selector };
    if (this.governing) spec.serviceName = this.governing.name;
    if (p.podManagementPolicy) spec.podManagementPolicy = p.podManagementPolicy;
    if (p.updateStrategy) spec.updateStrategy = p.updateStrategy._toJson();
    if (p.minReadySeconds !== undefined) spec.minReadySeconds = p.minReadySeconds;
    if (p.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = p.revisionHistoryLimit;
    const retention = p.persistentVolumeClaimRetentionPolicy;
    if (retention?.whenDeleted || retention?.whenScaled) {
      const r: Record<string, string> = {};
      if (retention.whenDeleted) r.whenDeleted = retention.whenDeleted;
      if (retention.whenScaled) r.whenScaled = retention.whenScaled;
      spec.persistentVolumeClaimRetentionPolicy = r;
    }
    if (p.ordinalsStart !== undefined) spec.ordinals = { start: p.ordinalsStart };
    spec.template = {
      metadata: podTemplateMetadata(this, selector, this.podSpec.podLabels, this.podSpec.podAnnotations),
      spec: this.podSpec._toJson(this.policy),
    };
    if (this.claimTemplates.length) spec.volumeClaimTemplates = this.claimTemplates.map((t) => t._toJson());
    return { spec };
  }
}
