import { Deployment, Namespace, NetworkPolicy, NetworkPolicyPeer } from '../../lib';
import { expectKubeforgeError, expectSynthError, newChart, objectsOfKind, oneOfKind } from './util';

const app1 = { image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }] };

function setup(chartProps = {}) {
  const t = newChart(chartProps);
  const web = new Deployment(t.chart, 'web', { containers: [app1] });
  const frontend = new Deployment(t.chart, 'frontend', { containers: [{ image: 'nginx:1.27' }] });
  return { ...t, web, frontend };
}

describe('NetworkPolicy', () => {
  test('allowFrom a workload selects both sides by their own selector labels, with ports', () => {
    const { app, chart, web, frontend } = setup({ namespace: 'shop' });
    new NetworkPolicy(chart, 'web-in', { podSelector: web }).allowFrom(frontend, 8080, { port: 'http', protocol: 'TCP' });
    const o = oneOfKind(app, 'NetworkPolicy');
    expect(o.apiVersion).toBe('networking.k8s.io/v1');
    expect(o.metadata.namespace).toBe('shop');
    expect(o.spec).toEqual({
      podSelector: { matchLabels: web.selectorLabels },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: frontend.selectorLabels } }], ports: [{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 'http' }] }],
    });
  });

  test('the selected pods match the workload\'s pod template labels', () => {
    const { app, chart, web } = setup();
    new NetworkPolicy(chart, 'p', { podSelector: web });
    const [dep] = objectsOfKind(app, 'Deployment');
    const sel = oneOfKind(app, 'NetworkPolicy').spec.podSelector.matchLabels;
    for (const [k, v] of Object.entries(sel)) expect(dep.spec.template.metadata.labels[k]).toBe(v);
  });

  test('a workload peer in another namespace gets a namespaceSelector on kubernetes.io/metadata.name', () => {
    const { app, chart, web } = setup({ namespace: 'shop' });
    const ops = new Namespace(chart, 'ops', { name: 'ops' });
    const prom = new Deployment(chart, 'prom', { namespace: ops, containers: [{ image: 'prom/prometheus:v2.53.0' }] });
    new NetworkPolicy(chart, 'p', { podSelector: web }).allowFrom(prom, { port: 'http' });
    expect(oneOfKind(app, 'NetworkPolicy').spec.ingress[0].from).toEqual([
      { podSelector: { matchLabels: prom.selectorLabels }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } },
    ]);
  });

  test('egress to an ipBlock with except, a port range, namespaces and label-selected pods', () => {
    const { app, chart, web } = setup();
    const db = Namespace.fromName(chart, 'db', 'databases');
    new NetworkPolicy(chart, 'out', { podSelector: web })
      .allowTo(NetworkPolicyPeer.ipBlock('10.0.0.0/8', ['10.1.0.0/16', '10.2.3.0/24']), { port: 5000, endPort: 5100, protocol: 'UDP' })
      .allowTo(NetworkPolicyPeer.pods({ matchLabels: { app: 'postgres' } }, db), 5432)
      .allowTo(NetworkPolicyPeer.namespaces({ matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] }))
      .allowTo(NetworkPolicyPeer.ipBlock('fd00::/8', ['fd00:1::/32']))
      .allowTo(NetworkPolicyPeer.any(), { port: 53, protocol: 'UDP' });
    const spec = oneOfKind(app, 'NetworkPolicy').spec;
    expect(spec.policyTypes).toEqual(['Egress']);
    expect(spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.3.0/24'] } }], ports: [{ protocol: 'UDP', port: 5000, endPort: 5100 }] },
      { to: [{ podSelector: { matchLabels: { app: 'postgres' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'databases' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
      { to: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] } }] },
      { to: [{ ipBlock: { cidr: 'fd00::/8', except: ['fd00:1::/32'] } }] },
      { ports: [{ protocol: 'UDP', port: 53 }] },
    ]);
  });

  test('rules from props; a direction with rules is always a policy type', () => {
    const { app, chart, frontend } = setup();
    new NetworkPolicy(chart, 'p', {
      podSelector: { matchLabels: { tier: 'api' } },
      policyTypes: ['Egress'],
      ingress: [{ from: [frontend] }, {}],
    });
    const spec = oneOfKind(app, 'NetworkPolicy').spec;
    expect(spec.podSelector).toEqual({ matchLabels: { tier: 'api' } });
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: frontend.selectorLabels } }] }, {}]);
    expect(spec).not.toHaveProperty('egress');
  });

  test('denyAll isolates the whole namespace both ways by default; one direction on request', () => {
    const { app, chart, web } = setup();
    const ns = new Namespace(chart, 'shop', { name: 'shop' });
    NetworkPolicy.denyAll(chart, 'deny', { namespace: ns });
    NetworkPolicy.denyAll(chart, 'deny-in', { podSelector: web, policyTypes: ['Ingress'] });
    const [both, ingressOnly] = objectsOfKind(app, 'NetworkPolicy');
    expect(both.metadata.namespace).toBe('shop');
    expect(both.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(ingressOnly.spec).toEqual({ podSelector: { matchLabels: web.selectorLabels }, policyTypes: ['Ingress'] });
  });

  test('a policy with no rules isolates ingress (Kubernetes\' own default), explicitly', () => {
    const { app, chart } = setup();
    new NetworkPolicy(chart, 'p');
    expect(oneOfKind(app, 'NetworkPolicy').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
  });

  test('the policy defaults to the selected workload\'s namespace', () => {
    const { app, chart } = setup();
    const ns = new Namespace(chart, 'shop', { name: 'shop' });
    const api = new Deployment(chart, 'api', { namespace: ns, containers: [app1] });
    new NetworkPolicy(chart, 'p', { podSelector: api });
    expect(oneOfKind(app, 'NetworkPolicy').metadata.namespace).toBe('shop');
  });

  test('generated names never contain "undefined", for every way of creating a policy', () => {
    const { app, chart, web, frontend } = setup();
    new NetworkPolicy(chart, 'a');
    new NetworkPolicy(chart, 'b', { podSelector: web }).allowFrom(frontend);
    NetworkPolicy.denyAll(chart, 'c');
    NetworkPolicy.denyAll(web, 'd');
    new NetworkPolicy(chart, 'e', { podSelector: { matchLabels: { x: 'y' } } }).allowTo(NetworkPolicyPeer.any());
    const names = objectsOfKind(app, 'NetworkPolicy').map((o) => o.metadata.name as string);
    expect(names).toHaveLength(5);
    for (const n of names) {
      expect(n).not.toMatch(/undefined|null/);
      expect(n).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    }
    expect(new Set(names).size).toBe(5);
  });

  test('a named port that the receiving workload does not have is a synth error', () => {
    const { app, chart, web, frontend } = setup();
    new NetworkPolicy(chart, 'in', { podSelector: web }).allowFrom(frontend, { port: 'grpc' });
    new NetworkPolicy(chart, 'out', { podSelector: frontend }).allowTo(web, { port: 'admin' });
    expectSynthError(app, 'test/in', 'port "grpc"', 'test/web', 'http');
    expectSynthError(app, 'test/out', 'port "admin"');
  });

  test('selecting a workload in another namespace, or a workload peer of unknown namespace, is a synth error', () => {
    const { app, chart, web, frontend } = setup();
    const ns = new Namespace(chart, 'shop', { name: 'shop' });
    new NetworkPolicy(chart, 'cross', { namespace: ns, podSelector: web });
    new NetworkPolicy(chart, 'peer', { namespace: ns }).allowFrom(frontend);
    expectSynthError(app, 'test/cross', 'selects the pods of test/web');
    expectSynthError(app, 'test/peer', 'the peer test/frontend has no namespace');
  });

  test.each([
    ['10.0.0.0', 'not a CIDR'],
    ['10.0.0.0/33', 'not a CIDR'],
    ['256.0.0.0/8', 'not a CIDR'],
    ['010.0.0.0/8', 'not a CIDR'],
    ['10.1.2.3/8', 'bits set after the prefix'],
    ['fd00::1/8', 'bits set after the prefix'],
  ])('ipBlock cidr %j is rejected', (cidr, fragment) => {
    const { chart } = setup();
    const p = new NetworkPolicy(chart, 'p');
    expectKubeforgeError(() => p.allowFrom(NetworkPolicyPeer.ipBlock(cidr)), 'test/p', fragment, cidr);
  });

  test.each([
    ['10.0.0.0/8', '10.0.0.0/8', 'strictly inside'],
    ['10.0.0.0/8', '11.0.0.0/16', 'strictly inside'],
    ['10.0.0.0/8', 'fd00::/16', 'strictly inside'],
    ['10.0.0.0/16', '10.0.0.0/8', 'strictly inside'],
    ['10.0.0.0/8', '10.1.0.1/16', 'not a canonical CIDR'],
  ])('ipBlock %s except %s is rejected', (cidr, except, fragment) => {
    const { chart } = setup();
    const p = new NetworkPolicy(chart, 'p');
    expectKubeforgeError(() => p.allowTo(NetworkPolicyPeer.ipBlock(cidr, [except])), 'test/p', fragment, except);
  });

  test('bad ports, selectors and peers are rejected at construction with path and value', () => {
    const { chart, frontend } = setup();
    const p = new NetworkPolicy(chart, 'p');
    expectKubeforgeError(() => p.allowFrom(frontend, 70000), 'test/p', 'port', '70000');
    expectKubeforgeError(() => p.allowFrom(frontend, { port: 'Bad_Name' }), 'test/p', 'Bad_Name');
    expectKubeforgeError(() => p.allowFrom(frontend, { port: 'http', endPort: 90 }), 'test/p', 'endPort needs a numeric port');
    expectKubeforgeError(() => p.allowFrom(frontend, { port: 100, endPort: 90 }), 'test/p', 'endPort', '90');
    expectKubeforgeError(() => p.allowFrom(frontend, { port: 80, protocol: 'ICMP' as 'TCP' }), 'test/p', 'protocol', 'ICMP');
    expectKubeforgeError(() => p.allowFrom(NetworkPolicyPeer.pods({ matchLabels: { 'bad key!': 'x' } })), 'test/p', 'bad key!');
    expectKubeforgeError(() => p.allowFrom(NetworkPolicyPeer.namespaces({ matchExpressions: [{ key: 'team', operator: 'In' }] })), 'test/p', 'operator In needs values');
    expectKubeforgeError(() => p.allowFrom(NetworkPolicyPeer.namespaces({ matchExpressions: [{ key: 'team', operator: 'Exists', values: ['a'] }] })), 'test/p', 'takes no values');
    expectKubeforgeError(() => p.allowFrom({ matchLabels: { a: 'b' } } as never), 'test/p', 'a peer must be a workload or a NetworkPolicyPeer');
    expectKubeforgeError(() => new NetworkPolicy(chart, 'q', { ingress: [{ from: [NetworkPolicyPeer.any(), frontend] }] }), 'test/q', 'any() cannot be combined');
    expectKubeforgeError(() => new NetworkPolicy(chart, 'r', { policyTypes: ['Both' as 'Ingress'] }), 'test/r', 'policyTypes', 'Both');
    expectKubeforgeError(() => new NetworkPolicy(chart, 's', { podSelector: { matchLabels: { a: 'not valid' } } }), 'test/s', 'not valid');
  });
});
