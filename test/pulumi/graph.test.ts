/**
 * The dependency graph deploy() builds dependsOn from (Pulumi's mocks do not show dependsOn, so it is read from
 * the plan): construct dependencies plus references by name, and a registration order that honours it.
 */
import {
  ApiObject, ApiResource, App, Chart, ConfigMap, Deployment, KubeforgeError, Namespace, PersistentVolumeClaim, Role,
  Secret, ServiceAccount, StorageClass,
} from '../../lib';
import { DatabasesChart } from '../../examples/databases';
import { addMicroservice } from '../../bench/kubeforge-app';
import { DeploymentPlan, planDeployment } from '../../lib/pulumi/plan';

const nginx = { image: 'nginx:1.27', ports: [{ containerPort: 80 }] };

function plan(build: (app: App) => void): DeploymentPlan {
  const app = new App({ rules: { 'run-as-root': 'off' } });
  build(app);
  return planDeployment(app);
}

/** Every object comes after every object it depends on. */
function expectTopological(p: DeploymentPlan): void {
  const position = new Map(p.objects.map((o, i) => [o.path, i]));
  for (const o of p.objects) for (const d of o.dependsOn) expect(position.get(d)!).toBeLessThan(position.get(o.path)!);
}

test('databases: PV before its claim, claim and Secret before the Deployment that uses them', () => {
  const p = plan((app) => new DatabasesChart(app, 'db'));
  expect(p.graph.get('db/mysql/data')).toEqual(['db/mysql/volume']);
  expect(p.graph.get('db/mysql/server')).toEqual(['db/mysql/auth', 'db/mysql/data']);
  expect(p.graph.get('db/redis/server')).toEqual(['db/redis/data']);
  expect(p.graph.get('db/mysql/volume')).toEqual([]);
  expectTopological(p);
});

test('microservice: ConfigMap and PVC before the Deployment (env, envFrom and volume references)', () => {
  const p = plan((app) => addMicroservice(new Chart(app, 'svc'), 0));
  expect(p.graph.get('svc/deployment')).toEqual(['svc/config', 'svc/data']);
  expect(p.graph.get('svc/deployment/service')).toEqual([]);
  expectTopological(p);
});

test('a Namespace comes before everything that lives in it, whether passed as an object or named by the chart', () => {
  const p = plan((app) => {
    const infra = new Chart(app, 'infra');
    const ns = new Namespace(infra, 'shop', { name: 'shop' });
    new ConfigMap(new Chart(app, 'by-name', { namespace: 'shop' }), 'cm', { data: { a: 'b' } });
    new ConfigMap(infra, 'by-object', { namespace: ns, data: { a: 'b' } });
    new ConfigMap(new Chart(app, 'elsewhere', { namespace: 'other' }), 'cm', { data: { a: 'b' } });
  });
  expect(p.graph.get('by-name/cm')).toEqual(['infra/shop']);
  expect(p.graph.get('infra/by-object')).toEqual(['infra/shop']);
  expect(p.graph.get('elsewhere/cm')).toEqual([]);
  expectTopological(p);
});

test('StorageClass before the claim that names it; the claim awaits only when its class binds at once', () => {
  const p = plan((app) => {
    const chart = new Chart(app, 'st');
    const fast = new StorageClass(chart, 'fast', { provisioner: 'example.com/fast' });
    const lazy = new StorageClass(chart, 'lazy', { provisioner: 'example.com/lazy', volumeBindingMode: 'WaitForFirstConsumer' });
    new PersistentVolumeClaim(chart, 'immediate', { storage: '1Gi', accessModes: ['ReadWriteOnce'], storageClass: fast });
    new PersistentVolumeClaim(chart, 'late', { storage: '1Gi', accessModes: ['ReadWriteOnce'], storageClass: lazy });
    new PersistentVolumeClaim(chart, 'default-class', { storage: '1Gi', accessModes: ['ReadWriteOnce'] });
    // Referenced only by name (a raw object): found by the reference scan, not a construct dependency.
    new ApiObject(chart, 'raw', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'raw' },
      spec: { storageClassName: fast.name, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    } as any);
  });
  expect(p.graph.get('st/immediate')).toEqual(['st/fast']);
  expect(p.graph.get('st/late')).toEqual(['st/lazy']);
  expect(p.graph.get('st/raw')).toEqual(['st/fast']);
  const skip = (path: string) => p.objects.find((o) => o.path === path)!.options.skipAwait;
  expect(skip('st/immediate')).toBeUndefined();
  expect(skip('st/late')).toBe(true);
  expect(skip('st/default-class')).toBe(true); // the cluster's default class is unknown: it may be WaitForFirstConsumer
  expectTopological(p);
});

test('ServiceAccount, Role and binding: the workload waits for its account, the binding for both', () => {
  const p = plan((app) => {
    const chart = new Chart(app, 'rbac');
    const sa = new ServiceAccount(chart, 'runner');
    const role = new Role(chart, 'reader');
    role.allowRead(ApiResource.ofKind('Pod'));
    role.bind(sa);
    new Deployment(chart, 'app', { containers: [nginx], serviceAccountName: sa.name });
  });
  expect(p.graph.get('rbac/app')).toEqual(['rbac/runner']);
  const binding = p.objects.find((o) => o.json.kind === 'RoleBinding')!;
  expect(binding.dependsOn).toEqual(expect.arrayContaining(['rbac/reader', 'rbac/runner']));
  expectTopological(p);
});

test('construct dependencies count across charts, and a dependency on a scope means all its objects', () => {
  const p = plan((app) => {
    const base = new Chart(app, 'base');
    new ConfigMap(base, 'one', { data: { a: 'b' } });
    new ConfigMap(base, 'two', { data: { a: 'b' } });
    const web = new ConfigMap(new Chart(app, 'web'), 'cm', { data: { a: 'b' } });
    web.node.addDependency(base);
  });
  expect(p.graph.get('web/cm')).toEqual(['base/one', 'base/two']);
  expectTopological(p);
});

test('a Chart\'s dependency applies to every object in it, including objects made by other objects', () => {
  const p = plan((app) => {
    const db = new Chart(app, 'db');
    new ConfigMap(db, 'schema', { data: { a: 'b' } });
    const web = new Chart(app, 'web');
    new Deployment(web, 'app', { containers: [nginx] }).exposeViaService();
    web.node.addDependency(db);
  });
  expect(p.graph.get('web/app')).toEqual(['db/schema']);
  expect(p.graph.get('web/app/service')).toEqual(['db/schema']);
  expect(p.graph.get('db/schema')).toEqual([]);
  expectTopological(p);
});

test('objects outside the app (fromName) are no dependencies', () => {
  const p = plan((app) => {
    const chart = new Chart(app, 'ext');
    const s = Secret.fromName(chart, 'existing', 'db-credentials');
    new Deployment(chart, 'app', { containers: [{ ...nginx, env: { PASSWORD: s.env('password') } }] });
  });
  expect(p.objects.map((o) => o.path)).toEqual(['ext/app']);
  expect(p.graph.get('ext/app')).toEqual([]);
});

test('a reference cycle is an error naming the objects', () => {
  const app = new App();
  const chart = new Chart(app, 'cyc');
  // Synth only orders within a chart; across charts a reference (PVC → PV by name) plus a construct
  // dependency (PV → PVC) form a cycle only the bridge sees.
  const pv = new ApiObject(chart, 'pv', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/x' } } } as any);
  const pvc = new ApiObject(new Chart(app, 'other'), 'pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pvc' }, spec: { volumeName: 'pv', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } as any);
  pv.node.addDependency(pvc);
  expect(() => planDeployment(app, { validate: false })).toThrow(KubeforgeError);
  expect(() => planDeployment(app, { validate: false })).toThrow(/cyc\/pv.*other\/pvc|other\/pvc.*cyc\/pv/);
});
