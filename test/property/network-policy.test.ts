/**
 * Property tests for NetworkPolicy: random valid policies (workload, label-selector, namespace, ipBlock and
 * any peers; port numbers, ranges and names) synthesize with no error finding for the target version; random
 * invalid input throws KubeforgeError at construction or yields an error finding.
 */
import * as fc from 'fast-check';
import { App, Chart, Deployment, INamespace, KubeforgeError, Namespace, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPeerLike, NetworkPolicyPort, PolicyType } from '../../lib';
import { TEST_OUTDIR } from '../constructs/util';
import { badPortName, badPortNumber, dnsLabel, FC, ipBlock, k8sVersion, labelKey, labels, labelSelector, nonCanonicalCidr, portNumber } from './network-arbitraries';

const PORT_NAMES = ['http', 'metrics'];
const container = { image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }] };

const peerSpec = fc.oneof(
  fc.record({ kind: fc.constant('workload' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('pods' as const), selector: labelSelector, ns: fc.oneof(fc.constant(undefined), fc.nat(), labelSelector) }),
  fc.record({ kind: fc.constant('namespace' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('namespaces' as const), selector: labelSelector }),
  fc.record({ kind: fc.constant('ipBlock' as const), block: ipBlock }),
);
const portSpec: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record({ port: portNumber, protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const, undefined) }),
  fc.tuple(portNumber, fc.nat(), fc.constantFrom('TCP' as const, 'UDP' as const)).map(([port, d, protocol]) => ({ port, endPort: Math.min(65535, port + (d % 1000)), protocol })),
  fc.record({ port: fc.constantFrom(...PORT_NAMES) }),
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const) }),
);
const ruleSpec = fc.record({ peers: fc.oneof(fc.constant('any' as const), fc.array(peerSpec, { minLength: 1, maxLength: 3 })), ports: fc.array(portSpec, { maxLength: 3 }), viaMethod: fc.boolean() });
const policySpec = fc.record({
  version: k8sVersion,
  namespaces: fc.uniqueArray(dnsLabel.filter((n) => n !== 'shop'), { minLength: 1, maxLength: 3 }),
  workloads: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  target: fc.oneof(fc.constant('none' as const), fc.constant('workload' as const), labelSelector),
  policyTypes: fc.option(fc.subarray<PolicyType>(['Ingress', 'Egress']), { nil: undefined }),
  ingress: fc.array(ruleSpec, { maxLength: 3 }),
  egress: fc.array(ruleSpec, { maxLength: 3 }),
  denyAll: fc.boolean(),
  labels,
});
type Spec = typeof policySpec extends fc.Arbitrary<infer T> ? T : never;
type PeerSpec = typeof peerSpec extends fc.Arbitrary<infer T> ? T : never;

function build(s: Spec): App {
  const app = new App({ outdir: TEST_OUTDIR, k8sVersion: s.version });
  const chart = new Chart(app, 'p', { namespace: 'shop' });
  const namespaces: INamespace[] = s.namespaces.map((n, i) => (i % 2 ? Namespace.fromName(chart, `ns${i}`, n) : new Namespace(chart, `ns${i}`, { name: n })));
  // Workload 0 lives in the chart's namespace (the policy selects it); the others anywhere.
  const workloads = s.workloads.map((w, i) => new Deployment(chart, `w${i}`, { namespace: i === 0 || w % 2 === 0 ? undefined : namespaces[w % namespaces.length], containers: [container] }));
  const peer = (p: PeerSpec): NetworkPolicyPeerLike => {
    switch (p.kind) {
      case 'workload':
        return workloads[p.index % workloads.length];
      case 'pods':
        return NetworkPolicyPeer.pods(p.selector, typeof p.ns === 'number' ? namespaces[p.ns % namespaces.length] : p.ns);
      case 'namespace':
        return NetworkPolicyPeer.namespace(namespaces[p.index % namespaces.length]);
      case 'namespaces':
        return NetworkPolicyPeer.namespaces(p.selector);
      case 'ipBlock':
        return NetworkPolicyPeer.ipBlock(p.block.cidr, p.block.except);
    }
  };
  const peers = (r: Spec['ingress'][number]) => (r.peers === 'any' ? [NetworkPolicyPeer.any()] : r.peers.map(peer));
  const podSelector = s.target === 'none' ? undefined : s.target === 'workload' ? workloads[0] : s.target;
  if (s.denyAll) NetworkPolicy.denyAll(chart, 'deny', { podSelector, labels: s.labels });
  const policy = new NetworkPolicy(chart, 'np', {
    podSelector,
    policyTypes: s.policyTypes,
    labels: s.labels,
    ingress: s.ingress.filter((r) => !r.viaMethod).map((r) => ({ from: peers(r), ports: r.ports })),
    egress: s.egress.filter((r) => !r.viaMethod).map((r) => ({ to: peers(r), ports: r.ports })),
  });
  for (const r of s.ingress.filter((x) => x.viaMethod)) for (const p of peers(r)) policy.allowFrom(p, ...r.ports);
  for (const r of s.egress.filter((x) => x.viaMethod)) for (const p of peers(r)) policy.allowTo(p, ...r.ports);
  return app;
}

function errorsOf(app: App): string[] {
  return app.synthesize({ validate: true }).issues.filter((i) => i.severity === 'error').map((i) => `${i.ruleId}: ${i.message}`);
}

describe('NetworkPolicy (property)', () => {
  test('random valid props synthesize with no error finding, and names never contain "undefined"', () => {
    fc.assert(
      fc.property(policySpec, (s) => {
        const app = build(s);
        expect(errorsOf(app)).toEqual([]);
        for (const c of app.synthesize({ validate: false }).charts) for (const o of c.objects) expect(o.json.metadata.name).not.toContain('undefined');
      }),
      FC,
    );
  });

  /** Each invalid input is applied to a fresh policy on a workload in the chart's namespace. */
  type Break = (policy: NetworkPolicy, chart: Chart, web: Deployment) => void;
  const invalid: fc.Arbitrary<Break> = fc.oneof(
    badPortNumber.map((n): Break => (p, _c, web) => p.allowFrom(web, { port: n })),
    badPortName.map((n): Break => (p, _c, web) => p.allowFrom(web, { port: n })),
    fc.tuple(portNumber.filter((n) => n > 1), fc.integer({ min: 1, max: 65534 })).map(([port, d]): Break => (p, _c, web) => p.allowFrom(web, { port, endPort: port - 1 - (d % (port - 1)) })),
    fc.integer({ min: 65536 }).map((end): Break => (p, _c, web) => p.allowFrom(web, { port: 80, endPort: end })),
    fc.constantFrom(...PORT_NAMES).map((name): Break => (p, _c, web) => p.allowFrom(web, { port: name, endPort: 9000 })),
    fc.stringMatching(/^[a-z]{3,10}$/).filter((n) => !PORT_NAMES.includes(n)).map((name): Break => (p, _c, web) => p.allowFrom(web, { port: name })),
    fc.constantFrom('ICMP', 'tcp', 'HTTP', '').map((proto): Break => (p, _c, web) => p.allowFrom(web, { port: 80, protocol: proto as 'TCP' })),
    // A CIDR with host bits set, or an except range not strictly inside it.
    nonCanonicalCidr.map((cidr): Break => (p) => p.allowTo(NetworkPolicyPeer.ipBlock(cidr))),
    ipBlock.map((b): Break => (p) => p.allowTo(NetworkPolicyPeer.ipBlock(b.cidr, [b.cidr]))),
    fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^[0-9a-fA-F.:]+\/\d+$/.test(s)).map((cidr): Break => (p) => p.allowTo(NetworkPolicyPeer.ipBlock(cidr))),
    fc.tuple(labelKey, fc.constantFrom('In' as const, 'NotIn' as const)).map(([key, operator]): Break => (p) => p.allowFrom(NetworkPolicyPeer.namespaces({ matchExpressions: [{ key, operator }] }))),
    fc.tuple(labelKey, fc.constantFrom('Exists' as const, 'DoesNotExist' as const), dnsLabel).map(([key, operator, v]): Break => (p) => p.allowFrom(NetworkPolicyPeer.pods({ matchExpressions: [{ key, operator, values: [v] }] }))),
    fc.string({ minLength: 1, maxLength: 10 }).filter((k) => /[^-A-Za-z0-9_./]/.test(k)).map((k): Break => (p) => p.allowFrom(NetworkPolicyPeer.pods({ matchLabels: { [k]: 'x' } }))),
    fc.stringMatching(/^[a-z]{1,5} [a-z]{1,5}$/).map((v): Break => (p) => p.allowFrom(NetworkPolicyPeer.pods({ matchLabels: { app: v } }))),
    fc.constant<Break>((p) => p.allowFrom({} as never)),
    fc.constant<Break>((_p, c, web) => new NetworkPolicy(c, 'q', { ingress: [{ from: [NetworkPolicyPeer.any(), web] }] })),
    fc.constantFrom('Both', 'ingress', '').map((t): Break => (_p, c) => new NetworkPolicy(c, 'q', { policyTypes: [t as PolicyType] })),
    // Selecting a workload of another namespace, or a peer whose namespace is unknown.
    dnsLabel.map((n): Break => (_p, c) => new NetworkPolicy(c, 'q', { podSelector: new Deployment(c, 'other', { namespace: Namespace.fromName(c, 'o', `${n}-x`), containers: [container] }), namespace: Namespace.fromName(c, 'm', 'shop') })),
  );

  test('random invalid props throw KubeforgeError or yield an error finding', () => {
    fc.assert(
      fc.property(invalid, (breakIt) => {
        const app = new App({ outdir: TEST_OUTDIR });
        const chart = new Chart(app, 'p', { namespace: 'shop' });
        const web = new Deployment(chart, 'web', { containers: [container] });
        try {
          breakIt(new NetworkPolicy(chart, 'np', { podSelector: web }), chart, web);
        } catch (e) {
          expect(e).toBeInstanceOf(KubeforgeError);
          return;
        }
        expect(errorsOf(app).length).toBeGreaterThan(0);
      }),
      FC,
    );
  });
});
