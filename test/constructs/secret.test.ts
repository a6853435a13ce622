import { Pod, Secret } from '../../lib';
import { containerOf, errors, expectKubeforgeError, expectSynthError, newChart, oneOfKind, podSpecOf, render } from './util';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('Secret', () => {
  test('stringData is written base64-encoded under data; there is no stringData in the output', () => {
    const { app, chart } = newChart();
    const s = new Secret(chart, 'creds', { stringData: { username: 'admin', password: 'pä$$ wörd\n' } });
    s.addStringData('token', 'abc');
    const obj = oneOfKind(app, 'Secret');
    expect(obj.apiVersion).toBe('v1');
    expect(obj).not.toHaveProperty('stringData');
    expect(obj.data).toEqual({ username: b64('admin'), password: b64('pä$$ wörd\n'), token: b64('abc') });
    expect(Buffer.from(obj.data.password, 'base64').toString('utf8')).toBe('pä$$ wörd\n');
  });

  test('data is kept as given; type and immutable are rendered', () => {
    const { app, chart } = newChart();
    new Secret(chart, 'tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': b64('CERT'), 'tls.key': b64('KEY') }, immutable: true });
    const obj = oneOfKind(app, 'Secret');
    expect(obj.type).toBe('kubernetes.io/tls');
    expect(obj.immutable).toBe(true);
    expect(obj.data).toEqual({ 'tls.crt': b64('CERT'), 'tls.key': b64('KEY') });
  });

  test('an empty Opaque Secret renders no type, data or immutable', () => {
    const { app, chart } = newChart();
    new Secret(chart, 'empty');
    const obj = oneOfKind(app, 'Secret');
    for (const f of ['type', 'data', 'immutable']) expect(obj).not.toHaveProperty(f);
  });

  test('data that is not base64 is rejected without echoing the value', () => {
    const { chart } = newChart();
    const err = expectKubeforgeError(() => new Secret(chart, 'creds', { data: { password: 'hunter2!' } }), 'test/creds', 'data["password"]');
    expect(err.message).not.toContain('hunter2');
  });

  test('a key in both data and stringData, and invalid keys, are rejected', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new Secret(chart, 'a', { data: { k: b64('1') }, stringData: { k: '2' } }), 'test/a', '"k"');
    expectKubeforgeError(() => new Secret(chart, 'b', { stringData: { 'bad/key': 'x' } }), 'test/b', '"bad/key"');
  });

  test('a typed Secret missing a required key fails synth', () => {
    const { app, chart } = newChart();
    new Secret(chart, 'tls', { type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'CERT' } });
    expectSynthError(app, 'test/tls', '"tls.key"');
  });

  describe('usage', () => {
    test('env(key) renders a secretKeyRef; a missing key fails synth unless optional', () => {
      const { app, chart } = newChart();
      const s = new Secret(chart, 'creds', { stringData: { password: 'x' } });
      new Pod(chart, 'app', {
        containers: [{ image: 'nginx:1.27', env: { PASSWORD: s.env('password'), TOKEN: s.env('token', { optional: true }) } }],
      });
      expect(containerOf(oneOfKind(app, 'Pod')).env).toEqual([
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: s.name, key: 'password' } } },
        { name: 'TOKEN', valueFrom: { secretKeyRef: { name: s.name, key: 'token', optional: true } } },
      ]);

      const other = newChart();
      const s2 = new Secret(other.chart, 'creds', { stringData: { password: 'x' } });
      new Pod(other.chart, 'app', { containers: [{ image: 'nginx:1.27', env: { PASSWORD: s2.env('passwd') } }] });
      expectSynthError(other.app, 'test/app', 'PASSWORD', '"passwd"', 'test/creds');
    });

    test('envFrom with a prefix', () => {
      const { app, chart } = newChart();
      const s = new Secret(chart, 'creds', { stringData: { a: '1' } });
      new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', envFrom: [s.envFrom('SECRET_')] }] });
      expect(containerOf(oneOfKind(app, 'Pod')).envFrom).toEqual([{ prefix: 'SECRET_', secretRef: { name: s.name } }]);
    });

    test('mounted as files: Kubernetes\' default mode unless given; items and mode as given', () => {
      const { app, chart } = newChart();
      const s = new Secret(chart, 'creds', { stringData: { 'id_rsa': 'k', known_hosts: 'h' } });
      const pod = new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27' }] });
      const whole = pod.containers[0].mount('/secrets', s);
      pod.containers[0].mount('/ssh', s.asVolume({ name: 'ssh', items: { 'id_rsa': 'id_rsa' }, defaultMode: 0o600 }));
      expect(podSpecOf(oneOfKind(app, 'Pod')).volumes).toEqual([
        { name: whole.name, secret: { secretName: s.name } },
        { name: 'ssh', secret: { secretName: s.name, items: [{ key: 'id_rsa', path: 'id_rsa' }], defaultMode: 0o600 } },
      ]);
    });

    test('imagePullSecrets reference the Secret by name', () => {
      const { app, chart } = newChart();
      const pull = new Secret(chart, 'pull', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{}}' } });
      new Pod(chart, 'app', { imagePullSecrets: [pull], containers: [{ image: 'private.example.com/app:1.0' }] });
      expect(podSpecOf(oneOfKind(app, 'Pod')).imagePullSecrets).toEqual([{ name: pull.name }]);
    });
  });

  test('fromName emits nothing and is referenced by name without key checks', () => {
    const { app, chart } = newChart();
    const ext = Secret.fromName(chart, 'ext', 'db-credentials');
    const pod = new Pod(chart, 'app', { containers: [{ image: 'nginx:1.27', env: { PW: ext.env('password') }, envFrom: [ext.envFrom()] }] });
    pod.containers[0].mount('/creds', ext);
    expect(errors(app)).toEqual([]);
    const objects = render(app);
    expect(objects.map((o) => o.kind)).toEqual(['Pod']);
    const c = containerOf(objects[0]);
    expect(c.env).toEqual([{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }]);
    expect(c.envFrom).toEqual([{ secretRef: { name: 'db-credentials' } }]);
    expect(podSpecOf(objects[0]).volumes).toEqual([{ name: 'db-credentials', secret: { secretName: 'db-credentials' } }]);
  });
});
