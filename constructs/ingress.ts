/**
 * Ingress (networking.k8s.io/v1): HTTP routing from hosts and paths to Service backends. Backends are objects
 * (a Service and one of its ports), so a port that the Service does not have is a synth error, not a 503.
 */
import { Construct, IConstruct } from 'constructs';
import { isIP } from 'net';
import { crossNamespaceProblem, KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkOneOf, checkPort, fail } from '../lib/util/check';
import { checkPortName, isDns1035Label, isDns1123Subdomain, isPathSegmentName } from '../lib/util/names';
import { IIngressClass } from './ingress-class';
import { ISecret, Secret } from './secret';
import { Service } from './service';

export type PathType = 'Prefix' | 'Exact' | 'ImplementationSpecific';

/** A Service an Ingress can route to: a kubeforge Service, or any construct with the Service's name. */
export interface IIngressService extends IConstruct {
  readonly name: string;
}

// instanceof on cdk8s ApiObject subclasses narrows to ApiObject only, hence explicit guards.
function isService(x: unknown): x is Service {
  return x instanceof Service;
}
function isSecret(x: unknown): x is Secret {
  return x instanceof Secret;
}

/** Where matching requests go: a Service port, or another resource (e.g. a storage bucket CRD). */
export class IngressBackend {
  /** A port of a Service, by number (the Service's `port`) or by its name. */
  public static service(service: IIngressService, port: number | string): IngressBackend {
    return new IngressBackend(service, port);
  }

  /** A Service that is not part of the app, by name. Its ports cannot be checked. */
  public static serviceName(name: string, port: number | string): IngressBackend {
    return new IngressBackend(undefined, port, name);
  }

  /** A resource backend (typed local object reference in the Ingress's namespace). */
  public static resource(ref: { readonly kind: string; readonly name: string; readonly apiGroup?: string }): IngressBackend {
    return new IngressBackend(undefined, undefined, undefined, { ...ref });
  }

  private constructor(
    public readonly service?: IIngressService,
    public readonly port?: number | string,
    private readonly serviceNameValue?: string,
    private readonly resourceRef?: { readonly kind: string; readonly name: string; readonly apiGroup?: string },
  ) {}

  /** @internal throws at construction of the Ingress that uses the backend. */
  public _check(where: IConstruct, field: string): void {
    if (this.resourceRef) {
      const r = this.resourceRef;
      if (!r.kind || !isPathSegmentName(r.kind)) fail(where, `${field}: the resource kind is not valid`, r.kind, 'a kind name', 'set kind');
      if (!r.name || !isPathSegmentName(r.name)) fail(where, `${field}: the resource name is not valid`, r.name, 'a name without "/" or "%"', 'set name');
      if (r.apiGroup !== undefined && !isDns1123Subdomain(r.apiGroup)) fail(where, `${field}: the resource apiGroup is not a DNS subdomain`, r.apiGroup, 'an API group such as "k8s.example.com"', 'omit apiGroup for the core group');
      return;
    }
    const name = this.serviceName;
    if (!isDns1035Label(name)) fail(where, `${field}: the Service name is not valid`, name, 'a DNS-1035 label (lowercase letters, digits, "-", starting with a letter)', 'pass the Service object, or its exact name');
    if (typeof this.port === 'number') checkPort(where, `${field} port`, this.port);
    else {
      const bad = typeof this.port === 'string' ? checkPortName(this.port) : 'a port number or name is required';
      if (bad) fail(where, `${field}: the port is neither a port number nor a valid port name`, this.port, bad, 'use the Service port number or its name');
    }
  }

  public get serviceName(): string {
    return this.service?.name ?? this.serviceNameValue ?? '';
  }

  /** @internal synth errors: the port must exist on a kubeforge Service, and in the Ingress's namespace. */
  public _validate(ingress: KubeObject, field: string): string[] {
    const service = this.service;
    if (!isService(service)) return [];
    const errors: string[] = [];
    const cross = crossNamespaceProblem(ingress, service, `${field} routes to`);
    if (cross) errors.push(cross);
    const ports = service.portList;
    const found = typeof this.port === 'number' ? ports.some((p) => p.port === this.port) : ports.some((p) => p.name === this.port);
    if (!found) {
      const have = ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ') || 'none';
      errors.push(`${ingress.node.path}: ${field} uses port ${JSON.stringify(this.port)}, which ${service.node.path} does not have (its ports: ${have}). Fix: use one of those ports, or add the port to the Service.`);
    }
    return errors;
  }

  /** @internal */
  public _render(): Record<string, unknown> {
    if (this.resourceRef) {
      const r = this.resourceRef;
      return { resource: { ...(r.apiGroup ? { apiGroup: r.apiGroup } : {}), kind: r.kind, name: r.name } };
    }
    return { service: { name: this.serviceName, port: typeof this.port === 'number' ? { number: this.port } : { name: this.port } } };
  }
}

export interface IngressPath {
  /** Must start with "/" (except ImplementationSpecific, which may also be empty). */
  readonly path: string;
  readonly backend: IngressBackend;
  /** @default 'Prefix' */
  readonly pathType?: PathType;
}

export interface IngressRule {
  /** @default - every host (the rule matches requests for any host) */
  readonly host?: string;
  readonly paths: readonly IngressPath[];
}

export interface IngressTls {
  /** Hosts the certificate covers. @default - the controller's default (often every host) */
  readonly hosts?: readonly string[];
  /** The Secret with tls.crt and tls.key. @default - the controller's default certificate */
  readonly secret?: ISecret;
}

export interface IngressProps extends KubeObjectProps {
  /** @default - none; add with addRule() */
  readonly rules?: readonly IngressRule[];
  /** Where requests that match no rule go. @default - none (the controller's default backend) */
  readonly defaultBackend?: IngressBackend;
  /** @default - none; add with addTls() */
  readonly tls?: readonly IngressTls[];
  /** @default - none: the cluster's default IngressClass, if one is marked */
  readonly ingressClass?: IIngressClass;
}

const WILDCARD_HOST = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const BAD_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const BAD_SUFFIXES = ['/..', '/.'];

/** Kubernetes' host rule: a DNS subdomain, optionally with one leading "*." wildcard, and never an IP address. */
function checkHost(where: IConstruct, field: string, host: string): void {
  const ok = typeof host === 'string' && host.length <= 253 && !isIP(host) && (host.startsWith('*') ? WILDCARD_HOST.test(host) : isDns1123Subdomain(host));
  if (!ok) fail(where, `${field} is not a valid host`, host, 'a lowercase DNS name such as "shop.example.com" or "*.example.com", not an IP address', 'use the DNS name clients send in the Host header', 'ingress-host');
}

function checkPath(where: IConstruct, path: string, pathType: PathType): void {
  checkOneOf(where, 'pathType', pathType, ['Prefix', 'Exact', 'ImplementationSpecific']);
  if (typeof path !== 'string') fail(where, 'path must be a string', path, 'a path such as "/api"', 'quote the path', 'ingress-path');
  if (pathType === 'ImplementationSpecific') {
    if (path !== '' && !path.startsWith('/')) fail(where, 'path must be absolute', path, 'empty or starting with "/"', `write "/${path}"`, 'ingress-path');
    return;
  }
  if (!path.startsWith('/')) fail(where, `a ${pathType} path must start with "/"`, path, 'an absolute path such as "/api"', `write "/${path}"`, 'ingress-path');
  const bad = BAD_SEQUENCES.find((s) => path.includes(s)) ?? BAD_SUFFIXES.find((s) => path.endsWith(s));
  if (bad) fail(where, `a ${pathType} path must not contain "${bad}"`, path, 'a normalized path without "//", "/./", "/../" or encoded slashes', 'normalize the path, or use pathType ImplementationSpecific', 'ingress-path');
}

interface Rule {
  readonly host?: string;
  readonly paths: Required<IngressPath>[];
}

export class Ingress extends KubeObject {
  private readonly rules: Rule[] = [];
  private readonly tls: IngressTls[] = [];
  private readonly defaultBackend?: IngressBackend;
  private readonly ingressClass?: IIngressClass;

  constructor(scope: Construct, id: string, props: IngressProps = {}) {
    super(scope, id, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespaced: true }, props);
    if (props.defaultBackend) props.defaultBackend._check(this, 'defaultBackend');
    this.defaultBackend = props.defaultBackend;
    if (props.ingressClass && !isDns1123Subdomain(props.ingressClass.name)) {
      fail(this, 'the ingress class name is not a DNS subdomain', props.ingressClass.name, 'a DNS-1123 subdomain', 'pass the IngressClass object, or its exact name');
    }
    this.ingressClass = props.ingressClass;
    for (const r of props.rules ?? []) for (const p of r.paths ?? []) this.addRule(r.host, p.path, p.backend, p.pathType);
    for (const t of props.tls ?? []) this.addTls(t);
    if (props.rules?.some((r) => !r.paths?.length)) fail(this, 'a rule has no paths', props.rules.find((r) => !r.paths?.length)?.host ?? '(any host)', 'at least one path per rule', 'add a path such as { path: "/", backend }');
    this.node.addValidation({ validate: () => this.validate() });
  }

  /**
   * Routes requests for `host` (undefined: any host) whose path matches `path` to `backend`.
   * Rules for the same host are merged into one Kubernetes rule.
   */
  public addRule(host: string | undefined, path: string, backend: IngressBackend, pathType: PathType = 'Prefix'): void {
    if (host !== undefined) checkHost(this, 'host', host);
    checkPath(this, path, pathType);
    if (!(backend instanceof IngressBackend)) fail(this, 'backend must be an IngressBackend', backend, 'IngressBackend.service(service, port)', 'wrap the Service: IngressBackend.service(svc, 80)');
    backend._check(this, `backend of ${host ?? '*'}${path}`);
    let rule = this.rules.find((r) => r.host === host);
    if (!rule) this.rules.push((rule = { host, paths: [] }));
    if (rule.paths.some((p) => p.path === path && p.pathType === pathType)) {
      fail(this, `the ${pathType} path is routed twice for host ${host ?? '(any)'}`, path, 'each host, path and pathType once', 'remove one of the rules', 'ingress-path');
    }
    rule.paths.push({ path, backend, pathType });
  }

  /** Terminates TLS for `hosts` with the certificate in `secret`. */
  public addTls(tls: IngressTls): void {
    for (const h of tls.hosts ?? []) checkHost(this, 'tls host', h);
    if (tls.secret && !isDns1123Subdomain(tls.secret.name)) fail(this, 'the TLS Secret name is not valid', tls.secret.name, 'a DNS-1123 subdomain', 'pass the Secret object');
    this.tls.push({ hosts: tls.hosts ? [...tls.hosts] : undefined, secret: tls.secret });
  }

  private validate(): string[] {
    const errors: string[] = [];
    if (!this.defaultBackend && this.rules.length === 0) {
      errors.push(`${this.node.path}: the Ingress has neither rules nor a defaultBackend, which the API server rejects. Fix: call addRule() or set defaultBackend.`);
    }
    if (this.defaultBackend) errors.push(...this.defaultBackend._validate(this, 'defaultBackend'));
    for (const r of this.rules) for (const p of r.paths) errors.push(...p.backend._validate(this, `the backend of ${r.host ?? '*'}${p.path}`));
    for (const t of this.tls) {
      const secret = t.secret;
      if (!isSecret(secret)) continue;
      const cross = crossNamespaceProblem(this, secret, 'takes its TLS certificate from');
      if (cross) errors.push(cross);
      for (const key of ['tls.crt', 'tls.key']) {
        if (!secret.hasKey(key)) errors.push(`${this.node.path}: the TLS Secret ${secret.node.path} has no "${key}" key, so the controller cannot serve its certificate. Fix: add tls.crt and tls.key (type kubernetes.io/tls).`);
      }
    }
    return errors;
  }

  protected renderBody(): Record<string, unknown> {
    const spec: Record<string, unknown> = {};
    if (this.ingressClass) spec.ingressClassName = this.ingressClass.name;
    if (this.defaultBackend) spec.defaultBackend = this.defaultBackend._render();
    if (this.tls.length) {
      spec.tls = this.tls.map((t) => ({ ...(t.hosts ? { hosts: [...t.hosts] } : {}), ...(t.secret ? { secretName: t.secret.name } : {}) }));
    }
    if (this.rules.length) {
      spec.rules = this.rules.map((r) => ({
        ...(r.host !== undefined ? { host: r.host } : {}),
        http: { paths: r.paths.map((p) => ({ path: p.path, pathType: p.pathType, backend: p.backend._render() })) },
      }));
    }
    return { spec };
  }
}
