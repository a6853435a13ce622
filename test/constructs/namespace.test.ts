import { Construct } from 'constructs';
import {
  App, Chart, ConfigMap, Deployment, HorizontalPodAutoscaler, Namespace, PersistentVolumeClaim, Pod, Secret, Service, StorageClass,
} from '../../lib';
import { expectKubeforgeError, expectSynthError, newChart, oneOfKind, render, TEST_OUTDIR } from './util';

describe('Namespace', () => {
  test('explicit name; v1; no spec', () => {
    const { app, chart } = newChart();
    const ns = new Namespace(chart, 'team', { name: 'team-a', labels: { owner: 'a' } });
    expect(ns.name).toBe('team-a');
    const obj = oneOfKind(app, 'Namespace');
    expect(obj.apiVersion).toBe('v1');
    expect(obj.metadata.name).toBe('team-a');
    expect(obj.metadata.labels.owner).toBe('a');
    expect(obj).not.toHaveProperty('spec');
  });

  test('a generated name is a valid DNS-1123 label', () => {
    const { app, chart } = newChart();
    const ns = new Namespace(chart, 'My_Team.Space');
    expect(ns.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(ns.name.length).toBeLessThanOrEqual(63);
    expect(oneOfKind(app, 'Namespace').metadata.name).toBe(ns.name);
  });

  test('cluster-scoped: no namespace even in a chart with one', () => {
    const { app, chart } = newChart({ namespace: 'prod' });
    new Namespace(chart, 'team', { name: 'team-a' });
    expect(oneOfKind(app, 'Namespace').metadata).not.toHaveProperty('namespace');
  });

  test('objects given namespace: ns get metadata.namespace, overriding the chart\'s', () => {
    const { app, chart } = newChart({ namespace: 'prod' });
    const ns = new Namespace(chart, 'team', { name: 'team-a' });
    const cm = new ConfigMap(chart, 'config', { namespace: ns, data: { a: '1' } });
    const secret = new Secret(chart, 'creds', { namespace: ns, stringData: { b: '2' } });
    const web = new Deployment(chart, 'web', {
      namespace: ns,
      containers: [{ image: 'nginx:1.27', port: 80, env: { A: cm.env('a'), B: secret.env('b') } }],
    });
    new Service(chart, 'svc', { namespace: ns, selector: web, ports: [{ port: 80 }] });
    new PersistentVolumeClaim(chart, 'data', { namespace: ns, storage: '1Gi' });
    new Pod(chart, 'tool', { namespace: ns, containers: [{ image: 'busybox:1.36' }] });
    new HorizontalPodAutoscaler(chart, 'hpa', { namespace: ns, target: web, maxReplicas: 3 });
    new ConfigMap(chart, 'elsewhere', { data: { c: '3' } });
    const objects = render(app);
    const namespaceOf = (kind: string, id?: string) =>
      objects.filter((o) => o.kind === kind && (!id || o.metadata.labels['app.kubernetes.io/name'] === id)).map((o) => o.metadata.namespace);
    for (const kind of ['Secret', 'Deployment', 'Service', 'PersistentVolumeClaim', 'Pod', 'HorizontalPodAutoscaler']) {
      expect([kind, namespaceOf(kind)]).toEqual([kind, ['team-a']]);
    }
    expect(namespaceOf('ConfigMap', 'config')).toEqual(['team-a']);
    expect(namespaceOf('ConfigMap', 'elsewhere')).toEqual(['prod']);
  });

  test('cluster-scoped objects ignore a namespace', () => {
    const { app, chart } = newChart();
    const ns = new Namespace(chart, 'team', { name: 'team-a' });
    new StorageClass(chart, 'fast', { provisioner: 'ebs.csi.aws.com', namespace: ns } as any);
    expect(oneOfKind(app, 'StorageClass').metadata).not.toHaveProperty('namespace');
  });

  test('the Namespace is ordered before the objects in it, wherever it is declared', () => {
    const { app, chart } = newChart();
    const early = new Construct(chart, 'apps');
    const ns = new Namespace(chart, 'team', { name: 'team-a' });
    new ConfigMap(early, 'config', { namespace: ns });
    new Deployment(early, 'web', { namespace: ns, containers: [{ image: 'nginx:1.27' }] });
    const late = new Namespace(chart, 'late', { name: 'late' });
    new Pod(early, 'tool', { namespace: late, containers: [{ image: 'busybox:1.36' }] });
    const objects = render(app);
    const index = (pred: (o: any) => boolean) => objects.findIndex(pred);
    const nsIndex = index((o) => o.kind === 'Namespace' && o.metadata.name === 'team-a');
    const lateIndex = index((o) => o.kind === 'Namespace' && o.metadata.name === 'late');
    for (const o of objects.filter((x) => x.metadata.namespace === 'team-a')) expect(objects.indexOf(o)).toBeGreaterThan(nsIndex);
    expect(index((o) => o.kind === 'Pod')).toBeGreaterThan(lateIndex);
    expect(objects.filter((o) => o.metadata.namespace === 'team-a')).toHaveLength(2);
  });

  test('objects in a namespace depend on it', () => {
    const { chart } = newChart();
    const ns = new Namespace(chart, 'team', { name: 'team-a' });
    const cm = new ConfigMap(chart, 'config', { namespace: ns });
    expect(cm.namespaceObject).toBe(ns);
    expect(cm.node.dependencies).toContain(ns);
  });

  test('fromName emits nothing and places objects in that namespace', () => {
    const { app, chart } = newChart();
    const sys = Namespace.fromName(chart, 'sys', 'kube-system');
    new ConfigMap(chart, 'config', { namespace: sys, data: { a: '1' } });
    const objects = render(app);
    expect(objects.map((o) => o.kind)).toEqual(['ConfigMap']);
    expect(objects[0].metadata.namespace).toBe('kube-system');
  });

  test('a Namespace from another chart sets the namespace of objects in this chart', () => {
    const app = new App({ outdir: TEST_OUTDIR });
    const base = new Chart(app, 'base');
    const ns = new Namespace(base, 'team', { name: 'team-a' });
    const apps = new Chart(app, 'apps');
    new ConfigMap(apps, 'config', { namespace: ns });
    const result = app.synthesize({ validate: true });
    expect(result.issues).toEqual([]);
    expect(result.charts.map((c) => c.objects.map((o) => `${o.json.kind}/${o.json.metadata.namespace ?? ''}`))).toEqual([['Namespace/'], ['ConfigMap/team-a']]);
  });

  test('invalid names are rejected with the path and the value', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new Namespace(chart, 'a', { name: 'Team_A' }), 'test/a', '"Team_A"');
    expectKubeforgeError(() => new Namespace(chart, 'b', { name: 'team.a' }), 'test/b', '"team.a"');
    expectKubeforgeError(() => new Namespace(chart, 'c', { name: 'x'.repeat(64) }), 'test/c', '64 characters');
    const app = new App({ outdir: TEST_OUTDIR });
    expectKubeforgeError(() => new Chart(app, 'bad', { namespace: 'Prod' }), 'bad', '"Prod"');
  });
});

describe('references across namespaces', () => {
  function twoNamespaces() {
    const { app, chart } = newChart();
    const a = new Namespace(chart, 'a', { name: 'team-a' });
    const b = new Namespace(chart, 'b', { name: 'team-b' });
    return { app, chart, a, b };
  }

  test('a Service selecting a workload in another namespace fails synth, naming both paths', () => {
    const { app, chart, a, b } = twoNamespaces();
    const web = new Deployment(chart, 'web', { namespace: a, containers: [{ image: 'nginx:1.27', port: 80 }] });
    new Service(chart, 'svc', { namespace: b, selector: web, ports: [{ port: 80 }] });
    expectSynthError(app, 'test/svc', 'test/web', 'team-a', 'team-b');
  });

  test('an HPA scaling a workload in another namespace fails synth', () => {
    const { app, chart, a, b } = twoNamespaces();
    const web = new Deployment(chart, 'web', { namespace: a, containers: [{ image: 'nginx:1.27' }] });
    new HorizontalPodAutoscaler(chart, 'hpa', { namespace: b, target: web, maxReplicas: 3 });
    expectSynthError(app, 'test/hpa', 'test/web');
  });

  test('env, envFrom and volumes referring to objects in another namespace fail synth', () => {
    const { app, chart, a, b } = twoNamespaces();
    const cm = new ConfigMap(chart, 'config', { namespace: a, data: { k: 'v' } });
    const secret = new Secret(chart, 'creds', { namespace: a, stringData: { p: 'x' } });
    const claim = new PersistentVolumeClaim(chart, 'data', { namespace: a, storage: '1Gi' });
    const pod = new Pod(chart, 'tool', { namespace: b, containers: [{ image: 'busybox:1.36', env: { K: cm.env('k') }, envFrom: [secret.envFrom()] }] });
    pod.containers[0].mount('/data', claim);
    expectSynthError(app, 'test/tool', 'test/config');
    expectSynthError(app, 'test/tool', 'test/creds');
    expectSynthError(app, 'test/tool', 'test/data');
  });

  test('the same references within one namespace (explicit or via the chart) are fine', () => {
    const { app, chart } = newChart({ namespace: 'prod' });
    const cm = new ConfigMap(chart, 'config', { data: { k: 'v' } });
    const web = new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', port: 80, env: { K: cm.env('k') } }] });
    web.containers[0].mount('/etc/cfg', cm);
    web.exposeViaService();
    web.autoscale({ maxReplicas: 3 });
    expect(render(app).map((o) => o.metadata.namespace)).toEqual(['prod', 'prod', 'prod', 'prod']);
  });

  test('references to objects outside the app (fromName) are not checked', () => {
    const { app, chart, b } = twoNamespaces();
    const ext = ConfigMap.fromName(chart, 'ext', 'shared-config');
    new Pod(chart, 'tool', { namespace: b, containers: [{ image: 'busybox:1.36', envFrom: [ext.envFrom()] }] });
    expect(render(app).filter((o) => o.kind === 'Pod')).toHaveLength(1);
  });
});
