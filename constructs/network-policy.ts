/**
 * NetworkPolicy (networking.k8s.io/v1) as intent: pick the pods (a workload or a label selector), then say who may
 * reach them and whom they may reach:
 *
 *   new NetworkPolicy(chart, 'web', { podSelector: web }).allowFrom(frontend, 8080);
 *   NetworkPolicy.denyAll(chart, 'isolate', { namespace: shop });
 *
 * Workload peers are selected by their own selector labels, and a workload in another namespace gets the
 * namespaceSelector that Kubernetes needs, so a rule never silently matches nothing.
 */
import { Construct, IConstruct } from 'constructs';
import { crossNamespaceProblem, INamespace, isKubeObject, KubeObject, KubeObjectProps, namespaceOf } from '../lib/app/object';
import { Protocol } from '../lib/app/k8s-types';
import { checkIntRange, checkOneOf, checkPort, fail } from '../lib/util/check';
import { hasHostBits, isStrictSubset, parseCidr } from '../lib/util/ip';
import { checkPortName } from '../lib/util/names';
import { checkLabelSelector as checkSelector, IPodSelector, isPodSelector, LabelSelector, renderLabelSelector as renderSelector } from './selection';

/** Kubernetes sets this label on every namespace (since 1.21), which lets a policy select one by name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicyPort {
  /** A port number, or a named container port. @default - every port */
  readonly port?: number | string;
  /** With a numeric port: allows the range port..endPort. @default - the single port */
  readonly endPort?: number;
  /** @default 'TCP' */
  readonly protocol?: Protocol;
}

type PeerJson = Record<string, unknown>;

function namespaceSelectorFor(ns: INamespace | LabelSelector): LabelSelector {
  return isNamespace(ns) ? { matchLabels: { [NAMESPACE_NAME_LABEL]: ns.name } } : ns;
}

function isNamespace(x: INamespace | LabelSelector): x is INamespace {
  return 'node' in x && typeof (x as INamespace).name === 'string';
}

/** Who traffic comes from (ingress) or goes to (egress), other than a workload (pass those directly). */
export class NetworkPolicyPeer {
  /**
   * Pods matching `selector`, in the policy's own namespace, in `namespaces` (a Namespace object or a namespace
   * label selector; `{}` means every namespace).
   */
  public static pods(selector: LabelSelector, namespaces?: INamespace | LabelSelector): NetworkPolicyPeer {
    return new NetworkPolicyPeer((where) => {
      checkSelector(where, 'peer podSelector', selector);
      if (namespaces && !isNamespace(namespaces)) checkSelector(where, 'peer namespaceSelector', namespaces);
      return { podSelector: renderSelector(selector), ...(namespaces ? { namespaceSelector: renderSelector(namespaceSelectorFor(namespaces)) } : {}) };
    });
  }

  /** Every pod in a namespace. */
  public static namespace(namespace: INamespace): NetworkPolicyPeer {
    return new NetworkPolicyPeer(() => ({ namespaceSelector: renderSelector(namespaceSelectorFor(namespace)) }));
  }

  /** Every pod in the namespaces matching `selector` (`{}`: every namespace). */
  public static namespaces(selector: LabelSelector): NetworkPolicyPeer {
    return new NetworkPolicyPeer((where) => {
      checkSelector(where, 'peer namespaceSelector', selector);
      return { namespaceSelector: renderSelector(selector) };
    });
  }

  /** Addresses in `cidr` except the `except` ranges, which must lie strictly inside it. */
  public static ipBlock(cidr: string, except: readonly string[] = []): NetworkPolicyPeer {
    return new NetworkPolicyPeer((where) => {
      // Leading zeros in an address ("010.0.0.0/8") are ambiguous, and the API server (1.36+) rejects them.
      const outer = parseCidr(cidr);
      if (!outer || outer.ip.sloppy) fail(where, 'ipBlock cidr is not a CIDR', cidr, 'an IPv4 or IPv6 CIDR such as "10.0.0.0/8" or "fd00::/8"', 'write the range in CIDR notation', 'cidr');
      if (hasHostBits(outer)) fail(where, 'ipBlock cidr has bits set after the prefix', cidr, 'the network address of the range', 'write the first address of the range, e.g. "10.0.0.0/8" instead of "10.1.2.3/8"', 'cidr');
      for (const e of except) {
        const inner = parseCidr(e);
        if (!inner || inner.ip.sloppy || hasHostBits(inner)) fail(where, 'an ipBlock except entry is not a canonical CIDR', e, 'a CIDR such as "10.1.0.0/16"', 'write the range in CIDR notation', 'cidr');
        if (!isStrictSubset(inner, outer)) fail(where, `an ipBlock except entry is not strictly inside ${cidr}`, e, `a smaller range inside ${cidr}`, 'remove it, or widen cidr', 'cidr');
      }
      return { ipBlock: { cidr, ...(except.length ? { except: [...except] } : {}) } };
    });
  }

  /** Any source or destination: the rule then only restricts ports. */
  public static any(): NetworkPolicyPeer {
    return new NetworkPolicyPeer(() => undefined);
  }

  private constructor(private readonly build: (where: IConstruct) => PeerJson | undefined) {}

  /** @internal checked when the peer is added; undefined for `any()`. */
  public _render(where: IConstruct): PeerJson | undefined {
    return this.build(where);
  }
}

/** A workload (its pods, wherever it lives) or another peer. */
export type NetworkPolicyPeerLike = IPodSelector | NetworkPolicyPeer;

export interface NetworkPolicyIngressRule {
  /** @default - any source */
  readonly from?: readonly NetworkPolicyPeerLike[];
  /** @default - every port */
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  /** @default - any destination */
  readonly to?: readonly NetworkPolicyPeerLike[];
  /** @default - every port */
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyProps extends KubeObjectProps {
  /**
   * The pods the policy applies to: a workload, or a label selector.
   * @default - every pod in the namespace
   */
  readonly podSelector?: IPodSelector | LabelSelector;
  /**
   * The directions in which the selected pods are isolated (traffic no rule allows is dropped). A direction that
   * has rules is always included, since Kubernetes ignores rules for a direction not listed.
   * @default - 'Ingress' when there are no rules, else the directions that have rules
   */
  readonly policyTypes?: readonly PolicyType[];
  /** @default - none; add with allowFrom() */
  readonly ingress?: readonly NetworkPolicyIngressRule[];
  /** @default - none; add with allowTo() */
  readonly egress?: readonly NetworkPolicyEgressRule[];
  /**
   * The namespace. @default - the selected workload's namespace object when it has one, else the chart's
   */
  readonly namespace?: INamespace;
}

export interface DenyAllProps extends Omit<NetworkPolicyProps, 'ingress' | 'egress' | 'policyTypes'> {
  /** @default - both Ingress and Egress */
  readonly policyTypes?: readonly PolicyType[];
}

interface Rule {
  readonly peers: NetworkPolicyPeerLike[];
  readonly ports: NetworkPolicyPort[];
}

export class NetworkPolicy extends KubeObject {
  /**
   * Default-deny: isolates the selected pods (default: the whole namespace) in the given directions, with no rule
   * allowing anything. Add allow policies for the traffic you want.
   */
  public static denyAll(scope: Construct, id: string, props: DenyAllProps = {}): NetworkPolicy {
    return new NetworkPolicy(scope, id, { ...props, policyTypes: props.policyTypes ?? ['Ingress', 'Egress'] });
  }

  private readonly selected?: IPodSelector;
  private readonly selector?: LabelSelector;
  private readonly policyTypes: readonly PolicyType[];
  private readonly ingress: Rule[] = [];
  private readonly egress: Rule[] = [];

  constructor(scope: Construct, id: string, props: NetworkPolicyProps = {}) {
    const target = props.podSelector;
    const inherited = isPodSelector(target) && isKubeObject(target) ? target.namespaceObject : undefined;
    super(scope, id, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespaced: true }, { ...props, namespace: props.namespace ?? inherited });
    if (isPodSelector(target)) this.selected = target;
    else if (target !== undefined) {
      checkSelector(this, 'podSelector', target);
      this.selector = target;
    }
    for (const t of props.policyTypes ?? []) checkOneOf(this, 'policyTypes', t, ['Ingress', 'Egress']);
    this.policyTypes = props.policyTypes ?? [];
    for (const r of props.ingress ?? []) this.addRule(this.ingress, r.from ?? [NetworkPolicyPeer.any()], r.ports ?? []);
    for (const r of props.egress ?? []) this.addRule(this.egress, r.to ?? [NetworkPolicyPeer.any()], r.ports ?? []);
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** Allows traffic from `peer` to the selected pods, on `ports` (numbers or port specs; none: every port). */
  public allowFrom(peer: NetworkPolicyPeerLike, ...ports: (number | NetworkPolicyPort)[]): this {
    this.addRule(this.ingress, [peer], ports.map((p) => (typeof p === 'number' ? { port: p } : p)));
    return this;
  }

  /** Allows traffic from the selected pods to `peer`, on `ports` (numbers or port specs; none: every port). */
  public allowTo(peer: NetworkPolicyPeerLike, ...ports: (number | NetworkPolicyPort)[]): this {
    this.addRule(this.egress, [peer], ports.map((p) => (typeof p === 'number' ? { port: p } : p)));
    return this;
  }

  private addRule(rules: Rule[], peers: readonly NetworkPolicyPeerLike[], ports: readonly NetworkPolicyPort[]): void {
    for (const p of peers) {
      if (!isPodSelector(p) && !(p instanceof NetworkPolicyPeer)) {
        fail(this, 'a peer must be a workload or a NetworkPolicyPeer', p, 'a Deployment, Pod, ... or NetworkPolicyPeer.pods/namespace/namespaces/ipBlock/any', 'wrap label selectors with NetworkPolicyPeer.pods(...)');
      }
      if (p instanceof NetworkPolicyPeer) p._render(this);
    }
    if (peers.some((p) => p instanceof NetworkPolicyPeer && p._render(this) === undefined) && peers.length > 1) {
      fail(this, 'NetworkPolicyPeer.any() cannot be combined with other peers', peers.length, 'any() alone', 'use any() on its own rule');
    }
    for (const p of ports) this.checkPort(p);
    rules.push({ peers: [...peers], ports: ports.map((p) => ({ ...p })) });
  }

  private checkPort(p: NetworkPolicyPort): void {
    checkOneOf(this, 'protocol', p.protocol, ['TCP', 'UDP', 'SCTP']);
    if (typeof p.port === 'number') checkPort(this, 'port', p.port);
    else if (p.port !== undefined) {
      const bad = typeof p.port === 'string' ? checkPortName(p.port) : 'a port number or name';
      if (bad) fail(this, 'port is neither a port number nor a valid port name', p.port, bad, 'use the container port number or its name');
    }
    if (p.endPort !== undefined) {
      if (typeof p.port !== 'number') fail(this, 'endPort needs a numeric port to start the range', p.port, 'port: <number> with endPort', 'set port to the first port of the range');
      checkIntRange(this, 'endPort', p.endPort, p.port, 65535, `set endPort from ${p.port} to 65535`);
    }
  }

  /** The workloads whose pods receive traffic under a rule, when all of them are known. */
  private receivers(rule: Rule, direction: PolicyType): IPodSelector[] {
    if (direction === 'Ingress') return this.selected ? [this.selected] : [];
    return rule.peers.every(isPodSelector) ? (rule.peers as IPodSelector[]) : [];
  }

  private validate(): string[] {
    const errors: string[] = [];
    if (this.selected) {
      const cross = crossNamespaceProblem(this, this.selected, 'selects the pods of');
      if (cross) errors.push(cross);
    }
    const dirs: [PolicyType, Rule[]][] = [['Ingress', this.ingress], ['Egress', this.egress]];
    for (const [dir, rules] of dirs) {
      for (const rule of rules) {
        for (const p of rule.peers) if (isPodSelector(p)) errors.push(...this.peerNamespaceProblem(p));
        for (const w of this.receivers(rule, dir)) {
          const names = new Set(w.containers.flatMap((c) => c.portList.map((cp) => cp.name)).filter(Boolean));
          for (const port of rule.ports) {
            if (typeof port.port === 'string' && !names.has(port.port)) {
              errors.push(`${this.node.path}: the ${dir.toLowerCase()} rule names port "${port.port}", which no container of ${w.node.path} has (named ports: ${[...names].join(', ') || 'none'}), so it matches nothing. Fix: use one of those names or a port number.`);
            }
          }
        }
      }
    }
    return errors;
  }

  /** A workload peer's namespace must be known relative to the policy's, or its namespaceSelector would be a guess. */
  private peerNamespaceProblem(peer: IPodSelector): string[] {
    const mine = namespaceOf(this);
    const theirs = namespaceOf(peer);
    if (!isKubeObject(peer) || mine === theirs || theirs !== undefined) return [];
    return [`${this.node.path}: the peer ${peer.node.path} has no namespace while this policy is in namespace ${mine}, so it is unknown which namespace its pods run in. Fix: give the workload a namespace (namespace: on it or its Chart).`];
  }

  private renderPeer(p: NetworkPolicyPeerLike): PeerJson | undefined {
    if (!isPodSelector(p)) return p._render(this);
    const out: PeerJson = { podSelector: { matchLabels: { ...p.selectorLabels } } };
    const theirs = namespaceOf(p);
    if (theirs !== undefined && theirs !== namespaceOf(this)) out.namespaceSelector = { matchLabels: { [NAMESPACE_NAME_LABEL]: theirs } };
    return out;
  }

  private renderRule(rule: Rule, peerField: 'from' | 'to'): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const peers = rule.peers.map((p) => this.renderPeer(p)).filter((p): p is PeerJson => p !== undefined);
    if (peers.length) out[peerField] = peers;
    if (rule.ports.length) {
      out.ports = rule.ports.map((p) => ({ protocol: p.protocol ?? 'TCP', ...(p.port !== undefined ? { port: p.port } : {}), ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) }));
    }
    return out;
  }

  protected renderBody(): Record<string, unknown> {
    const types = new Set<PolicyType>(this.policyTypes);
    if (this.ingress.length) types.add('Ingress');
    if (this.egress.length) types.add('Egress');
    if (types.size === 0) types.add('Ingress');
    const spec: Record<string, unknown> = {
      podSelector: this.selected ? { matchLabels: { ...this.selected.selectorLabels } } : renderSelector(this.selector ?? {}),
      policyTypes: (['Ingress', 'Egress'] as const).filter((t) => types.has(t)),
    };
    if (this.ingress.length) spec.ingress = this.ingress.map((r) => this.renderRule(r, 'from'));
    if (this.egress.length) spec.egress = this.egress.map((r) => this.renderRule(r, 'to'));
    return { spec };
  }
}
