import { Construct } from 'constructs';
import {
  ConfigMap, Deployment, DeploymentStrategy, LABEL_VERSION, Namespace, PersistentVolumeClaim, Secret, Volume,
} from '../../lib';
import { containerOf, expectKubeforgeError, expectSynthError, newChart, objectsOfKind, oneOfKind, podSpecOf, render } from './util';

const nginx = { image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] };

describe('Deployment', () => {
  describe('replicas', () => {
    test('explicit replicas are rendered, 0 included', () => {
      const { app, chart } = newChart();
      new Deployment(chart, 'web', { replicas: 3, containers: [nginx] });
      new Deployment(chart, 'idle', { replicas: 0, containers: [nginx] });
      const [web, idle] = objectsOfKind(app, 'Deployment');
      expect(web.apiVersion).toBe('apps/v1');
      expect(web.spec.replicas).toBe(3);
      expect(idle.spec.replicas).toBe(0);
    });

    test('without replicas, the policy default applies: library 1, then app, then chart', () => {
      const lib = newChart();
      new Deployment(lib.chart, 'web', { containers: [nginx] });
      expect(oneOfKind(lib.app, 'Deployment').spec.replicas).toBe(1);

      const fromApp = newChart({}, { defaults: { replicas: 2 } });
      new Deployment(fromApp.chart, 'web', { containers: [nginx] });
      expect(oneOfKind(fromApp.app, 'Deployment').spec.replicas).toBe(2);

      const fromChart = newChart({ defaults: { replicas: 4 } }, { defaults: { replicas: 2 } });
      new Deployment(fromChart.chart, 'web', { containers: [nginx] });
      new Deployment(fromChart.chart, 'pinned', { replicas: 1, containers: [nginx] });
      expect(objectsOfKind(fromChart.app, 'Deployment').map((d) => d.spec.replicas)).toEqual([4, 1]);
    });

    test('negative or fractional replicas are rejected with the path and value', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Deployment(chart, 'a', { replicas: -1, containers: [nginx] }), 'test/a', 'replicas', '-1');
      expectKubeforgeError(() => new Deployment(chart, 'b', { replicas: 1.5, containers: [nginx] }), 'test/b', 'replicas', '1.5');
    });
  });

  describe('strategy and rollout settings', () => {
    test('RollingUpdate with maxSurge and maxUnavailable', () => {
      const { app, chart } = newChart();
      new Deployment(chart, 'web', { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: '0%' }), containers: [nginx] });
      expect(oneOfKind(app, 'Deployment').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '0%' } });
    });

    test('RollingUpdate without options renders only the type; Recreate has no rollingUpdate; no strategy renders none', () => {
      const { app, chart } = newChart();
      new Deployment(chart, 'a', { strategy: DeploymentStrategy.rollingUpdate(), containers: [nginx] });
      new Deployment(chart, 'b', { strategy: DeploymentStrategy.recreate(), containers: [nginx] });
      new Deployment(chart, 'c', { containers: [nginx] });
      const [a, b, c] = objectsOfKind(app, 'Deployment');
      expect(a.spec.strategy).toEqual({ type: 'RollingUpdate' });
      expect(b.spec.strategy).toEqual({ type: 'Recreate' });
      expect(c.spec).not.toHaveProperty('strategy');
    });

    test('invalid rolling update values are rejected with the path and value', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Deployment(chart, 'a', { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: '150%' }), containers: [nginx] }), 'test/a', 'maxSurge', '"150%"');
      expectKubeforgeError(() => new Deployment(chart, 'b', { strategy: DeploymentStrategy.rollingUpdate({ maxUnavailable: -1 }), containers: [nginx] }), 'test/b', 'maxUnavailable', '-1');
      expectKubeforgeError(() => new Deployment(chart, 'c', { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 0, maxUnavailable: '0%' }), containers: [nginx] }), 'test/c', 'both zero');
    });

    test('minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds and paused', () => {
      const { app, chart } = newChart();
      new Deployment(chart, 'web', { minReadySeconds: 5, revisionHistoryLimit: 2, progressDeadlineSeconds: 120, paused: true, containers: [nginx] });
      expect(oneOfKind(app, 'Deployment').spec).toMatchObject({ minReadySeconds: 5, revisionHistoryLimit: 2, progressDeadlineSeconds: 120, paused: true });
    });

    test('unset rollout settings are omitted', () => {
      const { app, chart } = newChart();
      new Deployment(chart, 'web', { containers: [nginx] });
      const spec = oneOfKind(app, 'Deployment').spec;
      for (const f of ['minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'paused']) expect(spec).not.toHaveProperty(f);
    });

    test('progressDeadlineSeconds must exceed minReadySeconds; restartPolicy must be Always', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new Deployment(chart, 'a', { minReadySeconds: 60, progressDeadlineSeconds: 60, containers: [nginx] }), 'test/a', 'progressDeadlineSeconds', '60');
      expectKubeforgeError(() => new Deployment(chart, 'b', { restartPolicy: 'Never', containers: [nginx] }), 'test/b', '"Never"');
      expectKubeforgeError(() => new Deployment(chart, 'c', { revisionHistoryLimit: -2, containers: [nginx] }), 'test/c', 'revisionHistoryLimit', '-2');
    });
  });

  describe('selector and template', () => {
    test('the selector is the deployment\'s selector labels and a subset of the template labels', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', { podLabels: { track: 'stable' }, containers: [nginx] });
      const obj = oneOfKind(app, 'Deployment');
      const selector = obj.spec.selector.matchLabels;
      expect(selector).toEqual(d.selectorLabels);
      expect(Object.keys(selector).length).toBeGreaterThan(0);
      expect(obj.spec.template.metadata.labels).toMatchObject(selector);
      expect(obj.spec.template.metadata.labels.track).toBe('stable');
      expect(obj.spec.template.metadata.labels[LABEL_VERSION]).toBe('1.27');
    });

    test('the selector does not change with the image tag (it is immutable in Kubernetes)', () => {
      const a = newChart();
      new Deployment(a.chart, 'web', { containers: [{ image: 'nginx:1.27' }] });
      const b = newChart();
      new Deployment(b.chart, 'web', { containers: [{ image: 'nginx:1.28' }] });
      const da = oneOfKind(a.app, 'Deployment');
      const db = oneOfKind(b.app, 'Deployment');
      expect(da.spec.selector).toEqual(db.spec.selector);
      expect(da.spec.selector.matchLabels).not.toHaveProperty(LABEL_VERSION);
      expect(da.spec.template.metadata.labels[LABEL_VERSION]).not.toBe(db.spec.template.metadata.labels[LABEL_VERSION]);
    });

    test('two deployments under one grouping construct select disjoint pods', () => {
      const { app, chart } = newChart();
      const shop = new Construct(chart, 'shop');
      new Deployment(shop, 'api', { containers: [nginx] });
      new Deployment(shop, 'worker', { containers: [nginx] });
      const [api, worker] = objectsOfKind(app, 'Deployment');
      expect(api.spec.selector.matchLabels).not.toEqual(worker.spec.selector.matchLabels);
      const matches = (sel: Record<string, string>, labels: Record<string, string>) => Object.entries(sel).every(([k, v]) => labels[k] === v);
      expect(matches(api.spec.selector.matchLabels, worker.spec.template.metadata.labels)).toBe(false);
      expect(matches(worker.spec.selector.matchLabels, api.spec.template.metadata.labels)).toBe(false);
    });

    test('a deployment without containers fails synth with its path', () => {
      const { app, chart } = newChart();
      new Deployment(chart, 'web');
      expectSynthError(app, 'test/web', 'no containers');
    });
  });

  describe('exposeViaService()', () => {
    test('defaults: one port per container port, same number, named targetPort, selecting the deployment', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', {
        containers: [{ image: 'app:1.0', ports: [{ containerPort: 8080, name: 'http' }, { containerPort: 9090, name: 'metrics' }] }],
      });
      const svc = d.exposeViaService();
      expect(svc.node.path).toBe('test/web/service');
      const obj = oneOfKind(app, 'Service');
      expect(obj.metadata.name).toBe(svc.name);
      expect(obj.spec).not.toHaveProperty('type');
      expect(obj.spec.selector).toEqual(d.selectorLabels);
      expect(obj.spec.ports).toEqual([
        { name: 'http', port: 8080, targetPort: 'http' },
        { name: 'metrics', port: 9090, targetPort: 'metrics' },
      ]);
    });

    test('an unnamed container port is targeted by number and keeps its protocol', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'dns', { containers: [{ image: 'coredns:1.11', ports: [{ containerPort: 53, protocol: 'UDP' }] }] });
      d.exposeViaService();
      expect(oneOfKind(app, 'Service').spec.ports).toEqual([{ port: 53, targetPort: 53, protocol: 'UDP' }]);
    });

    test('several unnamed ports get names (a multi-port Service needs them); a port two containers declare is listed once', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'dns', { containers: [{ image: 'coredns:1.11', ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53 }] }, { image: 'proxy:1', port: 53 }] });
      d.exposeViaService();
      expect(oneOfKind(app, 'Service').spec.ports).toEqual([{ port: 53, targetPort: 53, protocol: 'UDP', name: 'udp-53' }, { port: 53, targetPort: 53, name: 'tcp-53' }]);
    });

    test('type, explicit ports and id are honoured', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [nginx] });
      const svc = d.exposeViaService({ id: 'public', type: 'LoadBalancer', ports: [{ name: 'http', port: 443, targetPort: 'http' }] });
      expect(svc.node.id).toBe('public');
      const obj = oneOfKind(app, 'Service');
      expect(obj.spec.type).toBe('LoadBalancer');
      expect(obj.spec.ports).toEqual([{ name: 'http', port: 443, targetPort: 'http' }]);
      expect(obj.spec.selector).toEqual(d.selectorLabels);
    });

    test('without container ports and without explicit ports it throws with the path', () => {
      const { chart } = newChart();
      const d = new Deployment(chart, 'worker', { containers: [{ image: 'busybox:1.36' }] });
      expectKubeforgeError(() => d.exposeViaService(), 'test/worker', 'no container ports');
    });

    test('a named targetPort the containers do not declare fails synth', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [nginx] });
      d.exposeViaService({ ports: [{ port: 80, targetPort: 'https' }] });
      expectSynthError(app, 'test/web/service', '"https"');
    });

    // Regression: the Service must be created in the Deployment's namespace, or it selects nothing.
    test('the Service lives in the Deployment\'s namespace', () => {
      const { app, chart } = newChart();
      const ns = new Namespace(chart, 'shop', { name: 'shop' });
      const d = new Deployment(chart, 'web', { namespace: ns, containers: [nginx] });
      d.exposeViaService();
      expect(oneOfKind(app, 'Deployment').metadata.namespace).toBe('shop');
      expect(oneOfKind(app, 'Service').metadata.namespace).toBe('shop');
    });
  });

  describe('autoscale()', () => {
    test('creates an HPA targeting the deployment, and the deployment omits replicas', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', { replicas: 3, containers: [{ ...nginx, resources: { requests: { cpu: '250m' } } }] });
      const hpa = d.autoscale({ minReplicas: 2, maxReplicas: 10, cpuUtilization: 60 });
      expect(d.isAutoscaled).toBe(true);
      expect(hpa.node.path).toBe('test/web/autoscaler');
      const dep = oneOfKind(app, 'Deployment');
      expect(dep.spec).not.toHaveProperty('replicas');
      const obj = oneOfKind(app, 'HorizontalPodAutoscaler');
      expect(obj.spec).toEqual({
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: dep.metadata.name },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
      });
    });

    test('a deployment that is not autoscaled keeps replicas', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', { replicas: 3, containers: [nginx] });
      expect(d.isAutoscaled).toBe(false);
      expect(oneOfKind(app, 'Deployment').spec.replicas).toBe(3);
    });

    test('a custom id; autoscaling twice is rejected', () => {
      const { chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [nginx] });
      expect(d.autoscale({ id: 'hpa', maxReplicas: 5 }).node.id).toBe('hpa');
      expectKubeforgeError(() => d.autoscale({ id: 'hpa2', maxReplicas: 5 }), 'test/web/hpa2', 'already autoscaled', 'test/web/hpa');
    });

    // Regression: the HPA must be created in the Deployment's namespace, or its scaleTargetRef finds nothing.
    test('the HPA lives in the Deployment\'s namespace', () => {
      const { app, chart } = newChart();
      const ns = new Namespace(chart, 'shop', { name: 'shop' });
      const d = new Deployment(chart, 'web', { namespace: ns, containers: [nginx] });
      d.autoscale({ maxReplicas: 4 });
      expect(oneOfKind(app, 'HorizontalPodAutoscaler').metadata.namespace).toBe('shop');
    });
  });

  describe('container.mount()', () => {
    test('a PVC adds one persistentVolumeClaim volume and a volumeMount', () => {
      const { app, chart } = newChart();
      const claim = new PersistentVolumeClaim(chart, 'data', { storage: '1Gi' });
      const d = new Deployment(chart, 'db', { containers: [{ image: 'postgres:16' }] });
      const v = d.containers[0].mount('/var/lib/postgresql/data', claim);
      const spec = podSpecOf(oneOfKind(app, 'Deployment'));
      expect(spec.volumes).toEqual([{ name: v.name, persistentVolumeClaim: { claimName: claim.name } }]);
      expect(containerOf(oneOfKind(app, 'Deployment')).volumeMounts).toEqual([{ name: v.name, mountPath: '/var/lib/postgresql/data' }]);
    });

    test('a ConfigMap (with items) and a Secret as volumes, readOnly and subPath', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { 'nginx.conf': 'events {}', other: 'x' } });
      const secret = new Secret(chart, 'tls', { stringData: { 'tls.crt': 'c', 'tls.key': 'k' } });
      const d = new Deployment(chart, 'web', { containers: [nginx] });
      const c = d.containers[0];
      const cv = c.mount('/etc/nginx/nginx.conf', cm.asVolume({ items: { 'nginx.conf': 'nginx.conf' } }), { subPath: 'nginx.conf', readOnly: true });
      const sv = c.mount('/etc/tls', secret, { readOnly: true });
      const obj = oneOfKind(app, 'Deployment');
      expect(podSpecOf(obj).volumes).toEqual([
        { name: cv.name, configMap: { name: cm.name, items: [{ key: 'nginx.conf', path: 'nginx.conf' }] } },
        { name: sv.name, secret: { secretName: secret.name } },
      ]);
      expect(containerOf(obj).volumeMounts).toEqual([
        { name: cv.name, mountPath: '/etc/nginx/nginx.conf', readOnly: true, subPath: 'nginx.conf' },
        { name: sv.name, mountPath: '/etc/tls', readOnly: true },
      ]);
    });

    test('an emptyDir volume', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [nginx] });
      d.containers[0].mount('/cache', Volume.fromEmptyDir('cache', { sizeLimit: '1Gi' }));
      const obj = oneOfKind(app, 'Deployment');
      expect(podSpecOf(obj).volumes).toEqual([{ name: 'cache', emptyDir: { sizeLimit: '1Gi' } }]);
      expect(containerOf(obj).volumeMounts).toEqual([{ name: 'cache', mountPath: '/cache' }]);
    });

    test('mounting the same source twice (one or two containers) reuses one volume', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { a: '1' } });
      const claim = new PersistentVolumeClaim(chart, 'data', { storage: '1Gi', accessModes: ['ReadWriteMany'] });
      const d = new Deployment(chart, 'web', { containers: [nginx, { image: 'busybox:1.36', name: 'sidecar' }] });
      const [main, sidecar] = d.containers;
      main.mount('/etc/a', cm);
      main.mount('/etc/b', cm);
      sidecar.mount('/config', cm);
      main.mount('/data', claim);
      sidecar.mount('/data', claim, { readOnly: true });
      const cache = Volume.fromEmptyDir('cache');
      main.mount('/cache', cache);
      sidecar.mount('/cache', cache);
      const obj = oneOfKind(app, 'Deployment');
      const volumes = podSpecOf(obj).volumes;
      expect(volumes).toHaveLength(3);
      expect(volumes.map((v: any) => Object.keys(v).find((k) => k !== 'name'))).toEqual(['configMap', 'persistentVolumeClaim', 'emptyDir']);
      expect(containerOf(obj, 'nginx').volumeMounts.map((m: any) => m.mountPath)).toEqual(['/etc/a', '/etc/b', '/data', '/cache']);
      expect(containerOf(obj, 'sidecar').volumeMounts.map((m: any) => m.mountPath)).toEqual(['/config', '/data', '/cache']);
    });

    test('init containers mount into the same pod volumes', () => {
      const { app, chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [nginx] });
      const init = d.addInitContainer({ image: 'busybox:1.36', name: 'fetch' });
      const shared = Volume.fromEmptyDir('shared');
      init.mount('/out', shared);
      d.containers[0].mount('/usr/share/nginx/html', shared, { readOnly: true });
      const spec = podSpecOf(oneOfKind(app, 'Deployment'));
      expect(spec.volumes).toEqual([{ name: 'shared', emptyDir: {} }]);
      expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'shared', mountPath: '/out' }]);
    });

    test('bad mount paths are rejected with the container path and the value', () => {
      const { chart } = newChart();
      const d = new Deployment(chart, 'web', { containers: [nginx] });
      const c = d.containers[0];
      expectKubeforgeError(() => c.mount('data', Volume.fromEmptyDir('a')), 'test/web', '"data"');
      expectKubeforgeError(() => c.mount('/data/../etc', Volume.fromEmptyDir('b')), 'test/web', '"/data/../etc"');
      c.mount('/data', Volume.fromEmptyDir('c'));
      expectKubeforgeError(() => c.mount('/data', Volume.fromEmptyDir('d')), 'test/web', '"/data"');
    });

    test('the same ConfigMap projected two different ways needs distinct volume names', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { a: '1', b: '2' } });
      const d = new Deployment(chart, 'web', { containers: [nginx] });
      d.containers[0].mount('/all', cm);
      expectKubeforgeError(() => d.containers[0].mount('/a', cm.asVolume({ items: { a: 'a' } })), 'test/web');
      d.containers[0].mount('/a', cm.asVolume({ items: { a: 'a' }, name: 'only-a' }));
      expect(podSpecOf(render(app).find((o) => o.kind === 'Deployment')!).volumes).toHaveLength(2);
    });
  });
});
