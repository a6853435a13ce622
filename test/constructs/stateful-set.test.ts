import { Deployment, Namespace, Service, StatefulSet, StatefulSetUpdateStrategy, StorageClass } from '../../lib';
import { containerOf, expectKubeforgeError, expectSynthError, newChart, objectsOfKind, oneOfKind, podSpecOf, render } from './util';

const db = { image: 'postgres:16', ports: [{ containerPort: 5432, name: 'pg' }] };

describe('StatefulSet', () => {
  test('renders apps/v1 with replicas from the policy, a matching selector, and no serviceName unless asked', () => {
    const { app, chart } = newChart({}, { defaults: { replicas: 3 } });
    new StatefulSet(chart, 'db', { containers: [db] });
    const s = oneOfKind(app, 'StatefulSet');
    expect(s.apiVersion).toBe('apps/v1');
    expect(s.spec.replicas).toBe(3);
    for (const [k, v] of Object.entries(s.spec.selector.matchLabels)) expect(s.spec.template.metadata.labels[k]).toBe(v);
    for (const f of ['serviceName', 'volumeClaimTemplates', 'updateStrategy', 'podManagementPolicy', 'ordinals']) expect(s.spec).not.toHaveProperty(f);
    expect(containerOf(s).readinessProbe).toEqual({ tcpSocket: { port: 5432 } });
  });

  test('volumeClaimTemplates are typed, mounted by name, and not listed as pod volumes', () => {
    const { app, chart } = newChart();
    const fast = new StorageClass(chart, 'fast', { provisioner: 'ebs.csi.aws.com' });
    const sts = new StatefulSet(chart, 'db');
    const data = sts.addVolumeClaimTemplate('data', { storage: '10Gi', storageClass: fast });
    const wal = sts.addVolumeClaimTemplate('wal', { storage: '1Gi', accessModes: ['ReadWriteOncePod'], volumeMode: 'Filesystem' });
    const c = sts.addContainer(db);
    c.mount('/var/lib/postgresql/data', data);
    c.mount('/wal', wal, { readOnly: true });
    expect(sts.volumeClaimTemplates.map((t) => t.name)).toEqual(['data', 'wal']);
    const s = oneOfKind(app, 'StatefulSet');
    expect(s.spec.volumeClaimTemplates).toEqual([
      { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, storageClassName: fast.name } },
      { metadata: { name: 'wal' }, spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' } },
    ]);
    expect(containerOf(s).volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql/data' }, { name: 'wal', mountPath: '/wal', readOnly: true }]);
    expect(podSpecOf(s)).not.toHaveProperty('volumes');
  });

  test('a claim template cannot be mounted by another workload', () => {
    const { chart } = newChart();
    const sts = new StatefulSet(chart, 'db', { containers: [db] });
    const data = sts.addVolumeClaimTemplate('data', { storage: '1Gi' });
    const other = new Deployment(chart, 'web');
    expectKubeforgeError(() => other.addContainer({ image: 'nginx:1.27' }).mount('/data', data), 'test/web', 'volumeClaimTemplate of test/db');
  });

  test('bad claim templates are rejected with the path and value', () => {
    const { chart } = newChart();
    const sts = new StatefulSet(chart, 'db', { containers: [db] });
    sts.addVolumeClaimTemplate('data', { storage: '1Gi' });
    expectKubeforgeError(() => sts.addVolumeClaimTemplate('data', { storage: '1Gi' }), 'test/db', 'same name', '"data"');
    expectKubeforgeError(() => sts.addVolumeClaimTemplate('Data_1', { storage: '1Gi' }), 'test/db', '"Data_1"');
    expectKubeforgeError(() => sts.addVolumeClaimTemplate('x', { storage: '10 GB' as never }), 'test/db', '"10 GB"');
    expectKubeforgeError(() => sts.addVolumeClaimTemplate('y', { storage: '0' }), 'test/db', 'greater than zero');
    expectKubeforgeError(() => sts.addVolumeClaimTemplate('z', { storage: '1Gi', accessModes: ['ReadWriteAlways' as never] }), 'test/db', '"ReadWriteAlways"');
    expectKubeforgeError(() => sts.addVolumeClaimTemplate('w', {} as never), 'test/db', 'needs storage');
  });

  test('exposeViaHeadlessService creates a headless Service that selects the pods and becomes serviceName', () => {
    const { app, chart } = newChart();
    const sts = new StatefulSet(chart, 'db', { containers: [db] });
    const svc = sts.exposeViaHeadlessService();
    expect(sts.service).toBe(svc);
    const objs = render(app);
    const s = objs.find((o) => o.kind === 'StatefulSet')!;
    const service = objs.find((o) => o.kind === 'Service')!;
    expect(s.spec.serviceName).toBe(service.metadata.name);
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.ports).toEqual([{ port: 5432, targetPort: 'pg', name: 'pg' }]);
    for (const [k, v] of Object.entries(service.spec.selector)) expect(s.spec.template.metadata.labels[k]).toBe(v);
  });

  test('exposeViaHeadlessService names unnamed ports when there are several, and lists a port shared by two containers once', () => {
    const { app, chart } = newChart();
    const sts = new StatefulSet(chart, 'kafka', { containers: [{ image: 'kafka:3.8', ports: [{ containerPort: 9092 }, { containerPort: 9093, protocol: 'TCP' }] }, { image: 'exporter:1', name: 'metrics', port: 9092 }] });
    sts.exposeViaHeadlessService();
    expect(oneOfKind(app, 'Service').spec.ports).toEqual([{ port: 9092, targetPort: 9092, name: 'tcp-9092' }, { port: 9093, targetPort: 9093, name: 'tcp-9093', protocol: 'TCP' }]);
  });

  test('a headless Service passed as service is used; a non-headless one, or a second one, is rejected', () => {
    const { app, chart } = newChart();
    const peers = new Service(chart, 'peers', { headless: true });
    const sts = new StatefulSet(chart, 'db', { containers: [db], service: peers });
    peers.select(sts);
    expect(oneOfKind(app, 'StatefulSet').spec.serviceName).toBe(peers.name);
    expectKubeforgeError(() => sts.exposeViaHeadlessService({ id: 'other' }), 'test/db', 'already has a governing Service');
    const plain = new Service(newChart().chart, 'plain', { ports: [{ port: 80 }] });
    expectKubeforgeError(() => new StatefulSet(plain.node.scope!, 'db2', { containers: [db], service: plain }), 'test/db2', 'not headless');
  });

  test('a governing Service in another namespace fails synth', () => {
    const { app, chart } = newChart();
    const svc = new Service(chart, 'peers', { headless: true, namespace: Namespace.fromName(chart, 'other', 'other') });
    new StatefulSet(chart, 'db', { containers: [db], service: svc });
    expectSynthError(app, 'test/db', 'namespace other');
  });

  test('update strategies, pod management, retention, ordinals and rollout settings are rendered', () => {
    const { app, chart } = newChart();
    new StatefulSet(chart, 'a', { containers: [db], updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: 2, maxUnavailable: '50%' }), podManagementPolicy: 'Parallel', minReadySeconds: 5, revisionHistoryLimit: 4, replicas: 0 });
    new StatefulSet(chart, 'b', { containers: [db], updateStrategy: StatefulSetUpdateStrategy.onDelete(), persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' }, ordinalsStart: 1 });
    new StatefulSet(chart, 'c', { containers: [db], updateStrategy: StatefulSetUpdateStrategy.rollingUpdate() });
    const [a, b, c] = objectsOfKind(app, 'StatefulSet');
    expect(a.spec).toMatchObject({ replicas: 0, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2, maxUnavailable: '50%' } }, podManagementPolicy: 'Parallel', minReadySeconds: 5, revisionHistoryLimit: 4 });
    expect(b.spec).toMatchObject({ updateStrategy: { type: 'OnDelete' }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' }, ordinals: { start: 1 } });
    expect(c.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
  });

  test('autoscale() creates an HPA for the StatefulSet and replicas are omitted', () => {
    const { app, chart } = newChart();
    const sts = new StatefulSet(chart, 'db', { containers: [db], replicas: 3 });
    sts.autoscale({ maxReplicas: 5 });
    const objs = render(app);
    expect(objs.find((o) => o.kind === 'StatefulSet')!.spec).not.toHaveProperty('replicas');
    expect(objs.find((o) => o.kind === 'HorizontalPodAutoscaler')!.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: sts.name });
  });

  test('invalid settings are rejected at construction with the path and value', () => {
    const { chart } = newChart();
    const bad: [string, object, string][] = [
      ['a', { replicas: -1 }, '-1'],
      ['b', { updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ partition: -1 }) }, 'partition'],
      ['c', { updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: 0 }) }, 'maxUnavailable is zero'],
      ['d', { updateStrategy: StatefulSetUpdateStrategy.rollingUpdate({ maxUnavailable: '200%' }) }, '"200%"'],
      ['e', { podManagementPolicy: 'Random' }, '"Random"'],
      ['f', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } }, '"Keep"'],
      ['g', { ordinalsStart: -3 }, '-3'],
      ['h', { restartPolicy: 'Never' }, 'Always'],
      ['i', { minReadySeconds: 1.5 }, '1.5'],
    ];
    for (const [id, props, fragment] of bad) expectKubeforgeError(() => new StatefulSet(chart, id, { containers: [db], ...props }), `test/${id}`, fragment);
  });

  test('names: at most 52 characters (the pods\' controller-revision-hash label), generated ones fit', () => {
    expectKubeforgeError(() => new StatefulSet(newChart().chart, 'db', { name: 'd'.repeat(53), containers: [db] }), 'test/db', 'at most 52');
    expectKubeforgeError(() => new StatefulSet(newChart().chart, 'db', { name: 'db.main', containers: [db] }), 'test/db', '"db.main"');
    const { app, chart } = newChart();
    const sts = new StatefulSet(chart, 'x'.repeat(80), { containers: [db] });
    expect(sts.name.length).toBeLessThanOrEqual(52);
    expect(oneOfKind(app, 'StatefulSet').metadata.name).toBe(sts.name);
  });
});
