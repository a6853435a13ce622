import { Deployment, Ingress, IngressBackend, Namespace, Secret, Service } from '../../lib';
import { expectKubeforgeError, expectSynthError, newChart, oneOfKind } from './util';

const nginx = { image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] };

function shop(chartProps = {}) {
  const t = newChart(chartProps);
  const web = new Deployment(t.chart, 'web', { containers: [nginx] });
  const svc = new Service(t.chart, 'svc', { name: 'web', selector: web, ports: [{ port: 80, name: 'http' }, { port: 9090, name: 'metrics', targetPort: 80 }] });
  return { ...t, web, svc };
}

describe('Ingress', () => {
  test('addRule merges paths per host; pathType defaults to Prefix; backends render by port number or name', () => {
    const { app, chart, svc } = shop();
    const ing = new Ingress(chart, 'ing');
    ing.addRule('shop.example.com', '/api', IngressBackend.service(svc, 'http'));
    ing.addRule('shop.example.com', '/', IngressBackend.service(svc, 80), 'Exact');
    ing.addRule(undefined, '/metrics', IngressBackend.service(svc, 9090), 'ImplementationSpecific');
    const o = oneOfKind(app, 'Ingress');
    expect(o.apiVersion).toBe('networking.k8s.io/v1');
    expect(o.spec.rules).toEqual([
      {
        host: 'shop.example.com',
        http: {
          paths: [
            { path: '/api', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } },
            { path: '/', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 80 } } } },
          ],
        },
      },
      { http: { paths: [{ path: '/metrics', pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { number: 9090 } } } }] } },
    ]);
    expect(o.spec).not.toHaveProperty('ingressClassName');
    expect(o.spec).not.toHaveProperty('tls');
  });

  test('rules, defaultBackend and tls from props; a resource backend', () => {
    const { app, chart, svc } = shop();
    const cert = new Secret(chart, 'cert', { name: 'shop-cert', type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'c', 'tls.key': 'k' } });
    new Ingress(chart, 'ing', {
      defaultBackend: IngressBackend.service(svc, 'http'),
      rules: [{ host: '*.example.com', paths: [{ path: '/static', backend: IngressBackend.resource({ apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'assets' }) }] }],
      tls: [{ hosts: ['*.example.com'], secret: cert }, {}],
    });
    const o = oneOfKind(app, 'Ingress');
    expect(o.spec.defaultBackend).toEqual({ service: { name: 'web', port: { name: 'http' } } });
    expect(o.spec.rules[0].http.paths[0].backend).toEqual({ resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'assets' } });
    expect(o.spec.tls).toEqual([{ hosts: ['*.example.com'], secretName: 'shop-cert' }, {}]);
  });

  test('a port the kubeforge Service does not have is a synth error naming its ports', () => {
    const { app, chart, svc } = shop();
    const ing = new Ingress(chart, 'ing');
    ing.addRule('a.example.com', '/', IngressBackend.service(svc, 8080));
    ing.addRule('a.example.com', '/x', IngressBackend.service(svc, 'grpc'));
    expectSynthError(app, 'test/ing', 'port 8080', 'test/svc', '80 (http), 9090 (metrics)');
    expectSynthError(app, 'port "grpc"');
  });

  test('a port added to the Service after the Ingress is found (checked at synth)', () => {
    const { app, chart, svc } = shop();
    new Ingress(chart, 'ing', { defaultBackend: IngressBackend.service(svc, 'admin') });
    svc.addPort({ port: 8443, name: 'admin', targetPort: 80 });
    expect(oneOfKind(app, 'Ingress').spec.defaultBackend.service.port).toEqual({ name: 'admin' });
  });

  test('a backend Service or TLS Secret in another namespace is a synth error', () => {
    const { app, chart, web } = shop();
    const other = new Namespace(chart, 'other');
    const svc2 = new Service(chart, 'svc2', { namespace: other, selector: web, ports: [{ port: 80 }] });
    const cert = new Secret(chart, 'cert', { namespace: other, stringData: { 'tls.crt': 'c', 'tls.key': 'k' } });
    new Ingress(chart, 'ing', { defaultBackend: IngressBackend.service(svc2, 80), tls: [{ secret: cert }] });
    expectSynthError(app, 'test/ing', 'routes to test/svc2');
    expectSynthError(app, 'takes its TLS certificate from test/cert');
  });

  test('a TLS Secret without tls.crt/tls.key is a synth error', () => {
    const { app, chart, svc } = shop();
    const cert = new Secret(chart, 'cert', { stringData: { 'tls.crt': 'c' } });
    new Ingress(chart, 'ing', { defaultBackend: IngressBackend.service(svc, 80), tls: [{ secret: cert }] });
    expectSynthError(app, 'test/cert', '"tls.key"');
  });

  test('an Ingress with neither rules nor defaultBackend is a synth error', () => {
    const { app, chart } = shop();
    new Ingress(chart, 'empty');
    expectSynthError(app, 'test/empty', 'neither rules nor a defaultBackend');
  });

  test.each([
    ['Shop.example.com', 'not a valid host'],
    ['10.0.0.1', 'not a valid host'],
    ['*', 'not a valid host'],
    ['a.*.example.com', 'not a valid host'],
    ['shop_example.com', 'not a valid host'],
  ])('host %j is rejected with path and value', (host, fragment) => {
    const { chart, svc } = shop();
    const ing = new Ingress(chart, 'ing');
    expectKubeforgeError(() => ing.addRule(host, '/', IngressBackend.service(svc, 80)), 'test/ing', fragment, host);
  });

  test.each([
    ['api', 'Prefix', 'must start with "/"'],
    ['/a//b', 'Prefix', '"//"'],
    ['/a/../b', 'Exact', '"/../"'],
    ['/a/.', 'Exact', '"/."'],
    ['/a%2Fb', 'Prefix', '"%2F"'],
    ['x', 'ImplementationSpecific', 'must be absolute'],
    ['/', 'Regex', 'pathType'],
  ])('path %j with pathType %s is rejected', (path, pathType, fragment) => {
    const { chart, svc } = shop();
    const ing = new Ingress(chart, 'ing');
    expectKubeforgeError(() => ing.addRule('a.example.com', path, IngressBackend.service(svc, 80), pathType as 'Prefix'), 'test/ing', fragment);
  });

  test('an empty ImplementationSpecific path is allowed; a duplicate host/path/pathType is not', () => {
    const { app, chart, svc } = shop();
    const ing = new Ingress(chart, 'ing');
    ing.addRule('a.example.com', '', IngressBackend.service(svc, 80), 'ImplementationSpecific');
    ing.addRule('a.example.com', '/x', IngressBackend.service(svc, 80));
    expectKubeforgeError(() => ing.addRule('a.example.com', '/x', IngressBackend.service(svc, 9090)), 'test/ing', 'routed twice', '/x');
    expect(oneOfKind(app, 'Ingress').spec.rules[0].http.paths).toHaveLength(2);
  });

  test('bad backends are rejected at construction', () => {
    const { chart, svc } = shop();
    const ing = new Ingress(chart, 'ing');
    expectKubeforgeError(() => ing.addRule(undefined, '/', IngressBackend.service(svc, 0)), 'test/ing', 'port', '0');
    expectKubeforgeError(() => ing.addRule(undefined, '/', IngressBackend.service(svc, 'HTTP')), 'test/ing', 'HTTP');
    expectKubeforgeError(() => ing.addRule(undefined, '/', IngressBackend.serviceName('1web', 80)), 'test/ing', 'Service name', '1web');
    expectKubeforgeError(() => ing.addRule(undefined, '/', IngressBackend.resource({ kind: 'K', name: '' })), 'test/ing', 'resource name');
    expectKubeforgeError(() => new Ingress(chart, 'r', { rules: [{ host: 'a.example.com', paths: [] }] }), 'test/r', 'a rule has no paths', 'a.example.com');
    expectKubeforgeError(() => new Ingress(chart, 't', { tls: [{ hosts: ['10.0.0.1'] }] }), 'test/t', 'tls host', '10.0.0.1');
  });
});
