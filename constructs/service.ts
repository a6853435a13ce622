/**
 * Service (v1): ClusterIP, NodePort, LoadBalancer, headless and ExternalName, with named ports. Select pods
 * by passing the workload object; the selector is the workload's own, so it always matches.
 */
import { Construct } from 'constructs';
import { crossNamespaceProblem, KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkPort, fail, checkOneOf } from '../lib/util/check';
import { checkPortName, isDns1123Subdomain } from '../lib/util/names';
import { Protocol } from '../lib/app/k8s-types';
import { IPodSelector } from './selection';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServicePort {
  /** The port clients connect to. */
  readonly port: number;
  /** The container port, by number or by name. @default - same as `port` */
  readonly targetPort?: number | string;
  /** Required when the Service has more than one port. @default - none */
  readonly name?: string;
  /** @default 'TCP' */
  readonly protocol?: Protocol;
  /** NodePort/LoadBalancer only, 30000-32767. @default - allocated by the cluster */
  readonly nodePort?: number;
  /** @default - none */
  readonly appProtocol?: string;
}

export interface ServiceProps extends KubeObjectProps {
  /** @default 'ClusterIP' */
  readonly type?: ServiceType;
  /** @default - none; add with addPort() or by exposing a workload */
  readonly ports?: readonly ServicePort[];
  /** The workload whose pods this Service routes to. @default - none (no endpoints unless managed elsewhere) */
  readonly selector?: IPodSelector;
  /** A headless Service (clusterIP: None): DNS returns the pod IPs. @default false */
  readonly headless?: boolean;
  /** The DNS name an ExternalName Service aliases. Required for type ExternalName. @default - none */
  readonly externalName?: string;
  /** @default - Kubernetes' default (None) */
  readonly sessionAffinity?: 'None' | 'ClientIP';
  /** NodePort/LoadBalancer only. @default - Kubernetes' default (Cluster) */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  /** @default - Kubernetes' default (Cluster) */
  readonly internalTrafficPolicy?: 'Cluster' | 'Local';
  /** LoadBalancer only: client CIDRs allowed. @default - all */
  readonly loadBalancerSourceRanges?: readonly string[];
  /** @default - the cluster's default load balancer implementation */
  readonly loadBalancerClass?: string;
  /** @default false */
  readonly publishNotReadyAddresses?: boolean;
}

const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/;

export class Service extends KubeObject {
  public readonly type: ServiceType;
  private readonly config: ServiceProps;
  private readonly ports: ServicePort[] = [];
  private selected?: IPodSelector;

  constructor(scope: Construct, id: string, props: ServiceProps = {}) {
    super(scope, id, { apiVersion: 'v1', kind: 'Service', namespaced: true }, props);
    this.type = props.type ?? 'ClusterIP';
    this.config = props;
    checkOneOf(this, 'type', this.type, ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
    checkOneOf(this, 'sessionAffinity', props.sessionAffinity, ['None', 'ClientIP']);
    if (this.type === 'ExternalName') {
      if (!props.externalName || !isDns1123Subdomain(props.externalName.replace(/\.$/, ''))) {
        fail(this, 'an ExternalName Service needs externalName set to a DNS name', props.externalName, 'a DNS-1123 subdomain such as "db.example.com"', 'set externalName');
      }
      if (props.selector) fail(this, 'an ExternalName Service cannot select pods', props.selector.node.path, 'no selector', 'remove the selector, or use type ClusterIP');
      if (props.headless) fail(this, 'an ExternalName Service cannot be headless', true, 'headless with ClusterIP only', 'remove headless');
    } else if (props.externalName !== undefined) {
      fail(this, `externalName is only used by type ExternalName, not ${this.type}`, props.externalName, 'type: "ExternalName"', 'remove externalName or set type ExternalName');
    }
    if (props.headless && this.type !== 'ClusterIP') {
      fail(this, `a headless Service must be type ClusterIP, not ${this.type}`, this.type, 'ClusterIP', 'remove type, or drop headless');
    }
    if (props.externalTrafficPolicy && this.type !== 'NodePort' && this.type !== 'LoadBalancer') {
      fail(this, 'externalTrafficPolicy applies only to NodePort and LoadBalancer Services', props.externalTrafficPolicy, 'type NodePort or LoadBalancer', 'remove externalTrafficPolicy');
    }
    if (props.loadBalancerSourceRanges) {
      if (this.type !== 'LoadBalancer') fail(this, 'loadBalancerSourceRanges applies only to LoadBalancer Services', props.loadBalancerSourceRanges, 'type LoadBalancer', 'remove it or set type LoadBalancer');
      for (const r of props.loadBalancerSourceRanges) if (!CIDR.test(r)) fail(this, 'a load balancer source range is not a CIDR', r, 'CIDRs like 10.0.0.0/8', 'write the range in CIDR notation');
    }
    for (const p of props.ports ?? []) this.addPort(p);
    if (props.selector) this.select(props.selector);
    this.node.addValidation({ validate: () => this.validate() });
  }

  public addPort(port: ServicePort): void {
    checkPort(this, 'port', port.port);
    checkOneOf(this, 'protocol', port.protocol, ['TCP', 'UDP', 'SCTP']);
    if (typeof port.targetPort === 'number') checkPort(this, 'targetPort', port.targetPort);
    else if (port.targetPort !== undefined) {
      const bad = checkPortName(port.targetPort);
      if (bad) fail(this, 'targetPort is neither a port number nor a valid port name', port.targetPort, bad, 'use the container port number or its name');
    }
    if (port.nodePort !== undefined) {
      if (this.type !== 'NodePort' && this.type !== 'LoadBalancer') {
        fail(this, `nodePort is only allowed on NodePort and LoadBalancer Services, not ${this.type}`, port.nodePort, 'type NodePort or LoadBalancer', 'remove nodePort or change the type');
      }
      if (!Number.isInteger(port.nodePort) || port.nodePort < NODE_PORT_MIN || port.nodePort > NODE_PORT_MAX) {
        fail(this, 'nodePort is outside the default node port range', port.nodePort, `${NODE_PORT_MIN}-${NODE_PORT_MAX}`, 'omit nodePort to let the cluster pick one', 'port-range');
      }
    }
    if (port.name !== undefined) {
      const bad = checkPortName(port.name);
      if (bad) fail(this, 'the port name is not valid', port.name, bad, 'use a short name such as "http"', 'port-name');
      if (this.ports.some((p) => p.name === port.name)) fail(this, 'two ports have the same name', port.name, 'unique port names', 'rename one port', 'port-name');
    }
    const proto = port.protocol ?? 'TCP';
    if (this.ports.some((p) => p.port === port.port && (p.protocol ?? 'TCP') === proto)) {
      fail(this, 'the same port and protocol appear twice', port.port, 'each port/protocol once', 'remove the duplicate port', 'port-range');
    }
    this.ports.push(port);
  }

  /** Routes this Service to the workload's pods. */
  public select(workload: IPodSelector): void {
    if (this.type === 'ExternalName') fail(this, 'an ExternalName Service cannot select pods', workload.node.path, 'no selector', 'use type ClusterIP');
    this.selected = workload;
  }

  /** The ports added so far (Ingress backends check theirs against these at synth). */
  public get portList(): readonly ServicePort[] {
    return this.ports;
  }

  /** True for a headless Service (clusterIP: None). */
  public get headless(): boolean {
    return this.config.headless === true;
  }

  /** The in-cluster DNS name (`name.namespace.svc`), when the namespace is known. */
  public get dnsName(): string {
    const ns = this.metadata.namespace;
    return ns ? `${this.name}.${ns}.svc` : this.name;
  }

  private validate(): string[] {
    const errors: string[] = [];
    if (this.type !== 'ExternalName' && this.ports.length === 0 && !this.config.headless) {
      errors.push(`${this.node.path}: the Service has no ports. Fix: pass ports, call addPort(), or make it headless.`);
    }
    if (this.ports.length > 1) {
      for (const p of this.ports) if (!p.name) errors.push(`${this.node.path}: port ${p.port} has no name, but a Service with several ports must name each one. Fix: add name (e.g. "http").`);
    }
    if (this.selected) {
      const cross = crossNamespaceProblem(this, this.selected, 'selects the pods of');
      if (cross) errors.push(cross);
      const names = new Set(this.selected.containers.flatMap((c) => c.portList.map((p) => p.name)).filter(Boolean));
      for (const p of this.ports) {
        if (typeof p.targetPort === 'string' && !names.has(p.targetPort)) {
          errors.push(`${this.node.path}: targetPort "${p.targetPort}" names no container port of ${this.selected.node.path} (named ports: ${[...names].join(', ') || 'none'}). Fix: use one of those names or a port number.`);
        }
      }
    }
    return errors;
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const spec: Record<string, unknown> = {};
    if (this.type !== 'ClusterIP') spec.type = this.type;
    if (p.headless) spec.clusterIP = 'None';
    if (this.type === 'ExternalName') spec.externalName = p.externalName;
    if (this.selected) spec.selector = { ...this.selected.selectorLabels };
    if (this.ports.length) {
      spec.ports = this.ports.map((x) => {
        const o: Record<string, unknown> = {};
        if (x.name) o.name = x.name;
        o.port = x.port;
        o.targetPort = x.targetPort ?? x.port;
        if (x.protocol) o.protocol = x.protocol;
        if (x.nodePort !== undefined) o.nodePort = x.nodePort;
        if (x.appProtocol) o.appProtocol = x.appProtocol;
        return o;
      });
    }
    if (p.sessionAffinity) spec.sessionAffinity = p.sessionAffinity;
    if (p.externalTrafficPolicy) spec.externalTrafficPolicy = p.externalTrafficPolicy;
    if (p.internalTrafficPolicy) spec.internalTrafficPolicy = p.internalTrafficPolicy;
    if (p.loadBalancerSourceRanges) spec.loadBalancerSourceRanges = [...p.loadBalancerSourceRanges];
    if (p.loadBalancerClass) spec.loadBalancerClass = p.loadBalancerClass;
    if (p.publishNotReadyAddresses) spec.publishNotReadyAddresses = true;
    return { spec };
  }
}
