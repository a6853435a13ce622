/**
 * The valid NetworkPolicy and Ingress apps of the networking property tests, as generators and builders, so that
 * the cluster suite can show a seeded sample of the same apps to a real API server.
 */
import * as fc from 'fast-check';
import {
  App, Chart, Deployment, INamespace, Ingress, IngressBackend, IngressClass, Namespace, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPeerLike,
  NetworkPolicyPort, PathType, PolicyType, Secret, Service,
} from '../../lib';
import { TEST_OUTDIR } from '../constructs/util';
import { absolutePath, anyHost, dnsLabel, host, ipBlock, k8sVersion, labels, labelSelector, portName, portNumber } from './network-arbitraries';

export const PORT_NAMES = ['http', 'metrics'];
export const container = { image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }] };

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
export const policySpec = fc.record({
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
export type PolicySpec = typeof policySpec extends fc.Arbitrary<infer T> ? T : never;
type PeerSpec = typeof peerSpec extends fc.Arbitrary<infer T> ? T : never;

export function buildPolicyApp(s: PolicySpec): App {
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
  const peers = (r: PolicySpec['ingress'][number]) => (r.peers === 'any' ? [NetworkPolicyPeer.any()] : r.peers.map(peer));
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

const servicePorts = fc.uniqueArray(fc.record({ port: portNumber, name: portName }), { minLength: 1, maxLength: 3, selector: (p) => p.port }).filter((ps) => new Set(ps.map((p) => p.name)).size === ps.length);
const pathSpec = fc.oneof(
  fc.record({ pathType: fc.constantFrom<PathType>('Prefix', 'Exact'), path: absolutePath }),
  fc.record({ pathType: fc.constant<PathType>('ImplementationSpecific'), path: fc.oneof(absolutePath, fc.constant(''), absolutePath.map((p) => `${p}(/|$)(.*)`)) }),
);
/** A backend choice: which Service (index), which port (index) and by number or name; or an outside Service; or a resource. */
const backendSpec = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('svc' as const), svc: fc.nat(), port: fc.nat(), byName: fc.boolean() }) },
  fc.record({ kind: fc.constant('named' as const), name: dnsLabel, port: fc.oneof(portNumber, portName) }),
  fc.record({ kind: fc.constant('resource' as const), name: dnsLabel, apiGroup: fc.option(host, { nil: undefined }) }),
);
export const ingressSpec = fc.record({
  version: k8sVersion,
  services: fc.array(servicePorts, { minLength: 1, maxLength: 3 }),
  rules: fc.uniqueArray(fc.record({ host: fc.option(anyHost, { nil: undefined }), path: pathSpec, backend: backendSpec }), { maxLength: 6, selector: (r) => `${r.host}|${r.path.path}|${r.path.pathType}` }),
  defaultBackend: fc.option(backendSpec, { nil: undefined }),
  tls: fc.array(fc.record({ hosts: fc.option(fc.array(anyHost, { maxLength: 3 }), { nil: undefined }), secret: fc.boolean() }), { maxLength: 2 }),
  ingressClass: fc.constantFrom('none', 'object', 'fromName'),
  labels,
}).filter((s) => s.rules.length > 0 || s.defaultBackend !== undefined);

export type IngressSpec = typeof ingressSpec extends fc.Arbitrary<infer T> ? T : never;
type BackendSpec = typeof backendSpec extends fc.Arbitrary<infer T> ? T : never;

function backendOf(b: BackendSpec, services: Service[], ports: IngressSpec['services']): IngressBackend {
  if (b.kind === 'named') return IngressBackend.serviceName(b.name, b.port);
  if (b.kind === 'resource') return IngressBackend.resource({ kind: 'StorageBucket', name: b.name, apiGroup: b.apiGroup });
  const i = b.svc % services.length;
  const p = ports[i][b.port % ports[i].length];
  return IngressBackend.service(services[i], b.byName ? p.name : p.port);
}

export function buildIngress(s: IngressSpec): App {
  const app = new App({ outdir: TEST_OUTDIR, k8sVersion: s.version });
  const chart = new Chart(app, 'p', { namespace: 'shop' });
  const web = new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }] }] });
  const services = s.services.map((ports, i) => new Service(chart, `svc${i}`, { selector: web, ports: ports.map((p) => ({ ...p, targetPort: 8080 })) }));
  const cert = new Secret(chart, 'cert', { type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'c', 'tls.key': 'k' } });
  const cls = s.ingressClass === 'object' ? new IngressClass(chart, 'cls', { controller: 'k8s.io/ingress-nginx' }) : s.ingressClass === 'fromName' ? IngressClass.fromName(chart, 'cls', 'nginx') : undefined;
  const ing = new Ingress(chart, 'ing', {
    labels: s.labels,
    ingressClass: cls,
    defaultBackend: s.defaultBackend && backendOf(s.defaultBackend, services, s.services),
    tls: s.tls.map((t) => ({ hosts: t.hosts, secret: t.secret ? cert : undefined })),
  });
  for (const r of s.rules) ing.addRule(r.host, r.path.path, backendOf(r.backend, services, s.services), r.path.pathType);
  return app;
}

export const classSpec = fc.record({
  version: k8sVersion,
  controller: fc.tuple(host, fc.stringMatching(/^[A-Za-z0-9._~-]{1,10}(\/[A-Za-z0-9._~-]{1,10})?$/)).map(([h, p]) => `${h}/${p}`),
  isDefaultClass: fc.option(fc.boolean(), { nil: undefined }),
  parameters: fc.option(
    fc.oneof(
      fc.record({ kind: fc.stringMatching(/^[A-Z][A-Za-z]{0,12}$/), name: dnsLabel, apiGroup: fc.option(host, { nil: undefined }), scope: fc.constantFrom('Cluster' as const, undefined) }),
      fc.record({ kind: fc.stringMatching(/^[A-Z][A-Za-z]{0,12}$/), name: dnsLabel, scope: fc.constant('Namespace' as const), namespace: dnsLabel }),
    ),
    { nil: undefined },
  ),
  labels,
});
