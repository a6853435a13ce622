/** The README's catalogue rows for the networking kinds, written as code: if an API in them changes, this fails. */
import { Deployment, Ingress, IngressBackend, IngressClass, Namespace, NetworkPolicy, NetworkPolicyPeer, Secret } from '../../lib';
import { newChart, render } from './util';

test('the Ingress, IngressClass and NetworkPolicy examples of the README synthesize cleanly', () => {
  const { app, chart } = newChart();
  const ns = new Namespace(chart, 'team', { name: 'team' });
  const web = new Deployment(chart, 'web', { namespace: ns, containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }] }] });
  const frontend = new Deployment(chart, 'frontend', { namespace: ns, containers: [{ image: 'nginx:1.27' }] });
  const svc = web.exposeViaService({ ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
  const tlsSecret = new Secret(chart, 'tls', { namespace: ns, type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'c', 'tls.key': 'k' } });
  const ingressClass = new IngressClass(chart, 'nginx', { controller: 'k8s.io/ingress-nginx', isDefaultClass: true });
  const ing = new Ingress(chart, 'ing', { namespace: ns, ingressClass });
  ing.addRule('shop.example.com', '/api', IngressBackend.service(svc, 'http'));
  ing.addTls({ hosts: ['shop.example.com'], secret: tlsSecret });
  new NetworkPolicy(chart, 'allow', { podSelector: web }).allowFrom(frontend, { port: 'http' });
  NetworkPolicy.denyAll(chart, 'isolate', { namespace: ns });
  new NetworkPolicy(chart, 'ext', { podSelector: web }).allowFrom(NetworkPolicyPeer.ipBlock('10.0.0.0/8', ['10.1.0.0/16']));
  const kinds = render(app).map((o) => o.kind);
  expect(kinds.filter((k) => k === 'NetworkPolicy')).toHaveLength(3);
  expect(kinds).toEqual(expect.arrayContaining(['Ingress', 'IngressClass']));
});
