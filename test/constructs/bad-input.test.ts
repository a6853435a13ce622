/**
 * Construction-time errors across constructs: each message names the construct path and the offending value,
 * and (where there is one) the likely intended spelling.
 */
import { Construct } from 'constructs';
import { ConfigMap, Deployment, KubeforgeError, Pod, Service } from '../../lib';
import { expectKubeforgeError, newChart, oneOfKind } from './util';

describe('bad input', () => {
  describe('explicit names', () => {
    test('"My_App" is not a valid Deployment, Pod or ConfigMap name', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Deployment(chart, 'web', { name: 'My_App' }), 'test/web', '"My_App"', 'DNS-1123 subdomain');
      expectKubeforgeError(() => new Pod(chart, 'pod', { name: 'My_App' }), 'test/pod', '"My_App"');
      expectKubeforgeError(() => new ConfigMap(chart, 'config', { name: 'My_App' }), 'test/config', '"My_App"');
    });

    test('"a.b" is valid for a ConfigMap but not for a Service (DNS-1035 label)', () => {
      const { app, chart } = newChart();
      new ConfigMap(chart, 'config', { name: 'a.b' });
      expect(oneOfKind(app, 'ConfigMap').metadata.name).toBe('a.b');
      expectKubeforgeError(() => new Service(chart, 'svc', { name: 'a.b', ports: [{ port: 80 }] }), 'test/svc', '"a.b"', 'DNS-1035');
      expectKubeforgeError(() => new Service(chart, 'svc2', { name: '1web', ports: [{ port: 80 }] }), 'test/svc2', '"1web"');
    });

    test('names longer than the kind allows are rejected with the length', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Service(chart, 'svc', { name: 's'.repeat(64), ports: [{ port: 80 }] }), 'test/svc', '64 characters', '63');
      expectKubeforgeError(() => new ConfigMap(chart, 'config', { name: 'c'.repeat(254) }), 'test/config', '254 characters', '253');
    });

    test('invalid container names and images are rejected with the pod path', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Pod(chart, 'a', { containers: [{ image: 'nginx:1.27', name: 'Web_Server' }] }), 'test/a', '"Web_Server"');
      expectKubeforgeError(() => new Pod(chart, 'b', { containers: [{ image: '' }] }), 'test/b', 'image', '""');
      expectKubeforgeError(() => new Pod(chart, 'c', { containers: [{ image: 'nginx latest' }] }), 'test/c', '"nginx latest"');
    });

    test('invalid label keys and values are rejected with the path and the label', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new ConfigMap(chart, 'a', { labels: { 'bad key': 'x' } }), 'test/a', '"bad key"');
      expectKubeforgeError(() => new ConfigMap(chart, 'b', { labels: { tier: 'front end' } }), 'test/b', '"front end"');
      expectKubeforgeError(() => new Deployment(chart, 'c', { podLabels: { tier: '-x-' } }), 'test/c', '"-x-"');
    });
  });

  describe('quantities', () => {
    test('"512MB" memory suggests "512Mi", naming the container and the value', () => {
      const { chart } = newChart();
      const err = expectKubeforgeError(
        () => new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', resources: { requests: { memory: '512MB' as any } } }] }),
        'test/web', 'container "nginx"', 'resources.requests.memory', '"512MB"', '"512Mi"',
      );
      expect(err.details.ruleId).toBe('quantity');
    });

    test('"2cores" CPU suggests "2" or millicores; "1GB" limits suggest "1Gi"', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Pod(chart, 'a', { containers: [{ image: 'app:1', resources: { limits: { cpu: '2cores' as any } } }] }), 'test/a', '"2cores"', '"2"', '"2000m"');
      expectKubeforgeError(() => new Pod(chart, 'b', { containers: [{ image: 'app:1', resources: { limits: { memory: '1GB' as any } } }] }), 'test/b', '"1GB"', '"1Gi"');
    });

    test('a negative quantity is rejected', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Pod(chart, 'a', { containers: [{ image: 'app:1', resources: { requests: { cpu: '-100m' } } }] }), 'test/a', '"-100m"');
    });
  });

  describe('ports', () => {
    test.each([0, 70000, -1, 80.5])('container port %p is rejected with the path and the value', (port) => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', port }] }), 'test/web', 'containerPort', String(port));
      expectKubeforgeError(() => new Pod(chart, 'pod', { containers: [{ image: 'nginx:1.27', ports: [{ containerPort: port }] }] }), 'test/pod', String(port));
    });

    test('port bounds 1 and 65535 are accepted', () => {
      const { app, chart } = newChart();
      new Pod(chart, 'pod', { containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 1 }, { containerPort: 65535 }] }] });
      expect(oneOfKind(app, 'Pod').spec.containers[0].ports).toEqual([{ containerPort: 1 }, { containerPort: 65535 }]);
    });

    test.each([0, 70000])('hostPort, Service port and targetPort %p are rejected', (port) => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Pod(chart, 'pod', { containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 80, hostPort: port }] }] }), 'test/pod', 'hostPort', String(port));
      expectKubeforgeError(() => new Service(chart, 'svc', { ports: [{ port }] }), 'test/svc', 'port', String(port));
      expectKubeforgeError(() => new Service(chart, 'svc2', { ports: [{ port: 80, targetPort: port }] }), 'test/svc2', 'targetPort', String(port));
    });
  });

  describe('duplicate construct ids', () => {
    test('a second object with the same id in the same scope is rejected, naming the path and the id', () => {
      const { chart } = newChart();
      new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27' }] });
      const err = expectKubeforgeError(() => new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27' }] }), 'test/web', '"web"');
      expect(err.details.ruleId).toBe('duplicate-id');
      expectKubeforgeError(() => new ConfigMap(chart, 'web'), 'test/web', '"web"');
    });

    test('the same id under different parents is fine', () => {
      const { chart } = newChart();
      const a = new Construct(chart, 'a');
      const b = new Construct(chart, 'b');
      const x = new ConfigMap(a, 'config');
      const y = new ConfigMap(b, 'config');
      expect(x.name).not.toBe(y.name);
    });

    test('a plain construct with the id of an existing object is rejected by constructs', () => {
      const { chart } = newChart();
      new ConfigMap(chart, 'config');
      expect(() => new Construct(chart, 'config')).toThrow(/config/);
    });

    test('calling exposeViaService() twice with the default id is rejected with the path', () => {
      const { chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', port: 80 }] });
      d.exposeViaService();
      expectKubeforgeError(() => d.exposeViaService(), 'test/web/service', '"service"');
    });
  });

  test('every construct-time error is a KubeforgeError carrying its path in details', () => {
    const { chart } = newChart();
    try {
      new Service(chart, 'svc', { ports: [{ port: 0 }] });
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(KubeforgeError);
      expect((e as KubeforgeError).details.path).toBe('test/svc');
      expect((e as KubeforgeError).details.value).toBe(0);
      expect((e as KubeforgeError).toIssue()).toMatchObject({ severity: 'error', constructPath: 'test/svc' });
    }
  });
});
