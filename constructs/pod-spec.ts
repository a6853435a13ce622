/**
 * The pod spec shared by Pod and the workloads (Deployment, StatefulSet, DaemonSet, Job, CronJob): containers,
 * sidecars, volumes, scheduling and pod-level settings, rendered with the app's policy. Also the synth-time
 * checks that need the whole pod: env keys that exist in in-app ConfigMaps/Secrets, probes and hooks on named
 * ports that exist, containers named by downward API files, and references that stay in one namespace.
 */
import { IConstruct } from 'constructs';
import { checkLabels, checkSeconds, fail, checkOneOf } from '../lib/util/check';
import { checkLabelKey, isDns1123Subdomain } from '../lib/util/names';
import { PodSecurityContext } from '../lib/app/k8s-types';
import { ResolvedPolicy } from '../lib/app/policy';
import { crossNamespaceProblem } from '../lib/app/object';
import { Container, ContainerProps, IPodSpecOwner } from './container';
import { IPriorityClass } from './priority-class';
import { Affinity, PodScheduling, Toleration, TopologySpreadConstraint } from './scheduling';
import { IPodSelector } from './selection';
import { IServiceAccount } from './service-account';
import { Volume } from './volume';

export interface PodReadinessGate {
  /** A pod condition type that an external controller sets, e.g. `target-health.elbv2.k8s.aws/my-tg`. */
  readonly conditionType: string;
}

export interface PodSpecProps {
  /** The pod's containers; more with `addContainer()`. @default - none (at least one is required at synth) */
  readonly containers?: readonly ContainerProps[];
  /** @default - none */
  readonly initContainers?: readonly ContainerProps[];
  /** Volumes not tied to a mount yet (`container.mount()` adds its own). @default - none */
  readonly volumes?: readonly Volume[];
  /** @default - Kubernetes' default (Always; workloads accept only Always) */
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  /** The identity the pods run as; must be in the pod's namespace. @default - the namespace's `default` ServiceAccount */
  readonly serviceAccount?: IServiceAccount;
  /**
   * The ServiceAccount by name. Prefer `serviceAccount` (an object, checked for namespace). Not with `serviceAccount`.
   * @default - the namespace's `default` ServiceAccount
   */
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
  /** Node affinity and pod (anti-)affinity; more with `addAffinity()`. @default - none */
  readonly affinity?: Affinity;
  /** Taints the pods tolerate; more with `addToleration()`. @default - none */
  readonly tolerations?: readonly Toleration[];
  /** How the pods spread over topology domains; see also `spread()`. @default - none (the scheduler's defaults) */
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
  /** `PriorityClass` object or `PriorityClass.fromName(...)`. @default - the cluster's global default class, else priority 0 */
  readonly priorityClass?: IPriorityClass;
  /** A RuntimeClass, e.g. `gvisor` or `kata`. @default - the node's default runtime */
  readonly runtimeClassName?: string;
  /** Extra conditions that must be True before a pod counts as ready. @default - none */
  readonly readinessGates?: readonly PodReadinessGate[];
}

export class PodSpec {
  public readonly containers: Container[] = [];
  public readonly initContainers: Container[] = [];
  private readonly volumes: Volume[] = [];
  /** Affinity, tolerations and topology spread. */
  public readonly scheduling: PodScheduling;

  constructor(private readonly owner: IPodSpecOwner & IPodSelector, private readonly props: PodSpecProps) {
    checkOneOf(owner, 'restartPolicy', props.restartPolicy, ['Always', 'OnFailure', 'Never']);
    checkSeconds(owner, 'terminationGracePeriodSeconds', props.terminationGracePeriodSeconds, 0);
    checkLabels(owner, 'podLabels', props.podLabels);
    checkPodRefs(owner, props);
    this.scheduling = new PodScheduling(owner);
    if (props.affinity !== undefined) this.scheduling.addAffinity(props.affinity);
    for (const t of props.tolerations ?? []) this.scheduling.addToleration(t);
    for (const c of props.topologySpreadConstraints ?? []) this.scheduling.addTopologySpreadConstraint(c);
    for (const v of props.volumes ?? []) this.addVolume(v);
    for (const c of props.initContainers ?? []) this.addInitContainer(c);
    for (const c of props.containers ?? []) this.addContainer(c);
    owner.node.addValidation({ validate: () => this.validate() });
  }

  public addContainer(props: ContainerProps): Container {
    const c = new Container(this.owner, props);
    this.checkAdded(c);
    this.containers.push(c);
    return c;
  }

  public addInitContainer(props: ContainerProps): Container {
    const c = new Container(this.owner, props, 'init container');
    this.checkAdded(c);
    this.initContainers.push(c);
    return c;
  }

  /** Adds a sidecar: an init container with restartPolicy Always, started first and kept running. */
  public addSidecar(props: ContainerProps): Container {
    return this.addInitContainer({ ...props, restartPolicy: 'Always' });
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

  private checkAdded(c: Container): void {
    if ([...this.containers, ...this.initContainers].some((x) => x.name === c.name)) {
      fail(c.where, 'another container of this pod has the same name', c.name, 'unique container names per pod', 'pass a distinct name in the container props');
    }
    // The API server rejects a sleep hook longer than the grace period (it would be cut short anyway).
    const grace = this.props.terminationGracePeriodSeconds ?? 30;
    for (const h of c.hooks) {
      const secs = h.sleepSeconds;
      if (secs !== undefined && secs > grace) {
        fail(c.where, `a lifecycle sleep of ${secs}s is longer than the pod's terminationGracePeriodSeconds (${grace})`, secs, `at most ${grace} seconds`, 'shorten the sleep, or raise terminationGracePeriodSeconds');
      }
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
    for (const v of this.volumes) for (const r of v.references) cross(r, `volume "${v.name}" refers to`);
    if (this.props.serviceAccount) cross(this.props.serviceAccount, 'the pod runs as the ServiceAccount');
    for (const s of this.props.imagePullSecrets ?? []) cross(s, 'imagePullSecrets refers to');
    errors.push(...this.scheduling.validate());
    const all = [...this.initContainers, ...this.containers];
    for (const v of this.volumes) {
      for (const f of v.downwardFiles) {
        if (f.containerName !== undefined && !all.some((c) => c.name === f.containerName)) {
          errors.push(`${this.owner.node.path}: volume "${v.name}" reads resources of container "${f.containerName}", which the pod does not have (containers: ${all.map((c) => c.name).join(', ') || 'none'}). Fix: use one of the pod's container names.`);
        }
      }
    }
    for (const c of all) {
      for (const e of c.envFromList) cross(e.source, 'envFrom refers to');
      for (const [name, v] of c.envValues) {
        const ref = v.keyReference;
        if (ref) cross(ref.source, `env ${name} refers to`);
        if (ref && !ref.optional && ref.source.hasKey && !ref.source.hasKey(ref.key)) {
          errors.push(`${c.where}: env ${name} reads key "${ref.key}" of ${ref.kind} ${ref.source.node.path}, which has no such key. Fix: add the key to the ${ref.kind}, or pass { optional: true }.`);
        }
      }
      const names = new Set(c.portList.map((p) => p.name).filter(Boolean));
      const handlers: [string, { needsPort: boolean; port?: string | number }][] = [...c.probes.map((p) => ['a probe', p] as [string, typeof p]), ...c.hooks.map((h) => ['a lifecycle hook', h] as [string, typeof h])];
      for (const [what, h] of handlers) {
        if (h.needsPort && h.port === undefined && c.portList.length === 0) {
          errors.push(`${c.where}: ${what} has no port and the container declares none, so there is nothing to ${what === 'a probe' ? 'check' : 'call'}. Fix: pass { port } to it, or declare the container port.`);
        }
        if (typeof h.port === 'string' && !names.has(h.port)) {
          errors.push(`${c.where}: ${what} uses port "${h.port}", which the container does not declare. Fix: declare a port with that name, or use a port number.`);
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
    const sa = p.serviceAccount?.name ?? p.serviceAccountName;
    if (sa) spec.serviceAccountName = sa;
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
    Object.assign(spec, this.scheduling._toJson());
    if (p.priorityClass) spec.priorityClassName = p.priorityClass.name;
    if (p.runtimeClassName) spec.runtimeClassName = p.runtimeClassName;
    if (p.readinessGates?.length) spec.readinessGates = p.readinessGates.map((g) => ({ conditionType: g.conditionType }));
    return spec;
  }

  public get podLabels(): Readonly<Record<string, string>> | undefined {
    return this.props.podLabels;
  }

  public get podAnnotations(): Readonly<Record<string, string>> | undefined {
    return this.props.podAnnotations;
  }
}

/** Construction-time checks of the pod's references to other objects and of its plain pod-level strings. */
function checkPodRefs(owner: IConstruct, p: PodSpecProps): void {
  if (p.serviceAccount !== undefined) {
    if (typeof p.serviceAccount?.name !== 'string') fail(owner, 'serviceAccount must be a ServiceAccount object', p.serviceAccount, 'a ServiceAccount or ServiceAccount.fromName(...)', 'pass the ServiceAccount construct', 'type');
    if (p.serviceAccountName !== undefined && p.serviceAccountName !== p.serviceAccount.name) {
      fail(owner, 'serviceAccount and serviceAccountName name different accounts', { serviceAccount: p.serviceAccount.name, serviceAccountName: p.serviceAccountName }, 'one of them', 'remove serviceAccountName (serviceAccount is preferred)');
    }
  }
  if (p.serviceAccountName !== undefined && (typeof p.serviceAccountName !== 'string' || !isDns1123Subdomain(p.serviceAccountName))) {
    fail(owner, 'serviceAccountName is not a valid ServiceAccount name', p.serviceAccountName, 'a DNS-1123 subdomain', 'pass the ServiceAccount object as serviceAccount instead');
  }
  if (p.priorityClass !== undefined && typeof p.priorityClass?.name !== 'string') {
    fail(owner, 'priorityClass must be a PriorityClass object', p.priorityClass, 'a PriorityClass or PriorityClass.fromName(...)', 'pass the PriorityClass construct', 'type');
  }
  if (p.runtimeClassName !== undefined && (typeof p.runtimeClassName !== 'string' || !isDns1123Subdomain(p.runtimeClassName))) {
    fail(owner, 'runtimeClassName is not a valid RuntimeClass name', p.runtimeClassName, 'a DNS-1123 subdomain (lowercase letters, digits, "-" and ".")', 'use the RuntimeClass\'s name, e.g. "gvisor"', 'name');
  }
  const secrets = p.imagePullSecrets ?? [];
  secrets.forEach((s, i) => {
    if (typeof s?.name !== 'string') fail(owner, `imagePullSecrets[${i}] must be a Secret object`, s, 'a Secret or Secret.fromName(...)', 'pass the Secret construct', 'type');
    if (secrets.indexOf(s) !== i || secrets.findIndex((x) => x.name === s.name) !== i) fail(owner, 'an image pull secret is listed twice', s.name, 'each Secret once', 'remove the duplicate');
  });
  const gates = p.readinessGates ?? [];
  gates.forEach((g, i) => {
    const bad = typeof g?.conditionType === 'string' ? checkLabelKey(g.conditionType) : 'a string';
    if (bad) fail(owner, `readinessGates[${i}].conditionType is not a valid condition type`, g?.conditionType, bad, 'use a qualified name such as "example.com/feature-ready"');
    if (gates.findIndex((x) => x.conditionType === g.conditionType) !== i) fail(owner, 'a readiness gate is listed twice', g.conditionType, 'each condition type once', 'remove the duplicate');
  });
}
