import { Ingress, IngressBackend, IngressClass } from '../../lib';
import { expectKubeforgeError, newChart, objectsOfKind, oneOfKind } from './util';

describe('IngressClass', () => {
  test('renders the controller, is cluster-scoped, and has no default-class annotation unless asked', () => {
    const { app, chart } = newChart({ namespace: 'shop' });
    new IngressClass(chart, 'nginx', { controller: 'k8s.io/ingress-nginx' });
    const c = oneOfKind(app, 'IngressClass');
    expect(c.apiVersion).toBe('networking.k8s.io/v1');
    expect(c.metadata).not.toHaveProperty('namespace');
    expect(c.metadata).not.toHaveProperty('annotations');
    expect(c.spec).toEqual({ controller: 'k8s.io/ingress-nginx' });
  });

  test('isDefaultClass sets the is-default-class annotation', () => {
    const { app, chart } = newChart();
    const c = new IngressClass(chart, 'nginx', { controller: 'k8s.io/ingress-nginx', isDefaultClass: true });
    expect(c.isDefaultClass).toBe(true);
    expect(oneOfKind(app, 'IngressClass').metadata.annotations).toEqual({ 'ingressclass.kubernetes.io/is-default-class': 'true' });
  });

  test('parameters: scope defaults to Cluster; Namespace scope carries the namespace', () => {
    const { app, chart } = newChart();
    new IngressClass(chart, 'a', { controller: 'example.com/lb', parameters: { apiGroup: 'lb.example.com', kind: 'LbParams', name: 'default' } });
    new IngressClass(chart, 'b', { controller: 'example.com/lb', parameters: { kind: 'ConfigMap', name: 'cfg', scope: 'Namespace', namespace: 'ingress' } });
    const [a, b] = objectsOfKind(app, 'IngressClass');
    expect(a.spec.parameters).toEqual({ apiGroup: 'lb.example.com', kind: 'LbParams', name: 'default', scope: 'Cluster' });
    expect(b.spec.parameters).toEqual({ kind: 'ConfigMap', name: 'cfg', scope: 'Namespace', namespace: 'ingress' });
  });

  test('an Ingress takes its class name from the object or from fromName', () => {
    const { app, chart } = newChart();
    const cls = new IngressClass(chart, 'nginx', { name: 'nginx', controller: 'k8s.io/ingress-nginx' });
    new Ingress(chart, 'a', { ingressClass: cls, defaultBackend: IngressBackend.serviceName('web', 80) });
    new Ingress(chart, 'b', { ingressClass: IngressClass.fromName(chart, 'traefik', 'traefik'), defaultBackend: IngressBackend.serviceName('web', 80) });
    const objs = objectsOfKind(app, 'Ingress');
    expect(objs.map((o) => o.spec.ingressClassName)).toEqual(['nginx', 'traefik']);
  });

  test.each([
    ['', 'the controller is required'],
    ['ingress-nginx', 'no "/"'],
    ['Example.com/x', 'not a DNS subdomain'],
    ['example.com/', 'the path after "/"'],
    [`example.com/${'x'.repeat(250)}`, 'longer than 250'],
  ])('controller %j is rejected', (controller, fragment) => {
    const { chart } = newChart();
    expectKubeforgeError(() => new IngressClass(chart, 'c', { controller }), 'test/c', fragment);
  });

  test('bad parameters are rejected with path and value', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new IngressClass(chart, 'a', { controller: 'x.io/y', parameters: { kind: 'K', name: 'n', scope: 'Namespace' } }), 'test/a', 'scope Namespace need a valid namespace');
    expectKubeforgeError(() => new IngressClass(chart, 'b', { controller: 'x.io/y', parameters: { kind: 'K', name: 'n', namespace: 'ns' } }), 'test/b', 'only allowed with scope Namespace', 'ns');
    expectKubeforgeError(() => new IngressClass(chart, 'c', { controller: 'x.io/y', parameters: { kind: 'K', name: 'a/b' } }), 'test/c', 'parameters.name', 'a/b');
    expectKubeforgeError(() => new IngressClass(chart, 'd', { controller: 'x.io/y', parameters: { kind: 'K', name: 'n', apiGroup: 'Bad_Group' } }), 'test/d', 'apiGroup', 'Bad_Group');
    expectKubeforgeError(() => new IngressClass(chart, 'e', { controller: 'x.io/y', parameters: { kind: 'K', name: 'n', scope: 'Global' as 'Cluster' } }), 'test/e', 'Global');
  });
});
