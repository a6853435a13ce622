import * as fc from 'fast-check';
import { checkName, generateName, namePolicyFor, checkLabelKey, checkLabelValue, checkPortName, domainPrefixedPathProblem } from '../../lib/util/names';
import { App, Chart, ConfigMap, Deployment, Service, KubeforgeError } from '../../lib';

const KINDS = ['Deployment', 'Service', 'Namespace', 'CronJob', 'StatefulSet', 'ConfigMap', 'PersistentVolume'];
const FC = { seed: 20261122, numRuns: 1000 };

describe('generated names', () => {
  test('are always valid for the kind, whatever the construct ids (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 6 }), fc.constantFrom(...KINDS), fc.boolean(), (ids, kind, hash) => {
        const name = generateName(ids, kind, { hash });
        expect(checkName(kind, name)).toBeUndefined();
        expect(name.length).toBeLessThanOrEqual(Math.min(63, namePolicyFor(kind).maxLength));
      }),
      FC,
    );
  });

  test('are deterministic and depend only on their own path (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 4 }), (ids) => {
        expect(generateName(ids, 'ConfigMap')).toBe(generateName([...ids], 'ConfigMap'));
      }),
      FC,
    );
  });

  test('distinct paths that sanitize alike still get distinct names', () => {
    expect(generateName(['chart', 'my_app'], 'ConfigMap')).not.toBe(generateName(['chart', 'my.app'], 'ConfigMap'));
  });

  test('CronJob names stay within 52 characters', () => {
    const name = generateName(['a'.repeat(40), 'b'.repeat(40)], 'CronJob');
    expect(name.length).toBeLessThanOrEqual(52);
    expect(checkName('CronJob', name)).toBeUndefined();
  });

  test('Service names start with a letter (DNS-1035) even when the path starts with a digit', () => {
    const name = generateName(['1chart', 'svc'], 'Service');
    expect(name).toMatch(/^[a-z]/);
  });

  test('adding or removing unrelated constructs does not rename an object', () => {
    const build = (extra: boolean) => {
      const app = new App();
      const chart = new Chart(app, 'shop');
      if (extra) new ConfigMap(chart, 'aaa-first');
      const d = new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27' }] });
      if (extra) new Service(chart, 'zzz-last', { ports: [{ port: 80 }] });
      return d.name;
    };
    expect(build(true)).toBe(build(false));
  });

  test("a 'readable' policy drops the hash", () => {
    const app = new App({ defaults: { names: 'readable' } });
    const chart = new Chart(app, 'shop');
    expect(new ConfigMap(chart, 'settings').name).toBe('shop-settings');
  });
});

describe('explicit names', () => {
  const chart = () => new Chart(new App(), 'test');

  test.each([
    ['Deployment', 'My_App', 'DNS-1123 subdomain'],
    ['Service', 'a.b', 'DNS-1035 label'],
    ['Service', '1abc', 'DNS-1035 label'],
    ['ConfigMap', 'x'.repeat(254), 'at most 253'],
  ])('%s name %j is rejected naming the rule', (kind, name, rule) => {
    const c = chart();
    const make = () =>
      kind === 'Deployment' ? new Deployment(c, 'obj', { name, containers: [{ image: 'nginx:1.27' }] })
      : kind === 'Service' ? new Service(c, 'obj', { name, ports: [{ port: 80 }] })
      : new ConfigMap(c, 'obj', { name });
    expect(make).toThrow(KubeforgeError);
    try {
      make();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('test/obj');
      expect(msg).toContain(rule);
      expect(msg).toContain('Fix:');
    }
  });

  test('a valid explicit name is kept as is', () => {
    expect(new ConfigMap(chart(), 'c', { name: 'app.config-v2' }).name).toBe('app.config-v2');
  });
});

describe('label and port name rules', () => {
  test('label keys', () => {
    expect(checkLabelKey('app.kubernetes.io/name')).toBeUndefined();
    expect(checkLabelKey('tier')).toBeUndefined();
    expect(checkLabelKey('Bad_Prefix/x')).toBeDefined();
    expect(checkLabelKey('x/' + 'a'.repeat(64))).toBeDefined();
  });
  test('label values', () => {
    expect(checkLabelValue('')).toBeUndefined();
    expect(checkLabelValue('v1.2.3_rc-1')).toBeUndefined();
    expect(checkLabelValue('-x')).toBeDefined();
    expect(checkLabelValue('a'.repeat(64))).toBeDefined();
  });
  test('port names (IANA service names)', () => {
    expect(checkPortName('http')).toBeUndefined();
    expect(checkPortName('http-metrics1')).toBeUndefined();
    expect(checkPortName('1234')).toBeDefined();
    expect(checkPortName('a--b')).toBeDefined();
    expect(checkPortName('sixteen-chars-xx')).toBeDefined();
  });
});

describe('domainPrefixedPathProblem (IsDomainPrefixedPath: IngressClass controllers, Job managedBy)', () => {
  test.each([
    ['k8s.io/ingress-nginx', undefined],
    ['kueue.x-k8s.io/multikueue', undefined],
    ['example.com/a/b;c=d', undefined],
    ['nginx', 'no-slash'],
    ['/ingress', 'domain'],
    ['Example.com/x', 'domain'],
    ['example..com/x', 'domain'],
    ['example.com/', 'path'],
    ['example.com/a b', 'path'],
    ['example.com/ä', 'path'],
  ])('%s -> %s', (s, problem) => {
    expect(domainPrefixedPathProblem(s)).toBe(problem);
  });
});
