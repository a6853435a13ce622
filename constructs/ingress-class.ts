/**
 * IngressClass (networking.k8s.io/v1, cluster-scoped): names the controller that implements a class of Ingresses,
 * with optional controller parameters. `isDefaultClass` sets the annotation Kubernetes reads to pick the class
 * for Ingresses that name none.
 */
import { Construct, IConstruct } from 'constructs';
import { KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkOneOf, fail } from '../lib/util/check';
import { domainPrefixedPathProblem, isDns1123Label, isDns1123Subdomain, isPathSegmentName } from '../lib/util/names';
import { NamedReference } from './reference';

export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** An IngressClass, created in the app or referenced with `IngressClass.fromName`. */
export interface IIngressClass extends IConstruct {
  readonly name: string;
}

/** A reference to the object that configures the controller (often a CRD instance). */
export interface IngressClassParameters {
  /** The referenced kind, e.g. "IngressParameters". */
  readonly kind: string;
  readonly name: string;
  /** @default - the core API group */
  readonly apiGroup?: string;
  /** @default 'Cluster' */
  readonly scope?: 'Cluster' | 'Namespace';
  /** Required when scope is Namespace, forbidden otherwise. @default - none */
  readonly namespace?: string;
}

export interface IngressClassProps extends Omit<KubeObjectProps, 'namespace'> {
  /** The controller, as a domain-prefixed path such as "k8s.io/ingress-nginx". */
  readonly controller: string;
  /** @default - none: the controller uses its own configuration */
  readonly parameters?: IngressClassParameters;
  /** Makes this the class for Ingresses without ingressClassName. @default false */
  readonly isDefaultClass?: boolean;
}

const MAX_CONTROLLER_LENGTH = 250;

/** Kubernetes' IsDomainPrefixedPath: "<DNS subdomain>/<path>". */
function controllerProblem(controller: string): string | undefined {
  if (typeof controller !== 'string' || controller.length === 0) return 'the controller is required';
  if (controller.length > MAX_CONTROLLER_LENGTH) return `the controller is longer than ${MAX_CONTROLLER_LENGTH} characters`;
  switch (domainPrefixedPathProblem(controller)) {
    case 'no-slash': return 'the controller has no "/": it must be a domain-prefixed path';
    case 'domain': return 'the part before "/" is not a DNS subdomain';
    case 'path': return 'the path after "/" is empty or has characters not allowed in a URL path';
    default: return undefined;
  }
}

export class IngressClass extends KubeObject implements IIngressClass {
  /** Refers to an IngressClass that already exists in the cluster (e.g. one a controller's chart installed). */
  public static fromName(scope: Construct, id: string, name: string): IIngressClass {
    return new NamedReference(scope, id, name);
  }

  public readonly controller: string;
  public readonly isDefaultClass: boolean;
  private readonly parameters?: IngressClassParameters;

  constructor(scope: Construct, id: string, props: IngressClassProps) {
    super(scope, id, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', namespaced: false }, props);
    const bad = controllerProblem(props?.controller);
    if (bad) fail(this, bad, props?.controller, 'a domain-prefixed path of at most 250 characters, e.g. "k8s.io/ingress-nginx"', 'use the controller value from your ingress controller\'s documentation', 'ingress-class');
    this.controller = props.controller;
    this.isDefaultClass = props.isDefaultClass ?? false;
    if (props.parameters) this.checkParameters(props.parameters);
    this.parameters = props.parameters;
  }

  private checkParameters(p: IngressClassParameters): void {
    if (!p.kind || !isPathSegmentName(p.kind)) fail(this, 'parameters.kind is not valid', p.kind, 'a kind name such as "IngressParameters"', 'set parameters.kind');
    if (!p.name || !isPathSegmentName(p.name)) fail(this, 'parameters.name is not valid', p.name, 'a name without "/" or "%"', 'set parameters.name');
    if (p.apiGroup !== undefined && !isDns1123Subdomain(p.apiGroup)) fail(this, 'parameters.apiGroup is not a DNS subdomain', p.apiGroup, 'an API group such as "k8s.example.com"', 'omit apiGroup for the core group');
    checkOneOf(this, 'parameters.scope', p.scope, ['Cluster', 'Namespace']);
    if ((p.scope ?? 'Cluster') === 'Namespace') {
      if (!p.namespace || !isDns1123Label(p.namespace)) fail(this, 'parameters with scope Namespace need a valid namespace', p.namespace, 'a DNS-1123 label', 'set parameters.namespace');
    } else if (p.namespace !== undefined) {
      fail(this, 'parameters.namespace is only allowed with scope Namespace', p.namespace, 'scope: "Namespace"', 'remove namespace or set scope to Namespace');
    }
  }

  protected extraAnnotations(): Record<string, string> | undefined {
    return this.isDefaultClass ? { [DEFAULT_INGRESS_CLASS_ANNOTATION]: 'true' } : undefined;
  }

  protected renderBody(): Record<string, unknown> {
    const spec: Record<string, unknown> = { controller: this.controller };
    const p = this.parameters;
    if (p) {
      const scope = p.scope ?? 'Cluster';
      spec.parameters = { ...(p.apiGroup ? { apiGroup: p.apiGroup } : {}), kind: p.kind, name: p.name, scope, ...(scope === 'Namespace' ? { namespace: p.namespace } : {}) };
    }
    return { spec };
  }
}
