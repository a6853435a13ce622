/**
 * Environments: selection (App prop, KUBEFORGE_ENV), errors, and the settings that shape objects for synth and
 * the bridge alike (namespace default, k8sVersion, policy). No Pulumi is loaded here.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, ConfigMap, Deployment, Environment, KubeforgeError, Namespace, normalizeServer } from '../../lib';
import { planDeployment } from '../../lib/pulumi/plan';

const dev = new Environment('dev', { cluster: { server: 'https://dev.example.com:6443', context: 'dev' }, namespace: 'shop-dev' });
const prod = new Environment('prod', {
  cluster: { server: 'https://prod.example.com' },
  namespace: 'shop',
  k8sVersion: '1.34',
  policy: { replicas: 3, labels: { tier: 'prod' } },
});
const environments = [dev, prod];

function withEnv<T>(value: string | undefined, f: () => T): T {
  const saved = process.env.KUBEFORGE_ENV;
  if (value === undefined) delete process.env.KUBEFORGE_ENV;
  else process.env.KUBEFORGE_ENV = value;
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.KUBEFORGE_ENV;
    else process.env.KUBEFORGE_ENV = saved;
  }
}

function webApp(props: AppProps): { app: App; objects: Record<string, any>[] } {
  const app = new App({ rules: { 'run-as-root': 'off', 'missing-limits': 'off' }, ...props });
  const chart = new Chart(app, 'web');
  new Deployment(chart, 'server', { containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] });
  new ConfigMap(new Chart(app, 'own', { namespace: 'fixed' }), 'cm', { data: { a: 'b' } });
  new Namespace(chart, 'ns', { name: 'shop' });
  const result = app.synthesize({ validate: true });
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return { app, objects: result.charts.flatMap((c) => c.objects.map((o) => o.json)) };
}
const ofKind = (objs: Record<string, any>[], kind: string) => objs.find((o) => o.kind === kind)!;

describe('selection', () => {
  test('KUBEFORGE_ENV selects the active environment; the App prop wins over it', () => {
    withEnv('prod', () => {
      expect(new App({ environments }).environment).toBe(prod);
      expect(new App({ environments, environment: 'dev' }).environment).toBe(dev);
    });
  });

  test('with environments declared and none selected, the app is a plain app', () => {
    withEnv(undefined, () => {
      const { app, objects } = webApp({ environments });
      expect(app.environment).toBeUndefined();
      expect(ofKind(objects, 'Deployment').metadata.namespace).toBeUndefined();
      expect(ofKind(objects, 'Deployment').spec.replicas).toBe(1);
    });
    withEnv('', () => expect(new App({ environments }).environment).toBeUndefined());
  });

  test('an unknown name is an error listing the declared ones', () => {
    withEnv(undefined, () => {
      expect(() => new App({ environments, environment: 'stage' })).toThrow(KubeforgeError);
      expect(() => new App({ environments, environment: 'stage' })).toThrow(/environment "stage" is not declared.*Allowed: dev, prod/);
    });
    withEnv('qa', () => expect(() => new App()).toThrow(/environment "qa" is not declared.*the app declares no environments/));
  });

  test('bad environments throw at construction', () => {
    expect(() => new Environment('Prod', { cluster: { server: 'https://x' } })).toThrow(/environment name is not valid.*"Prod"/);
    expect(() => new Environment('prod', { cluster: { server: 'x.example.com' } })).toThrow(/cluster.server: is not a URL/);
    expect(() => new Environment('prod', { cluster: { server: 'https://x' }, namespace: 'Bad_NS' })).toThrow(/namespace/);
    expect(() => new Environment('prod', { cluster: { server: 'https://x' }, k8sVersion: '1.20' })).toThrow(/1\.20 is not a bundled target version/);
    expect(() => new Environment('prod', {} as any)).toThrow(/cluster.server is required/);
    expect(() => new App({ environments: [dev, new Environment('dev', { cluster: { server: 'https://y' } })], environment: 'dev' })).toThrow(/two environments have the same name.*"dev"/);
  });

  test('server URLs compare in canonical form', () => {
    expect(normalizeServer('HTTPS://Dev.Example.com:443/')).toBe('https://dev.example.com');
    expect(normalizeServer('https://10.0.0.1:6443')).toBe('https://10.0.0.1:6443');
    expect(normalizeServer('https://10.0.0.1:6443')).not.toBe(normalizeServer('https://10.0.0.2:6443'));
  });
});

describe('what the active environment applies, to synth and the bridge alike', () => {
  test('namespace default: charts that name none use it; a chart namespace still wins; cluster-scoped kinds get none', () => {
    const { objects } = webApp({ environments, environment: 'dev' });
    expect(ofKind(objects, 'Deployment').metadata.namespace).toBe('shop-dev');
    expect(ofKind(objects, 'ConfigMap').metadata.namespace).toBe('fixed');
    expect(ofKind(objects, 'Namespace').metadata.namespace).toBeUndefined();
  });

  test('policy is merged over the app defaults', () => {
    const { objects } = webApp({ environments, environment: 'prod', defaults: { labels: { team: 'web' } } });
    const d = ofKind(objects, 'Deployment');
    expect(d.spec.replicas).toBe(3);
    expect(d.metadata.labels).toMatchObject({ team: 'web', tier: 'prod' });
    expect(d.metadata.namespace).toBe('shop');
  });

  test('k8sVersion: the environment\'s target version is what synth and the bridge validate against', () => {
    const build = (environment: string) => {
      // networking.k8s.io/v1beta1 is off on a stock server: this cluster turned it on (--runtime-config).
      const app = new App({ environments, environment, k8sVersion: '1.37', rules: { 'disabled-api': 'off' } });
      new ApiObject(new Chart(app, 'c'), 'cidr', { apiVersion: 'networking.k8s.io/v1beta1', kind: 'ServiceCIDR', metadata: { name: 'extra' }, spec: { cidrs: ['10.96.0.0/16'] } });
      return app;
    };
    // prod targets 1.34, where the beta API is still served; dev inherits the app's 1.37, where it is gone.
    expect(build('prod').validation.k8sVersion).toBe('1.34');
    expect(build('prod').validate().filter((i) => i.severity === 'error')).toEqual([]);
    expect(build('dev').validate().filter((i) => i.severity === 'error').map((i) => i.ruleId)).toEqual(['removed-api']);
    expect(() => planDeployment(build('prod'))).not.toThrow();
    expect(() => planDeployment(build('dev'))).toThrow(/removed-api/);
  });

  test('the bridge plans exactly the objects synth writes, with names prefixed by the environment', () => {
    const { app, objects } = webApp({ environments, environment: 'prod' });
    const plan = planDeployment(app);
    expect(plan.environment).toBe(prod);
    expect(new Set(plan.objects.map((o) => o.json))).toEqual(new Set(objects));
    expect(plan.objects.map((o) => o.resourceName).sort()).toEqual(['prod/own/cm', 'prod/web/ns', 'prod/web/server']);
  });
});

describe('deploy() and the active environment', () => {
  test('a different environment than the one the app was built for is refused', () => {
    const { app } = webApp({ environments, environment: 'dev' });
    expect(() => planDeployment(app, { environment: 'prod' })).toThrow(/built for environment "dev" but deploy\(\) was asked for "prod".*environment: "prod"/);
    expect(planDeployment(app, { environment: 'dev' }).environment).toBe(dev);
    expect(planDeployment(app, { environment: dev }).environment).toBe(dev);
  });

  test('an app without an active environment accepts an environment that only names a cluster', () => {
    withEnv(undefined, () => {
      const { app } = webApp({});
      const bare = new Environment('lab', { cluster: { server: 'https://lab.example.com' } });
      expect(planDeployment(app, { environment: bare }).namePrefix).toBe('lab/');
      expect(() => planDeployment(app, { environment: prod })).toThrow(/sets a namespace or policy/);
      expect(() => planDeployment(app, { environment: 'prod' })).toThrow(/the app declares no environments/);
    });
  });
});

test('the synth path never loads @pulumi/*', () => {
  const root = path.resolve(__dirname, '../../..');
  const script = `
    const { App, Chart, ConfigMap, Environment, PulumiOptions } = require('./build/lib');
    require('./build/lib/cli/synth');
    const app = new App({ environments: [new Environment('dev', { cluster: { server: 'https://x' } })], environment: 'dev' });
    const cm = new ConfigMap(new Chart(app, 'c'), 'cm', { data: { a: 'b' } });
    PulumiOptions.of(cm).set({ protect: true });
    app.synthesize({ validate: true });
    const loaded = Object.keys(require.cache).filter((k) => k.includes('@pulumi'));
    process.stdout.write(JSON.stringify(loaded));`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual([]);
});
