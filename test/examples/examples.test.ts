/** Each bundled example, checked on the fields the scenario is about. */
import { App, LABEL_VERSION } from '../../lib';
import { buildExampleApp } from '../../examples/main';
import { ConfigEnvChart } from '../../examples/config-env';
import { DatabasesChart } from '../../examples/databases';
import { NginxPodChart } from '../../examples/nginx-pod';
import { PlatformChart } from '../../examples/platform';
import { RolloutChart } from '../../examples/rollout';
import { WebAppChart } from '../../examples/web-app';

type Obj = Record<string, any>;

function objects(build: (app: App) => void): Obj[] {
  const app = new App();
  build(app);
  const result = app.synthesize();
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return result.charts.flatMap((c) => c.objects.map((o) => o.json));
}
const one = (objs: Obj[], kind: string): Obj => {
  const found = objs.filter((o) => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};

test('the whole example app synthesizes with no findings at all', () => {
  const result = buildExampleApp().synthesize();
  expect(result.issues).toEqual([]);
  expect(result.charts.map((c) => c.fileName)).toEqual(['nginx-pod.k8s.yaml', 'webapp.k8s.yaml', 'rollout.k8s.yaml', 'databases.k8s.yaml', 'config-env.k8s.yaml', 'platform.k8s.yaml']);
});

test('the example app would warn about its root images without its run-as-root setting', () => {
  const result = buildExampleApp({ rules: {} }).synthesize();
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect([...new Set(result.issues.map((i) => i.ruleId))]).toEqual(['run-as-root']);
});

test('nginx Pod with labels', () => {
  const pod = one(objects((app) => new NginxPodChart(app, 'nginx-pod')), 'Pod');
  expect(pod.metadata.labels).toMatchObject({ app: 'nginx', tier: 'frontend', 'app.kubernetes.io/name': 'nginx' });
  expect(pod.spec.containers).toHaveLength(1);
  expect(pod.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }] });
});

test('web app: 3 replicas → HPA 1-10 at 50% CPU, LoadBalancer 80 → 8080', () => {
  const objs = objects((app) => new WebAppChart(app, 'webapp'));
  const d = one(objs, 'Deployment');
  const svc = one(objs, 'Service');
  const hpa = one(objs, 'HorizontalPodAutoscaler');
  expect(d.spec.replicas).toBeUndefined(); // the HPA owns the count
  expect(d.spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '512Mi' });
  expect(d.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, name: 'http' }]);
  expect(svc.spec.type).toBe('LoadBalancer');
  expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }]);
  expect(svc.spec.selector).toEqual(d.spec.selector.matchLabels);
  expect(hpa.spec).toMatchObject({
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name },
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
  });
});

test('rollout: Recreate and RollingUpdate; an image update changes only image and version label', () => {
  const render = (image: string) => objects((app) => new RolloutChart(app, 'rollout', { image }));
  const before = render('nginx:1.27');
  const after = render('nginx:1.28');
  const [recreate, rolling] = before.filter((o) => o.kind === 'Deployment');
  expect(recreate.spec.strategy).toEqual({ type: 'Recreate' });
  expect(rolling.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  expect(rolling.spec).toMatchObject({ replicas: 3, minReadySeconds: 5, revisionHistoryLimit: 5 });
  before.forEach((b, i) => {
    const a = after[i];
    expect(a.metadata.name).toBe(b.metadata.name);
    expect(a.spec.selector).toEqual(b.spec.selector);
    expect(a.spec.template.spec.containers[0].image).toBe('nginx:1.28');
    expect(a.spec.template.metadata.labels[LABEL_VERSION]).toBe('1.28');
    // everything else identical
    const strip = (o: Obj) => JSON.parse(JSON.stringify(o).replace(/1\.2[78]/g, 'X'));
    expect(strip(a)).toEqual(strip(b));
  });
});

test('databases: MySQL and Redis on NFS PVs (1Gi, RWO, Retain) with bound claims mounted into their Deployments', () => {
  const objs = objects((app) => new DatabasesChart(app, 'databases', { nfsServer: 'nfs.internal' }));
  const pvs = objs.filter((o) => o.kind === 'PersistentVolume');
  const pvcs = objs.filter((o) => o.kind === 'PersistentVolumeClaim');
  const deps = objs.filter((o) => o.kind === 'Deployment');
  expect(pvs).toHaveLength(2);
  for (const [i, db] of ['mysql', 'redis'].entries()) {
    expect(pvs[i].spec).toMatchObject({
      capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain',
      nfs: { server: 'nfs.internal', path: `/exports/${db}` },
    });
    expect(pvcs[i].spec).toMatchObject({ volumeName: pvs[i].metadata.name, storageClassName: '', resources: { requests: { storage: '1Gi' } } });
    const pod = deps[i].spec.template.spec;
    expect(deps[i].spec.strategy).toEqual({ type: 'Recreate' });
    expect(pod.volumes).toEqual([{ name: expect.any(String), persistentVolumeClaim: { claimName: pvcs[i].metadata.name } }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: pod.volumes[0].name, mountPath: db === 'mysql' ? '/var/lib/mysql' : '/data' }]);
  }
  const mysql = deps[0].spec.template.spec.containers[0];
  const secret = one(objs, 'Secret');
  expect(mysql.env).toEqual([{ name: 'MYSQL_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: secret.metadata.name, key: 'root-password' } } }]);
  expect(Buffer.from(secret.data['root-password'], 'base64').toString()).toBe('change-me-before-production');
});

test('config and env: ConfigMap/Secret keys, envFrom with prefix, a mounted file, a client Pod in devops', () => {
  const objs = objects((app) => new ConfigEnvChart(app, 'config-env'));
  const cm = one(objs, 'ConfigMap');
  const secret = one(objs, 'Secret');
  const d = one(objs, 'Deployment');
  const ns = one(objs, 'Namespace');
  const pod = one(objs, 'Pod');
  const svc = one(objs, 'Service');
  const c = d.spec.template.spec.containers[0];
  expect(c.env).toEqual([
    { name: 'GREETING', valueFrom: { configMapKeyRef: { name: cm.metadata.name, key: 'GREETING' } } },
    { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: cm.metadata.name, key: 'LOG_LEVEL' } } },
    { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: secret.metadata.name, key: 'API_TOKEN' } } },
  ]);
  expect(c.envFrom).toEqual([{ prefix: 'CFG_', configMapRef: { name: cm.metadata.name } }]);
  expect(d.spec.template.spec.volumes).toEqual([{ name: expect.any(String), configMap: { name: cm.metadata.name, items: [{ key: 'app.properties', path: 'app.properties' }] } }]);
  expect(c.volumeMounts).toEqual([{ name: d.spec.template.spec.volumes[0].name, mountPath: '/etc/app', readOnly: true }]);
  expect(ns.metadata.name).toBe('devops');
  expect(ns.metadata.namespace).toBeUndefined();
  expect(pod.metadata.namespace).toBe('devops');
  expect(d.metadata.namespace).toBe('default');
  expect(pod.spec.containers[0].command[2]).toContain(`http://${svc.metadata.name}.default.svc/`);
  expect(objs[0].kind).toBe('Namespace');
});

test('platform: every catalogue kind in one namespace, wired by objects', () => {
  const objs = objects((app) => new PlatformChart(app, 'platform'));
  const kinds = new Set(objs.map((o) => o.kind));
  for (const k of ['Namespace', 'ConfigMap', 'ResourceQuota', 'LimitRange', 'PriorityClass', 'ServiceAccount', 'Role', 'RoleBinding',
    'Deployment', 'Service', 'PodDisruptionBudget', 'IngressClass', 'Ingress', 'NetworkPolicy', 'StorageClass',
    'PersistentVolume', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']) expect(kinds).toContain(k);
  const namespaced = objs.filter((o) => !['Namespace', 'PriorityClass', 'IngressClass', 'StorageClass', 'PersistentVolume'].includes(o.kind));
  expect(new Set(namespaced.map((o) => o.metadata.namespace))).toEqual(new Set(['platform']));

  const api = objs.find((o) => o.kind === 'Deployment' && o.metadata.name !== 'status-page')!;
  const apiSvc = objs.find((o) => o.kind === 'Service' && o.spec.clusterIP !== 'None' && o.metadata.name !== 'status-page')!;
  expect(apiSvc.spec.selector).toEqual(api.spec.selector.matchLabels);
  const pod = api.spec.template.spec;
  expect(pod.serviceAccountName).toBe(one(objs, 'ServiceAccount').metadata.name);
  expect(pod.priorityClassName).toBe(one(objs, 'PriorityClass').metadata.name);
  expect(pod.topologySpreadConstraints).toEqual([expect.objectContaining({
    topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: api.spec.selector,
  })]);
  expect(pod.affinity.podAntiAffinity).toBeUndefined(); // spreading is a soft constraint, not required anti-affinity
  expect(pod.initContainers).toEqual([expect.objectContaining({ name: 'log-shipper', restartPolicy: 'Always' })]);
  expect(pod.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
  expect(pod.volumes.find((v: Obj) => v.name === 'podinfo').projected.sources).toEqual([
    { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
    { configMap: { name: one(objs, 'ConfigMap').metadata.name } },
  ]);
  const ing = one(objs, 'Ingress');
  expect(ing.spec.ingressClassName).toBe(one(objs, 'IngressClass').metadata.name);
  expect(ing.spec.rules[0].http.paths[0].backend.service).toEqual({ name: apiSvc.metadata.name, port: { name: 'http' } });
  expect(one(objs, 'PodDisruptionBudget').spec).toEqual({ selector: api.spec.selector, maxUnavailable: 1 });
  const binding = one(objs, 'RoleBinding');
  expect(binding.roleRef).toMatchObject({ kind: 'Role', name: one(objs, 'Role').metadata.name });
  expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: one(objs, 'ServiceAccount').metadata.name, namespace: 'platform' }]);
  expect(one(objs, 'Role').rules).toEqual(expect.arrayContaining([
    expect.objectContaining({ apiGroups: [''], resources: ['configmaps'] }),
    expect.objectContaining({ apiGroups: ['apps'], resources: ['deployments'] }),
  ]));

  // The store's claims bind to the two static volumes through the no-provisioner class.
  const sts = one(objs, 'StatefulSet');
  const cls = one(objs, 'StorageClass');
  const pvs = objs.filter((o) => o.kind === 'PersistentVolume');
  expect(pvs).toHaveLength(sts.spec.replicas);
  for (const pv of pvs) expect(pv.spec.storageClassName).toBe(cls.metadata.name);
  expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: cls.metadata.name, resources: { requests: { storage: '1Gi' } } });
  const headless = objs.find((o) => o.kind === 'Service' && o.spec.clusterIP === 'None')!;
  expect(sts.spec.serviceName).toBe(headless.metadata.name);
  expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  expect(sts.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
    { weight: 100, podAffinityTerm: { labelSelector: sts.spec.selector, topologyKey: 'kubernetes.io/hostname' } },
  ]);
  expect(one(objs, 'DaemonSet').spec.template.spec.tolerations).toEqual([{ operator: 'Exists' }]);

  const deny = objs.filter((o) => o.kind === 'NetworkPolicy').find((p) => !p.spec.ingress)!;
  expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  expect(one(objs, 'Job').spec).toMatchObject({ backoffLimit: 2, ttlSecondsAfterFinished: 3600 });
  // The included YAML: its own fields kept, the patch applied, the Include's namespace given.
  const status = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'status-page')!;
  expect(status.metadata).toEqual({ name: 'status-page', namespace: 'platform', labels: { app: 'status-page' } });
  expect(status.spec.replicas).toBe(2);
  expect(status.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } });
  expect(one(objs, 'CronJob').spec).toMatchObject({ schedule: '0 3 * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
});
