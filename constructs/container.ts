/**
 * Container: part of a pod spec (Pod, Deployment, ...). Props use Kubernetes' field names; the defaults for
 * resources, security context, probes and imagePullPolicy come from the app's policy at synth time.
 */
import { IConstruct } from 'constructs';
import { checkPort, checkQuantity, fail, checkOneOf } from '../lib/util/check';
import { checkPortName, isDns1123Label, sanitizeLabel } from '../lib/util/names';
import { compareResourceQuantities as compare } from '../lib/util/quantity';
import { ImagePullPolicy, Protocol, ResourceRequirements, SecurityContext } from '../lib/app/k8s-types';
import { ResolvedPolicy, ProbeDefault } from '../lib/app/policy';
import { EnvFrom, EnvValue } from './env';
import { ContainerLifecycle, Lifecycle } from './lifecycle';
import { Probe } from './probe';
import { IVolumeSource, Volume } from './volume';

export interface ContainerPort {
  /** The port the process listens on (1-65535). */
  readonly containerPort: number;
  /** A name (≤15 chars) that Services and probes can refer to. @default - none */
  readonly name?: string;
  /** @default 'TCP' */
  readonly protocol?: Protocol;
  /** @default - none (hostPort ties the pod to one node per port) */
  readonly hostPort?: number;
}

export interface MountOptions {
  /** @default false */
  readonly readOnly?: boolean;
  /** Mount one file or directory of the volume. @default - the whole volume */
  readonly subPath?: string;
}

export interface ContainerProps {
  /** The image, ideally pinned to a tag or digest (`nginx:1.27`). */
  readonly image: string;
  /** @default - derived from the image name (`registry/team/my_app:1.0` → `my-app`) */
  readonly name?: string;
  /** @default - the image's ENTRYPOINT */
  readonly command?: readonly string[];
  /** @default - the image's CMD */
  readonly args?: readonly string[];
  /** @default - the image's WORKDIR */
  readonly workingDir?: string;
  /** Shorthand for one unnamed TCP port. @default - none */
  readonly port?: number;
  /** @default - none */
  readonly ports?: readonly ContainerPort[];
  /** Variables by name: a literal string, or `configMap.env(key)` / `secret.env(key)`. @default - none */
  readonly env?: Readonly<Record<string, string | EnvValue>>;
  /** Whole ConfigMaps/Secrets as variables: `configMap.envFrom()`. @default - none */
  readonly envFrom?: readonly EnvFrom[];
  /** Replaces the policy's resources for this container (`{}` means none). @default - the app policy's resources */
  readonly resources?: ResourceRequirements;
  /** Merged over the policy's security context. @default - the app policy's securityContext */
  readonly securityContext?: SecurityContext;
  /** @default - the app policy's imagePullPolicy, else Kubernetes' default */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** `false` disables the policy's default. @default - the app policy's readiness probe (TCP on the first port) */
  readonly readinessProbe?: Probe | false;
  /** @default - the app policy's liveness probe (none) */
  readonly livenessProbe?: Probe | false;
  /** @default - the app policy's startup probe (none) */
  readonly startupProbe?: Probe | false;
  /** Hooks: `{ preStop: Lifecycle.sleep(5) }`, `Lifecycle.exec([...])`, `Lifecycle.httpGet(path)`. Not on plain init containers. @default - none */
  readonly lifecycle?: ContainerLifecycle;
  /**
   * `Always` on an init container makes it a sidecar: it starts before the main containers, keeps running
   * beside them, and may have probes and lifecycle hooks (see `addSidecar()`). Init containers only.
   * @default - none (an init container runs to completion; a container follows the pod's restartPolicy)
   */
  readonly restartPolicy?: 'Always';
  /** @default false */
  readonly stdin?: boolean;
  /** @default false */
  readonly tty?: boolean;
}

/** What a container needs from the pod it belongs to. */
export interface IPodSpecOwner extends IConstruct {
  addVolume(volume: Volume): void;
}

const ENV_NAME = /^[^=\s\x00-\x1f\x7f]+$/;

/** `registry.example.com:5000/team/my_app:1.0@sha256:...` → `my-app` */
export function containerNameFromImage(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const repo = noDigest.slice(lastSlash + 1).split(':')[0];
  return sanitizeLabel(repo).slice(0, 63).replace(/-+$/, '') || 'main';
}

/** The tag of an image reference, if it has one. */
export function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0];
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const i = last.indexOf(':');
  return i >= 0 ? last.slice(i + 1) : undefined;
}

export class Container {
  public readonly name: string;
  public readonly image: string;
  private readonly props: ContainerProps;
  private readonly ports: ContainerPort[] = [];
  private readonly env = new Map<string, EnvValue>();
  private readonly envFromSources: EnvFrom[] = [];
  private readonly mounts: Record<string, unknown>[] = [];
  /** Where this container appears in error messages. */
  public readonly where: string;
  /** Init containers (sidecars included) get no default probes. */
  public readonly isInit: boolean;
  /** An init container with restartPolicy Always: it runs beside the main containers. */
  public readonly isSidecar: boolean;

  /** @internal created by `addContainer()` on a Pod or workload. */
  constructor(private readonly owner: IPodSpecOwner, props: ContainerProps, role: 'container' | 'init container' = 'container') {
    const ownerPath = owner.node.path;
    if (!props || typeof props.image !== 'string' || props.image.trim() === '' || /\s/.test(props.image)) {
      fail(ownerPath, `a ${role} has no valid image`, props?.image, 'an image reference such as "nginx:1.27"', 'set image');
    }
    this.name = props.name ?? containerNameFromImage(props.image);
    this.where = `${ownerPath} (${role} "${this.name}")`;
    if (!isDns1123Label(this.name)) {
      fail(this.where, 'the container name is not a valid DNS-1123 label', this.name, 'lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters', 'choose a shorter lowercase name');
    }
    this.image = props.image;
    this.props = props;
    checkOneOf(this.where, 'imagePullPolicy', props.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']);
    if (props.port !== undefined) this.addPort({ containerPort: props.port });
    for (const p of props.ports ?? []) this.addPort(p);
    for (const [k, v] of Object.entries(props.env ?? {})) this.addEnv(k, v);
    for (const e of props.envFrom ?? []) this.addEnvFrom(e);
    checkResources(this.where, props.resources);
    this.isInit = role === 'init container';
    if (props.restartPolicy !== undefined) {
      if (props.restartPolicy !== 'Always') fail(this.where, 'a container restartPolicy must be Always (a sidecar)', props.restartPolicy, 'Always, on init containers', "remove restartPolicy, or set 'Always' on an init container", 'enum');
      if (!this.isInit) fail(this.where, 'restartPolicy is only allowed on init containers (it makes them sidecars)', props.restartPolicy, 'no restartPolicy on regular containers', 'remove restartPolicy, or add the container with addSidecar() / initContainers');
    }
    this.isSidecar = this.isInit && props.restartPolicy === 'Always';
    const runsToCompletion = this.isInit && !this.isSidecar;
    for (const probe of [props.readinessProbe, props.livenessProbe, props.startupProbe]) {
      if (!probe) continue;
      if (runsToCompletion) fail(this.where, 'init containers cannot have probes (they run to completion before the pod starts)', 'probe', 'probes on regular containers and sidecars', "remove the probe, or make it a sidecar (restartPolicy: 'Always', or addSidecar())");
      if (!(probe instanceof Probe)) fail(this.where, 'a probe must be built with Probe', probe, 'Probe.httpGet(...), Probe.tcpSocket(...), Probe.exec(...), Probe.grpc(...), or false', 'build the probe with Probe');
      probe._check(this.where);
    }
    const lc = props.lifecycle;
    if (lc !== undefined) {
      if (runsToCompletion) fail(this.where, 'init containers cannot have lifecycle hooks', 'lifecycle', 'hooks on regular containers and sidecars', "remove lifecycle, or make it a sidecar (restartPolicy: 'Always')");
      if (typeof lc !== 'object' || lc === null) fail(this.where, 'lifecycle must be an object', lc, '{ postStart?, preStop? }', 'pass { preStop: Lifecycle.sleep(5) }');
      for (const [hook, h] of Object.entries(lc)) {
        if (h === undefined) continue;
        if (hook !== 'postStart' && hook !== 'preStop') fail(this.where, `lifecycle.${hook} is not a lifecycle hook`, hook, 'postStart, preStop', 'use postStart or preStop');
        if (!(h instanceof Lifecycle)) fail(this.where, `lifecycle.${hook} must be built with Lifecycle`, h, 'Lifecycle.exec([...]), Lifecycle.httpGet(path), Lifecycle.sleep(seconds)', `write ${hook}: Lifecycle.sleep(5)`);
        h._check(this.where, `lifecycle.${hook}`);
      }
    }
  }

  public addPort(port: ContainerPort): void {
    checkPort(this.where, 'containerPort', port.containerPort);
    checkPort(this.where, 'hostPort', port.hostPort);
    checkOneOf(this.where, 'protocol', port.protocol, ['TCP', 'UDP', 'SCTP']);
    if (port.name !== undefined) {
      const bad = checkPortName(port.name);
      if (bad) fail(this.where, 'the port name is not valid', port.name, bad, 'use a short name such as "http" or "metrics"', 'port-name');
      if (this.ports.some((p) => p.name === port.name)) fail(this.where, 'the port name is used twice', port.name, 'unique port names per container', 'rename one of the ports', 'port-name');
    }
    const proto = port.protocol ?? 'TCP';
    if (this.ports.some((p) => p.containerPort === port.containerPort && (p.protocol ?? 'TCP') === proto)) {
      fail(this.where, 'the port is declared twice', port.containerPort, 'each port/protocol pair once', 'remove the duplicate port', 'port-range');
    }
    this.ports.push({ ...port });
  }

  /** The declared ports, in order. */
  public get portList(): readonly ContainerPort[] {
    return this.ports;
  }

  public addEnv(name: string, value: string | EnvValue): void {
    if (!ENV_NAME.test(name)) fail(this.where, 'the environment variable name is not valid', name, 'printable characters without "=" or spaces', 'rename the variable, e.g. DB_HOST');
    if (typeof value !== 'string' && !(value instanceof EnvValue)) {
      fail(this.where, `env ${name} must be a string or an EnvValue`, value, 'a string, configMap.env(key), secret.env(key) or EnvValue.fromFieldRef(...)', `write "${String(value)}" in quotes`);
    }
    this.env.set(name, typeof value === 'string' ? EnvValue.fromValue(value) : value);
  }

  public addEnvFrom(source: EnvFrom): void {
    this.envFromSources.push(source);
  }

  /** Mounts a volume (or a PVC, ConfigMap or Secret object) at `path`, adding the volume to the pod. */
  public mount(path: string, volume: Volume | IVolumeSource, options: MountOptions = {}): Volume {
    if (typeof path !== 'string' || !path.startsWith('/')) fail(this.where, 'a mount path must be absolute', path, 'a path starting with "/"', `use "/${String(path).replace(/^\/*/, '')}"`);
    if (path.split('/').includes('..')) fail(this.where, 'a mount path must not contain ".."', path, 'a normalised absolute path', 'remove the ".." segment');
    if (options.subPath !== undefined && (options.subPath.startsWith('/') || options.subPath.split('/').includes('..'))) {
      fail(this.where, 'subPath must be a relative path inside the volume', options.subPath, 'a relative path without ".."', 'remove the leading "/" or the ".." segment');
    }
    if (this.mounts.some((m) => m.mountPath === path)) fail(this.where, 'two volumes are mounted at the same path', path, 'one mount per path', 'choose another path');
    const v = volume instanceof Volume ? volume : volume.asVolume();
    this.owner.addVolume(v);
    const m: Record<string, unknown> = { name: v.name, mountPath: path };
    if (options.readOnly) m.readOnly = true;
    if (options.subPath) m.subPath = options.subPath;
    this.mounts.push(m);
    return v;
  }

  /** Every variable, for reference checks. */
  public get envValues(): ReadonlyMap<string, EnvValue> {
    return this.env;
  }

  public get envFromList(): readonly EnvFrom[] {
    return this.envFromSources;
  }

  /**
   * The request Kubernetes will use for `resource`: the request, or the limit when only a limit is set
   * (the apiserver defaults requests to limits).
   */
  public effectiveRequest(policy: ResolvedPolicy, resource: string): string | number | undefined {
    const r = this.effectiveResources(policy);
    return r.requests?.[resource] ?? r.limits?.[resource];
  }

  /** The resources after the policy is applied. */
  public effectiveResources(policy: ResolvedPolicy): ResourceRequirements {
    return this.props.resources ?? policy.resources;
  }

  /** The lifecycle hooks as given. */
  public get hooks(): readonly Lifecycle[] {
    const lc = this.props.lifecycle ?? {};
    return [lc.postStart, lc.preStop].filter((h): h is Lifecycle => h instanceof Lifecycle);
  }

  /** The probes as given (named ports are checked at synth). */
  public get probes(): readonly Probe[] {
    return [this.props.readinessProbe, this.props.livenessProbe, this.props.startupProbe].filter((p): p is Probe => p instanceof Probe);
  }

  /** @internal */
  public _toJson(policy: ResolvedPolicy, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const p = this.props;
    const out: Record<string, unknown> = { name: this.name, image: this.image };
    if (this.isSidecar) out.restartPolicy = 'Always';
    const pull = p.imagePullPolicy ?? policy.imagePullPolicy;
    if (pull) out.imagePullPolicy = pull;
    if (p.command) out.command = [...p.command];
    if (p.args) out.args = [...p.args];
    if (p.workingDir) out.workingDir = p.workingDir;
    if (this.ports.length) out.ports = this.ports.map((x) => ({ ...x }));
    if (this.env.size) out.env = [...this.env].map(([k, v]) => v._toJson(k));
    if (this.envFromSources.length) out.envFrom = this.envFromSources.map((e) => e._toJson());
    const res = this.effectiveResources(policy);
    if (res.requests && Object.keys(res.requests).length || res.limits && Object.keys(res.limits).length) out.resources = cloneResources(res);
    const firstPort = this.ports[0]?.containerPort;
    const probe = (given: Probe | false | undefined, def: ProbeDefault | undefined) => {
      if (given === false) return undefined;
      if (given) return given._toJson(firstPort);
      // Sidecars get only the probes they are given: the policy's readiness probe is for the main containers.
      if (this.isInit) return undefined;
      if (!def || def.type === 'none' || firstPort === undefined) return undefined;
      const { type: _t, ...timing } = def;
      return Probe.tcpSocket(timing)._toJson(firstPort);
    };
    const rp = probe(p.readinessProbe, policy.probes.readiness);
    if (rp) out.readinessProbe = rp;
    const lp = probe(p.livenessProbe, policy.probes.liveness);
    if (lp) out.livenessProbe = lp;
    const sp = probe(p.startupProbe, policy.probes.startup);
    if (sp) out.startupProbe = sp;
    if (p.lifecycle) {
      const lc: Record<string, unknown> = {};
      if (p.lifecycle.postStart) lc.postStart = p.lifecycle.postStart._toJson(firstPort);
      if (p.lifecycle.preStop) lc.preStop = p.lifecycle.preStop._toJson(firstPort);
      if (Object.keys(lc).length) out.lifecycle = lc;
    }
    const sc = { ...policy.securityContext, ...p.securityContext };
    if (Object.keys(sc).length) out.securityContext = sc;
    if (this.mounts.length) out.volumeMounts = this.mounts.map((m) => ({ ...m }));
    if (p.stdin) out.stdin = true;
    if (p.tty) out.tty = true;
    return Object.assign(out, extra);
  }
}

function cloneResources(r: ResourceRequirements): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.requests && Object.keys(r.requests).length) out.requests = { ...r.requests };
  if (r.limits && Object.keys(r.limits).length) out.limits = { ...r.limits };
  return out;
}

export function checkResources(where: string, r: ResourceRequirements | undefined): void {
  if (!r) return;
  for (const kind of ['requests', 'limits'] as const) {
    for (const [res, q] of Object.entries(r[kind] ?? {})) {
      checkQuantity(where, `resources.${kind}.${res}`, q as never);
    }
  }
  for (const [res, q] of Object.entries(r.requests ?? {})) {
    const lim = r.limits?.[res];
    if (lim !== undefined && q !== undefined && compare(q, lim) > 0) {
      fail(where, `resources.requests.${res} is greater than resources.limits.${res}`, { request: q, limit: lim }, 'requests ≤ limits', `lower the request or raise the limit for ${res}`, 'quantity');
    }
  }
}
