/**
 * The pod spec shared by Pod and the workloads (Deployment, and later StatefulSet, Job, ...): containers,
 * volumes, and pod-level settings, rendered with the app's policy. Also the synth-time checks that need the
 * whole pod: env keys that exist in in-app ConfigMaps/Secrets, and probes on named ports that exist.
 */
import { IConstruct } from 'constructs';
import { checkLabels, checkSeconds, fail, checkOneOf } from '../lib/util/check';
import { PodSecurityContext } from '../lib/app/k8s-types';
import { ResolvedPolicy } from '../lib/app/policy';
import { crossNamespaceProblem } from '../lib/app/object';
import { Container, ContainerProps, IPodSpecOwner } from './container';
import { Volume } from './volume';

export interface PodSpecProps {
  /** The pod's containers; more with `addContainer()`. @default - none (at least one is required at synth) */
  readonly containers?: readonly ContainerProps[];
  /** @default - none */
  readonly initContainers?: readonly ContainerProps[];
  /** Volumes not tied to a mount yet (`container.mount()` adds its own). @default - none */
  readonly volumes?: readonly Volume[];
  /** @default - Kubernetes' default (Always; workloads accept only Always) */
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  /** @default - the namespace's `default` ServiceAccount */
  readonly serviceAccountName?: string;
  /** Merged over the policy's pod security context. @default - the app policy's podSecurityContext */
  readonly securityContext?: PodSecurityContext;
  /** @default - Kubernetes' default (30) */
  readonly terminationGracePeriodSeconds?: number;
  /** @default - any node */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Secrets of type kubernetes.io/dockerconfigjson, by object. @default - none */
  readonly imagePullSecrets?: readonly (IConstruct & { readonly name: string })[];
  /** @default - the app policy's automountServiceAccountToken, else Kubernetes' default (true) */
  readonly automountServiceAccountToken?: boolean;
  /** Extra labels on the pods (the selector labels are always added). @default - none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** @default - Kubernetes' default (ClusterFirst) */
  readonly dnsPolicy?: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
  /** @default - Kubernetes' default (true) */
  readonly enableServiceLinks?: boolean;
  /** @default - none */
  readonly hostname?: string;
}

export class PodSpec {
  public readonly containers: Container[] = [];
  public readonly initContainers: Container[] = [];
  private readonly volumes: Volume[] = [];

  constructor(private readonly owner: IPodSpecOwner, private readonly props: PodSpecProps) {
    checkOneOf(owner, 'restartPolicy', props.restartPolicy, ['Always', 'OnFailure', 'Never']);
    checkSeconds(owner, 'terminationGracePeriodSeconds', props.terminationGracePeriodSeconds, 0);
    checkLabels(owner, 'podLabels', props.podLabels);
    for (const v of props.volumes ?? []) this.addVolume(v);
    for (const c of props.initContainers ?? []) this.addInitContainer(c);
    for (const c of props.containers ?? []) this.addContainer(c);
    owner.node.addValidation({ validate: () => this.validate() });
  }

  public addContainer(props: ContainerProps): Container {
    const c = new Container(this.owner, props);
    this.checkUniqueName(c);
    this.containers.push(c);
    return c;
  }

  public addInitContainer(props: ContainerProps): Container {
    const c = new Container(this.owner, props, 'init container');
    this.checkUniqueName(c);
    this.initContainers.push(c);
    return c;
  }

  public addVolume(v: Volume): void {
    v._check(this.owner);
    if (v.claimTemplateOf && v.claimTemplateOf !== this.owner) {
      fail(this.owner, `volume "${v.name}" is a volumeClaimTemplate of ${v.claimTemplateOf.node.path}, so only that StatefulSet's pods can mount it`, v.name, 'claim templates of this StatefulSet, or a PersistentVolumeClaim object', 'mount a PersistentVolumeClaim, or add a claim template to this StatefulSet');
    }
    const existing = this.volumes.find((x) => x.name === v.name);
    if (existing) {
      if (existing.sameAs(v)) return;
      fail(this.owner, 'two different volumes have the same name', v.name, 'unique volume names per pod', 'pass a distinct { name } when creating one of the volumes');
    }
    this.volumes.push(v);
  }

  private checkUniqueName(c: Container): void {
    if ([...this.containers, ...this.initContainers].some((x) => x.name === c.name)) {
      fail(c.where, 'another container of this pod has the same name', c.name, 'unique container names per pod', 'pass a distinct name in the container props');
    }
  }

  private validate(): string[] {
    const errors: string[] = [];
    if (this.containers.length === 0) {
      errors.push(`${this.owner.node.path}: the pod has no containers. Fix: add one with addContainer({ image }) or the containers prop.`);
    }
    const cross = (to: IConstruct, what: string) => {
      const problem = crossNamespaceProblem(this.owner, to, what);
      if (problem) errors.push(problem);
    };
    for (const v of this.volumes) if (v.from) cross(v.from, `volume "${v.name}" refers to`);
    for (const c of [...this.initContainers, ...this.containers]) {
      for (const e of c.envFromList) cross(e.source, 'envFrom refers to');
      for (const [name, v] of c.envValues) {
        const ref = v.keyReference;
        if (ref) cross(ref.source, `env ${name} refers to`);
        if (ref && !ref.optional && ref.source.hasKey && !ref.source.hasKey(ref.key)) {
          errors.push(`${c.where}: env ${name} reads key "${ref.key}" of ${ref.kind} ${ref.source.node.path}, which has no such key. Fix: add the key to the ${ref.kind}, or pass { optional: true }.`);
        }
      }
      const names = new Set(c.portList.map((p) => p.name).filter(Boolean));
      for (const probe of c.probes) {
        if (probe.needsPort && probe.port === undefined && c.portList.length === 0) {
          errors.push(`${c.where}: a probe has no port and the container declares none, so there is nothing to check. Fix: pass { port } to the probe, or declare the container port.`);
        }
        if (typeof probe.port === 'string' && !names.has(probe.port)) {
          errors.push(`${c.where}: a probe uses port "${probe.port}", which the container does not declare. Fix: declare a port with that name, or use a port number.`);
        }
      }
    }
    return errors;
  }

  /** @internal */
  public _toJson(policy: ResolvedPolicy): Record<string, unknown> {
    const p = this.props;
    const spec: Record<string, unknown> = {};
    if (this.initContainers.length) spec.initContainers = this.initContainers.map((c) => c._toJson(policy));
    spec.containers = this.containers.map((c) => c._toJson(policy));
    const volumes = this.volumes.filter((v) => !v.claimTemplateOf);
    if (volumes.length) spec.volumes = volumes.map((v) => v._toJson());
    if (p.restartPolicy) spec.restartPolicy = p.restartPolicy;
    if (p.serviceAccountName) spec.serviceAccountName = p.serviceAccountName;
    const automount = p.automountServiceAccountToken ?? policy.automountServiceAccountToken;
    if (automount !== undefined) spec.automountServiceAccountToken = automount;
    const sc = { ...policy.podSecurityContext, ...p.securityContext };
    if (Object.keys(sc).length) spec.securityContext = sc;
    if (p.terminationGracePeriodSeconds !== undefined) spec.terminationGracePeriodSeconds = p.terminationGracePeriodSeconds;
    if (p.nodeSelector) spec.nodeSelector = { ...p.nodeSelector };
    if (p.imagePullSecrets?.length) spec.imagePullSecrets = p.imagePullSecrets.map((s) => ({ name: s.name }));
    if (p.dnsPolicy) spec.dnsPolicy = p.dnsPolicy;
    if (p.enableServiceLinks !== undefined) spec.enableServiceLinks = p.enableServiceLinks;
    if (p.hostname) spec.hostname = p.hostname;
    return spec;
  }

  public get podLabels(): Readonly<Record<string, string>> | undefined {
    return this.props.podLabels;
  }

  public get podAnnotations(): Readonly<Record<string, string>> | undefined {
    return this.props.podAnnotations;
  }
}
