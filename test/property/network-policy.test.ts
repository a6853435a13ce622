/**
 * Property tests for NetworkPolicy: random valid policies (workload, label-selector, namespace, ipBlock and
 * any peers; port numbers, ranges and names) synthesize with no error finding for the target version; random
 * invalid input throws KubeforgeError at construction or yields an error finding.
 */
import * as fc from 'fast-check';
import { App, Chart, Deployment, KubeforgeError, Namespace, NetworkPolicy, NetworkPolicyPeer, PolicyType } from '../../lib';
import { TEST_OUTDIR } from '../constructs/util';
import { badPortName, badPortNumber, dnsLabel, FC, ipBlock, labelKey, nonCanonicalCidr, portNumber } from './network-arbitraries';
import { buildPolicyApp, container, PORT_NAMES, policySpec } from './network-apps';

function errorsOf(app: App): string[] {
  return app.synthesize({ validate: true }).issues.filter((i) => i.severity === 'error').map((i) => `${i.ruleId}: ${i.message}`);
}

describe('NetworkPolicy (property)', () => {
  test('random valid props synthesize with no error finding, and names never contain "undefined"', () => {
    fc.assert(
      fc.property(policySpec, (s) => {
        const app = buildPolicyApp(s);
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
