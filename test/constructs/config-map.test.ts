import { ConfigMap, Deployment, Pod } from '../../lib';
import { containerOf, errors, expectKubeforgeError, expectSynthError, newChart, oneOfKind, podSpecOf, render } from './util';

describe('ConfigMap', () => {
  test('data, binaryData and immutable', () => {
    const { app, chart } = newChart({ namespace: 'prod' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');
    const cm = new ConfigMap(chart, 'config', { data: { LOG_LEVEL: 'info', 'app.properties': 'a=1\nb=2\n' }, binaryData: { 'logo.png': png }, immutable: true });
    cm.addData('EXTRA', 'yes');
    const obj = oneOfKind(app, 'ConfigMap');
    expect(obj.apiVersion).toBe('v1');
    expect(obj.metadata.name).toBe(cm.name);
    expect(obj.metadata.namespace).toBe('prod');
    expect(obj.immutable).toBe(true);
    expect(obj.data).toEqual({ LOG_LEVEL: 'info', 'app.properties': 'a=1\nb=2\n', EXTRA: 'yes' });
    expect(obj.binaryData).toEqual({ 'logo.png': png });
    expect(cm.keys).toEqual(['LOG_LEVEL', 'app.properties', 'EXTRA', 'logo.png']);
  });

  test('an empty, mutable ConfigMap has no data, binaryData or immutable fields', () => {
    const { app, chart } = newChart();
    new ConfigMap(chart, 'config');
    const obj = oneOfKind(app, 'ConfigMap');
    expect(obj).not.toHaveProperty('data');
    expect(obj).not.toHaveProperty('binaryData');
    expect(obj).not.toHaveProperty('immutable');
  });

  test('invalid keys, keys set twice, non-string values and non-base64 binaryData are rejected', () => {
    const { chart } = newChart();
    const cm = new ConfigMap(chart, 'config', { data: { a: '1' } });
    expectKubeforgeError(() => cm.addData('bad key', 'x'), 'test/config', '"bad key"');
    expectKubeforgeError(() => cm.addData('..', 'x'), 'test/config', '".."');
    expectKubeforgeError(() => cm.addBinaryData('a', 'AAAA'), 'test/config', '"a"');
    expectKubeforgeError(() => cm.addData('n', 5 as any), 'test/config', 'data["n"]', '5');
    expectKubeforgeError(() => cm.addBinaryData('bin', 'not base64!'), 'test/config', 'binaryData["bin"]');
  });

  test('more than 1 MiB of data fails synth with the path', () => {
    const { app, chart } = newChart();
    new ConfigMap(chart, 'big', { data: { blob: 'x'.repeat(1024 * 1024) } });
    expectSynthError(app, 'test/big', '1 MiB');
  });

  describe('as environment variables', () => {
    test('env(key) renders a configMapKeyRef; optional adds optional: true', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { LOG_LEVEL: 'info' } });
      new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', env: { LOG_LEVEL: cm.env('LOG_LEVEL'), FEATURE: cm.env('FEATURE', { optional: true }) } }] });
      expect(containerOf(oneOfKind(app, 'Pod')).env).toEqual([
        { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: cm.name, key: 'LOG_LEVEL' } } },
        { name: 'FEATURE', valueFrom: { configMapKeyRef: { name: cm.name, key: 'FEATURE', optional: true } } },
      ]);
    });

    test('env(key) of a missing key fails synth, naming the container, the key and the ConfigMap', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { LOG_LEVEL: 'info' } });
      new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', env: { LEVEL: cm.env('LOGLEVEL') } }] });
      expectSynthError(app, 'test/web', 'container "nginx"', 'LEVEL', '"LOGLEVEL"', 'test/config');
    });

    test('a missing key in an init container is reported too', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { a: '1' } });
      new Pod(chart, 'app', { initContainers: [{ image: 'busybox:1.36', name: 'init', env: { B: cm.env('b') } }], containers: [{ image: 'nginx:1.27' }] });
      expectSynthError(app, 'init container "init"', '"b"');
    });

    test('a key added after the env reference, or held in binaryData, satisfies the check', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { binaryData: { cert: 'AAAA' } });
      new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', env: { LATE: cm.env('late'), CERT: cm.env('cert') } }] });
      expectSynthError(app, '"late"');
      cm.addData('late', 'now');
      expect(errors(app)).toEqual([]);
    });

    test('envFrom with and without a prefix', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { A: '1' } });
      new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', envFrom: [cm.envFrom('CFG_'), cm.envFrom()] }] });
      expect(containerOf(oneOfKind(app, 'Pod')).envFrom).toEqual([
        { prefix: 'CFG_', configMapRef: { name: cm.name } },
        { configMapRef: { name: cm.name } },
      ]);
    });
  });

  describe('as files', () => {
    test('mounted whole: every key a file', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { 'a.conf': 'x' } });
      const pod = new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27' }] });
      const v = pod.containers[0].mount('/etc/app', cm);
      const spec = podSpecOf(oneOfKind(app, 'Pod'));
      expect(spec.volumes).toEqual([{ name: v.name, configMap: { name: cm.name } }]);
      expect(v.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    });

    test('items, defaultMode, optional and an explicit volume name', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { 'nginx.conf': 'x', 'mime.types': 'y' } });
      const pod = new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27' }] });
      pod.containers[0].mount('/etc/nginx', cm.asVolume({ items: { 'nginx.conf': 'conf/nginx.conf' }, defaultMode: 0o440, optional: true, name: 'nginx-conf' }), { readOnly: true });
      const obj = oneOfKind(app, 'Pod');
      expect(podSpecOf(obj).volumes).toEqual([
        { name: 'nginx-conf', configMap: { name: cm.name, items: [{ key: 'nginx.conf', path: 'conf/nginx.conf' }], defaultMode: 0o440, optional: true } },
      ]);
      expect(containerOf(obj).volumeMounts).toEqual([{ name: 'nginx-conf', mountPath: '/etc/nginx', readOnly: true }]);
    });

    test('projecting a key the ConfigMap does not have is rejected, listing the keys', () => {
      const { chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { data: { 'nginx.conf': 'x' } });
      expectKubeforgeError(() => cm.asVolume({ items: { 'nginx.cfg': 'nginx.conf' } }), 'test/config', '"nginx.cfg"', 'nginx.conf');
    });

    test('an explicit name with dots becomes a valid volume name', () => {
      const { app, chart } = newChart();
      const cm = new ConfigMap(chart, 'config', { name: 'app.config.v1', data: { a: '1' } });
      const pod = new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27' }] });
      const v = pod.containers[0].mount('/etc/app', cm);
      expect(v.name).toBe('app-config-v1');
      expect(podSpecOf(oneOfKind(app, 'Pod')).volumes[0]).toEqual({ name: 'app-config-v1', configMap: { name: 'app.config.v1' } });
    });
  });

  describe('fromName', () => {
    test('emits nothing, and env, envFrom and mounts use the given name without key checks', () => {
      const { app, chart } = newChart();
      const ext = ConfigMap.fromName(chart, 'ext', 'cluster-config');
      const pod = new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', env: { ANY: ext.env('whatever') }, envFrom: [ext.envFrom('X_')] }] });
      pod.containers[0].mount('/etc/ext', ext);
      const objects = render(app);
      expect(objects.map((o) => o.kind)).toEqual(['Pod']);
      const c = containerOf(objects[0]);
      expect(c.env).toEqual([{ name: 'ANY', valueFrom: { configMapKeyRef: { name: 'cluster-config', key: 'whatever' } } }]);
      expect(c.envFrom).toEqual([{ prefix: 'X_', configMapRef: { name: 'cluster-config' } }]);
      expect(podSpecOf(objects[0]).volumes).toEqual([{ name: 'cluster-config', configMap: { name: 'cluster-config' } }]);
    });
  });
});
