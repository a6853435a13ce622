/** Pod extras: projected, downwardAPI and ephemeral volumes, lifecycle hooks, sidecars. */
import {
  ConfigMap, CronJob, Deployment, DownwardApiFile, Job, Lifecycle, Namespace, Pod, Probe, ProjectionSource, Secret, StatefulSet, StorageClass, Volume,
} from '../../lib';
import { containerOf, expectKubeforgeError, expectSynthError, newChart, oneOfKind, podSpecOf } from './util';

const img = { image: 'nginx:1.27', port: 80 };

describe('projected volumes', () => {
  test('ConfigMap and Secret items, downward API files and a service account token in one directory', () => {
    const { app, chart } = newChart();
    const cfg = new ConfigMap(chart, 'cfg', { data: { 'app.yaml': 'a: 1', other: 'x' } });
    const creds = new Secret(chart, 'creds', { stringData: { password: 'p' } });
    const pod = new Pod(chart, 'p', { containers: [{ ...img, name: 'app' }] });
    pod.containers[0].mount('/etc/app', Volume.fromProjected('bundle', [
      ProjectionSource.configMap(cfg, { items: { 'app.yaml': 'config/app.yaml' } }),
      ProjectionSource.secret(creds, { items: { password: 'secret/password' }, optional: true }),
      ProjectionSource.downwardApi([DownwardApiFile.field('labels', 'metadata.labels'), DownwardApiFile.resource('mem', 'limits.memory', { containerName: 'app', divisor: '1Mi' })]),
      ProjectionSource.serviceAccountToken({ path: 'token', audience: 'vault', expirationSeconds: 600 }),
    ], { defaultMode: 0o440 }), { readOnly: true });
    const spec = podSpecOf(oneOfKind(app, 'Pod'));
    expect(spec.volumes).toEqual([{
      name: 'bundle',
      projected: {
        defaultMode: 0o440,
        sources: [
          { configMap: { name: cfg.name, items: [{ key: 'app.yaml', path: 'config/app.yaml' }] } },
          { secret: { name: creds.name, items: [{ key: 'password', path: 'secret/password' }], optional: true } },
          { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'mem', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } }] } },
          { serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } },
        ],
      },
    }]);
    expect(containerOf(oneOfKind(app, 'Pod')).volumeMounts).toEqual([{ name: 'bundle', mountPath: '/etc/app', readOnly: true }]);
  });

  test.each<[string, () => unknown[], string[]]>([
    ['a short token lifetime', () => [ProjectionSource.serviceAccountToken({ path: 'token', expirationSeconds: 599 })], ['expirationSeconds is out of range', '599']],
    ['an absolute path', () => [ProjectionSource.serviceAccountToken({ path: '/abs' })], ['must be a relative path', '/abs']],
    ['a path used twice', () => [ProjectionSource.serviceAccountToken({ path: 'a' }), ProjectionSource.downwardApi([DownwardApiFile.field('a', 'metadata.name')])], ['two files have the path "a"']],
    ['an empty downward API source', () => [ProjectionSource.downwardApi([])], ['needs at least one file']],
    ['no sources', () => [], ['has no sources']],
    ['a raw source', () => [{ secret: { name: 'x' } }], ['must be built with ProjectionSource']],
  ])('%s is rejected', (_name, sources, fragments) => {
    const { chart } = newChart();
    const pod = new Pod(chart, 'p', { containers: [img] });
    expectKubeforgeError(() => pod.addVolume(Volume.fromProjected('v', sources() as never)), 'test/p', 'volume "v"', ...fragments);
  });

  test('a projected key must exist in an in-app ConfigMap, and a source in another namespace fails synth', () => {
    const { app, chart } = newChart();
    const cfg = new ConfigMap(chart, 'cfg', { data: { a: '1' } });
    const pod = new Pod(chart, 'p', { containers: [img] });
    expectKubeforgeError(() => pod.addVolume(Volume.fromProjected('v', [ProjectionSource.configMap(cfg, { items: { b: 'b' } })])), 'key "b" does not exist in test/cfg');
    const ns = new Namespace(chart, 'ns', { name: 'other' });
    const far = new Secret(chart, 'far', { namespace: ns, stringData: { k: 'v' } });
    pod.addVolume(Volume.fromProjected('w', [ProjectionSource.secret(far)]));
    expectSynthError(app, 'test/p', 'volume "w" refers to', 'test/far');
  });
});

describe('downwardAPI volumes', () => {
  test('field and resource files are rendered', () => {
    const { app, chart } = newChart();
    const d = new Deployment(chart, 'web', { containers: [{ ...img, name: 'web' }] });
    d.containers[0].mount('/etc/podinfo', Volume.fromDownwardApi('podinfo', [
      DownwardApiFile.field('name', 'metadata.name'),
      DownwardApiFile.field('tier', "metadata.labels['tier']", { mode: 0o400 }),
      DownwardApiFile.resource('cpu', 'requests.cpu', { containerName: 'web', divisor: '1m' }),
    ]));
    expect(podSpecOf(oneOfKind(app, 'Deployment')).volumes).toEqual([{
      name: 'podinfo',
      downwardAPI: { items: [
        { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
        { path: 'tier', fieldRef: { fieldPath: "metadata.labels['tier']" }, mode: 0o400 },
        { path: 'cpu', resourceFieldRef: { containerName: 'web', resource: 'requests.cpu', divisor: '1m' } },
      ] },
    }]);
  });

  test.each<[string, () => DownwardApiFile[], string[]]>([
    ['a status field', () => [DownwardApiFile.field('ip', 'status.podIP' as never)], ['fieldPath is not supported in a volume', 'status.podIP']],
    ['an unknown resource', () => [DownwardApiFile.resource('m', 'limits.gpu' as never, { containerName: 'c' })], ['resource is not supported', 'limits.gpu']],
    ['a resource without container', () => [DownwardApiFile.resource('m', 'limits.memory', {} as never)], ['needs containerName']],
    ['a byte divisor for cpu', () => [DownwardApiFile.resource('m', 'limits.cpu', { containerName: 'c', divisor: '1Mi' })], ['divisor is not valid for limits.cpu']],
    ['a path leaving the volume', () => [DownwardApiFile.field('../up', 'metadata.name')], ['must be a relative path']],
    ['a mode above 0777', () => [DownwardApiFile.field('a', 'metadata.name', { mode: 0o1000 })], ['mode is out of range']],
    ['a path used twice', () => [DownwardApiFile.field('a', 'metadata.name'), DownwardApiFile.field('a', 'metadata.uid')], ['two files have the path "a"']],
    ['a bad label subscript', () => [DownwardApiFile.field('a', "metadata.labels['bad key!']")], ['not a valid label key']],
  ])('%s is rejected', (_name, files, fragments) => {
    const { chart } = newChart();
    const pod = new Pod(chart, 'p', { containers: [img] });
    expectKubeforgeError(() => pod.addVolume(Volume.fromDownwardApi('info', files())), 'test/p', ...fragments);
  });

  test('a resource file naming a container the pod lacks fails synth', () => {
    const { app, chart } = newChart();
    new Pod(chart, 'p', { containers: [{ ...img, name: 'web' }], volumes: [Volume.fromDownwardApi('info', [DownwardApiFile.resource('m', 'limits.memory', { containerName: 'app' })])] });
    expectSynthError(app, 'test/p', 'container "app"', 'containers: web');
  });
});

describe('generic ephemeral volumes', () => {
  test('render a volumeClaimTemplate with the storage class object, size and access modes', () => {
    const { app, chart } = newChart();
    const fast = new StorageClass(chart, 'fast', { provisioner: 'ebs.csi.aws.com' });
    const job = new Job(chart, 'build', { containers: [{ image: 'busybox:1.36', command: ['true'] }] });
    job.containers[0].mount('/scratch', Volume.fromEphemeral('scratch', { storage: '20Gi', storageClass: fast, accessModes: ['ReadWriteOncePod'], volumeMode: 'Filesystem' }));
    expect(podSpecOf(oneOfKind(app, 'Job')).volumes).toEqual([{
      name: 'scratch',
      ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '20Gi' } }, storageClassName: fast.name, volumeMode: 'Filesystem' } } },
    }]);
  });

  test('size and access modes are checked', () => {
    const { chart } = newChart();
    const pod = new Pod(chart, 'p', { containers: [img] });
    expectKubeforgeError(() => pod.addVolume(Volume.fromEphemeral('a', { storage: '10GB' as never })), 'test/p', 'storage is not a valid Kubernetes quantity', '10GB');
    expectKubeforgeError(() => pod.addVolume(Volume.fromEphemeral('b', { storage: '0' })), 'must be greater than zero');
    expectKubeforgeError(() => pod.addVolume(Volume.fromEphemeral('c', {} as never)), 'needs storage');
    expectKubeforgeError(() => pod.addVolume(Volume.fromEphemeral('d', { storage: '1Gi', accessModes: [] })), 'empty accessModes');
    expectKubeforgeError(() => pod.addVolume(Volume.fromEphemeral('e', { storage: '1Gi', accessModes: ['ReadWriteAll' as never] })), 'access mode is not valid');
    expectKubeforgeError(() => pod.addVolume(Volume.fromEphemeral('f', { storage: '1Gi', accessModes: ['ReadWriteOncePod', 'ReadWriteMany'] })), 'combines ReadWriteOncePod with other access modes');
  });
});

describe('lifecycle hooks', () => {
  test('exec, httpGet (default port: the container\'s first) and sleep are rendered', () => {
    const { app, chart } = newChart();
    new Pod(chart, 'p', {
      containers: [
        { ...img, name: 'web', lifecycle: { postStart: Lifecycle.exec(['sh', '-c', 'echo up']), preStop: Lifecycle.sleep(5) } },
        { image: 'envoyproxy/envoy:v1.31', name: 'proxy', ports: [{ containerPort: 9901, name: 'admin' }], lifecycle: { preStop: Lifecycle.httpGet('/drain', { httpHeaders: [{ name: 'X-Drain', value: '1' }] }), postStart: Lifecycle.httpGet('/ready', { port: 'admin', scheme: 'HTTPS' }) } },
      ],
    });
    const pod = oneOfKind(app, 'Pod');
    expect(containerOf(pod, 'web').lifecycle).toEqual({ postStart: { exec: { command: ['sh', '-c', 'echo up'] } }, preStop: { sleep: { seconds: 5 } } });
    const t = newChart();
    new Pod(t.chart, 'q', { containers: [{ ...img, lifecycle: { postStart: undefined, preStop: Lifecycle.sleep(0) } }] });
    expect(containerOf(oneOfKind(t.app, 'Pod')).lifecycle).toEqual({ preStop: { sleep: { seconds: 0 } } });
    expect(containerOf(pod, 'proxy').lifecycle).toEqual({
      postStart: { httpGet: { path: '/ready', scheme: 'HTTPS', port: 'admin' } },
      preStop: { httpGet: { path: '/drain', httpHeaders: [{ name: 'X-Drain', value: '1' }], port: 9901 } },
    });
  });

  test('a sleep longer than the grace period, empty commands, bad paths and raw objects are rejected', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new Pod(chart, 'a', { containers: [{ ...img, lifecycle: { preStop: Lifecycle.sleep(31) } }] }), 'test/a', 'lifecycle sleep of 31s', 'terminationGracePeriodSeconds (30)');
    new Pod(chart, 'b', { terminationGracePeriodSeconds: 60, containers: [{ ...img, lifecycle: { preStop: Lifecycle.sleep(45) } }] });
    expectKubeforgeError(() => new Pod(chart, 'c', { containers: [{ ...img, lifecycle: { preStop: Lifecycle.sleep(-1) } }] }), 'lifecycle.preStop.sleep.seconds is out of range');
    expectKubeforgeError(() => new Pod(chart, 'd', { containers: [{ ...img, lifecycle: { postStart: Lifecycle.exec([]) } }] }), 'lifecycle.postStart.exec needs a command');
    expectKubeforgeError(() => new Pod(chart, 'e', { containers: [{ ...img, lifecycle: { preStop: Lifecycle.httpGet('drain') } }] }), 'must be an absolute URL path', 'drain');
    expectKubeforgeError(() => new Pod(chart, 'f', { containers: [{ ...img, lifecycle: { preStop: { exec: { command: ['x'] } } as never } }] }), 'lifecycle.preStop must be built with Lifecycle');
    expectKubeforgeError(() => new Pod(chart, 'g', { containers: [{ ...img, lifecycle: { preStop: Lifecycle.httpGet('/x', { port: 70000 }) } }] }), 'httpGet port is not a valid port number');
    expectKubeforgeError(() => new Pod(chart, 'h', { containers: [{ ...img, lifecycle: { preStop: Lifecycle.httpGet('/x', { httpHeaders: [{ name: 'X Drain', value: '1' }] }) } }] }), 'header name is not valid', 'X Drain');
  });

  test('an httpGet hook on an undeclared named port, or with no port at all, fails synth', () => {
    const { app, chart } = newChart();
    new Pod(chart, 'p', { containers: [{ image: 'busybox:1.36', name: 'a', lifecycle: { preStop: Lifecycle.httpGet('/x') } }, { ...img, name: 'b', lifecycle: { preStop: Lifecycle.httpGet('/x', { port: 'admin' }) } }] });
    expectSynthError(app, 'container "a"', 'a lifecycle hook has no port');
    expectSynthError(app, 'container "b"', 'a lifecycle hook uses port "admin"');
  });
});

describe('sidecars', () => {
  test('addSidecar() and restartPolicy Always make a sidecar init container, which may have probes and hooks', () => {
    const { app, chart } = newChart();
    const d = new Deployment(chart, 'web', { containers: [img], initContainers: [{ image: 'busybox:1.36', name: 'migrate', command: ['true'] }] });
    d.addSidecar({ image: 'fluent/fluent-bit:3.1', name: 'logs', port: 2020, readinessProbe: Probe.httpGet('/api/v1/health'), lifecycle: { preStop: Lifecycle.sleep(2) } });
    new CronJob(chart, 'cron', { schedule: '@hourly', containers: [{ image: 'busybox:1.36', command: ['true'] }], initContainers: [{ image: 'envoyproxy/envoy:v1.31', name: 'proxy', restartPolicy: 'Always' }] });
    const spec = podSpecOf(oneOfKind(app, 'Deployment'));
    expect(spec.initContainers.map((c: { name: string }) => c.name)).toEqual(['migrate', 'logs']);
    const [migrate, logs] = spec.initContainers;
    expect(migrate.restartPolicy).toBeUndefined();
    expect(logs.restartPolicy).toBe('Always');
    expect(logs.readinessProbe).toEqual({ httpGet: { path: '/api/v1/health', port: 2020 } });
    expect(logs.lifecycle).toEqual({ preStop: { sleep: { seconds: 2 } } });
    // The policy's default readiness probe is for the main containers only.
    expect(spec.containers[0].readinessProbe).toBeDefined();
    new StatefulSet(chart, 'db', { containers: [img] }).addSidecar({ image: 'busybox:1.36', name: 'side', port: 9000 });
    const sts = oneOfKind(app, 'StatefulSet');
    expect(podSpecOf(sts).initContainers[0].readinessProbe).toBeUndefined();
    expect(oneOfKind(app, 'CronJob').spec.jobTemplate.spec.template.spec.initContainers[0].restartPolicy).toBe('Always');
  });

  test('ordinary init containers may not have probes or hooks; regular containers may not have restartPolicy', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new Pod(chart, 'a', { containers: [img], initContainers: [{ image: 'busybox:1.36', readinessProbe: Probe.exec(['true']) }] }), 'test/a (init container "busybox")', 'cannot have probes', "restartPolicy: 'Always'");
    expectKubeforgeError(() => new Pod(chart, 'b', { containers: [img], initContainers: [{ image: 'busybox:1.36', lifecycle: { preStop: Lifecycle.sleep(1) } }] }), 'init containers cannot have lifecycle hooks');
    expectKubeforgeError(() => new Pod(chart, 'c', { containers: [{ ...img, restartPolicy: 'Always' }] }), 'test/c (container "nginx")', 'restartPolicy is only allowed on init containers');
    expectKubeforgeError(() => new Pod(chart, 'd', { containers: [img], initContainers: [{ image: 'busybox:1.36', restartPolicy: 'Never' as never }] }), 'must be Always');
  });
});
