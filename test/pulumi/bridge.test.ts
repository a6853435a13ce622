/**
 * The bridge under Pulumi's mocks: every object of the app is registered as its typed @pulumi/kubernetes
 * resource, named from its construct path, with inputs equal field for field to what `synth` writes.
 */
import { installMocks, leakedPromiseCount, settled, unwrapSecrets, valueOf } from './mocks';
const mocks = installMocks();

import * as fs from 'fs';
import * as jsyaml from 'js-yaml';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { buildExampleApp } from '../../examples/main';
import { ApiObject, App, Chart, ConfigMap, Deployment, PulumiOptions, SynthError } from '../../lib';
import { DatabasesChart } from '../../examples/databases';
import { WebAppChart } from '../../examples/web-app';
import { deploy, Deployed } from '../../lib/pulumi';

type Obj = Record<string, any>;

beforeEach(() => {
  mocks.registered.length = 0;
});

afterAll(() => {
  // Pulumi would set exit code 1 at process exit for any promise still pending.
  expect(leakedPromiseCount()).toBe(0);
});

/** The objects `synth` writes for an app, keyed by construct path. */
function synthObjects(app: App): Map<string, Obj> {
  const result = app.synthesize({ validate: true });
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return new Map(result.charts.flatMap((c) => c.objects.map((o) => [o.construct.node.path, o.json] as [string, Obj])));
}

async function deployed(build: (app: App) => void, appProps = {}): Promise<{ app: App; d: Deployed; synthesized: Map<string, Obj> }> {
  const app = new App({ rules: { 'run-as-root': 'off' }, ...appProps });
  build(app);
  const synthesized = synthObjects(app);
  const d = deploy(app);
  await settled(d.resources.values());
  return { app, d, synthesized };
}

const byName = (name: string) => mocks.registered.find((r) => r.name === name && !r.read);

describe('web app (Deployment + Service + HPA)', () => {
  test('each object is registered as its typed class under its construct path', async () => {
    const { d } = await deployed((app) => new WebAppChart(app, 'webapp'));
    expect(mocks.registered.map((r) => [r.type, r.name]).sort()).toEqual([
      ['kubernetes:apps/v1:Deployment', 'webapp/web'],
      ['kubernetes:autoscaling/v2:HorizontalPodAutoscaler', 'webapp/web/autoscaler'],
      ['kubernetes:core/v1:Service', 'webapp/web/service'],
    ]);
    expect([...d.resources.keys()].sort()).toEqual(['webapp/web', 'webapp/web/autoscaler', 'webapp/web/service']);
  });

  test('inputs equal what synth writes, field for field (the LoadBalancer Service adds only skipAwait)', async () => {
    const { synthesized } = await deployed((app) => new WebAppChart(app, 'webapp'));
    expect(synthesized.size).toBe(3);
    for (const [path, json] of synthesized) {
      const inputs = byName(path)!.inputs;
      if (json.kind === 'Service') {
        expect(json.spec.type).toBe('LoadBalancer');
        const { annotations, ...meta } = inputs.metadata;
        expect(annotations).toEqual({ 'pulumi.com/skipAwait': 'true' });
        expect({ ...inputs, metadata: meta }).toEqual(json);
      } else {
        expect(inputs).toEqual(json);
      }
      // Kubernetes names are always passed: Pulumi never auto-names (no random suffix, no rename on switch).
      expect(inputs.metadata.name).toBe(json.metadata.name);
    }
  });

  test('typed outputs per construct', async () => {
    const app = new App({ rules: { 'run-as-root': 'off' } });
    const chart = new WebAppChart(app, 'webapp');
    const d = deploy(app);
    await settled(d.resources.values());
    const svc = d.outputs(chart.service);
    expect(await valueOf(svc.clusterIP)).toBe('10.96.0.10');
    expect(await valueOf(svc.loadBalancerAddress)).toBe('203.0.113.7');
    expect(await valueOf(svc.name)).toBe(chart.service.name);
    const dep = d.outputs(chart.deployment);
    expect(await valueOf(dep.name)).toBe(chart.deployment.name);
    expect(await valueOf(dep.uid)).toBe('uid-webapp/web');
    expect(await valueOf(dep.namespace)).toBeUndefined();
    expect(dep.resource).toBe(d.resources.get('webapp/web'));
    expect(() => d.outputs(new Chart(new App(), 'other'))).toThrow(/was not registered by this deploy\(\)/);
  });
});

describe('databases (MySQL and Redis on PersistentVolumes)', () => {
  test('typed classes, names and inputs equal to synth; Secret data only as a Pulumi secret', async () => {
    const { synthesized } = await deployed((app) => new DatabasesChart(app, 'db'));
    const types = new Map(mocks.registered.map((r) => [r.name, r.type]));
    expect(types.get('db/mysql/volume')).toBe('kubernetes:core/v1:PersistentVolume');
    expect(types.get('db/mysql/data')).toBe('kubernetes:core/v1:PersistentVolumeClaim');
    expect(types.get('db/mysql/server')).toBe('kubernetes:apps/v1:Deployment');
    expect(types.get('db/redis/server/service')).toBe('kubernetes:core/v1:Service');
    expect(types.get('db/mysql/auth')).toBe('kubernetes:core/v1:Secret');
    expect(mocks.registered).toHaveLength(synthesized.size);
    for (const [path, json] of synthesized) {
      const { value, secret } = unwrapSecrets(byName(path)!.inputs);
      expect(value).toEqual(json);
      expect(secret).toBe(json.kind === 'Secret');
    }
    const secretInputs = byName('db/mysql/auth')!.inputs;
    // The plaintext never appears outside the secret wrapper.
    expect(JSON.stringify({ ...secretInputs, data: undefined })).not.toContain('Y2hhbmdl');
  });

  test('deploy(chart) registers that chart only; claim outputs', async () => {
    const app = new App({ rules: { 'run-as-root': 'off' } });
    new WebAppChart(app, 'webapp');
    const db = new DatabasesChart(app, 'db');
    const d = deploy(db);
    await settled(d.resources.values());
    expect(mocks.registered.every((r) => r.name.startsWith('db/'))).toBe(true);
    expect(mocks.registered).toHaveLength(9); // 2 × (PV, PVC, Deployment, Service) + the MySQL Secret
    const claim = d.outputs(db.mysql.claim);
    expect(await valueOf(claim.volumeName)).toBe(db.mysql.volume.name);
    expect(await valueOf(claim.phase)).toBe('Bound');
    expect(await valueOf(d.outputs(db.mysql.volume).namespace)).toBeUndefined();
  });

  test('the Secret resource output is secret', async () => {
    const { d } = await deployed((app) => new DatabasesChart(app, 'db'));
    const secret = d.resources.get('db/mysql/auth') as unknown as { data: pulumi.Output<unknown> };
    expect(await pulumi.isSecret(secret.data)).toBe(true);
  });

  test('claims bound to a volume are awaited (no skipAwait): they bind at once', async () => {
    const { d } = await deployed((app) => new DatabasesChart(app, 'db'));
    const claim = d.plan.objects.find((o) => o.path === 'db/mysql/data')!;
    expect(claim.options.skipAwait).toBeUndefined();
    expect(byName('db/mysql/data')!.inputs.metadata.annotations).toBeUndefined();
  });
});

describe('switching the whole example app from synth to Pulumi', () => {
  test('the registered objects are the YAML documents synth writes, field for field', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeforge-bridge-synth-'));
    try {
      buildExampleApp({ outdir }).synth();
      const written = fs.readdirSync(outdir).flatMap((f) => jsyaml.loadAll(fs.readFileSync(path.join(outdir, f), 'utf8')) as Obj[]);
      const app = buildExampleApp();
      const d = deploy(app);
      await settled(d.resources.values());
      const key = (o: Obj) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''} ${o.metadata.name}`;
      const registered = new Map(mocks.registered.map((r) => {
        const o = unwrapSecrets(r.inputs).value;
        // The Pulumi path's only addition: skipAwait on objects that would hang the deploy (documented).
        if (o.metadata.annotations?.['pulumi.com/skipAwait']) {
          const { ['pulumi.com/skipAwait']: _skip, ...rest } = o.metadata.annotations;
          o.metadata = { ...o.metadata, annotations: Object.keys(rest).length ? rest : undefined };
          if (!o.metadata.annotations) delete o.metadata.annotations;
        }
        return [key(o), o];
      }));
      expect(written.length).toBeGreaterThan(10);
      expect([...registered.keys()].sort()).toEqual(written.map(key).sort());
      for (const doc of written) expect(registered.get(key(doc))).toEqual(doc);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('names', () => {
  test('resource names are the construct paths, stable when unrelated constructs are added', async () => {
    const first = await deployed((app) => new WebAppChart(app, 'webapp'));
    const names = first.d.plan.objects.map((o) => o.resourceName);
    const second = await deployed((app) => {
      new ConfigMap(new Chart(app, 'aaa-first'), 'extra', { data: { a: 'b' } });
      new WebAppChart(app, 'webapp');
    });
    expect(second.d.plan.objects.map((o) => o.resourceName)).toEqual(expect.arrayContaining(names));
    expect(second.d.plan.objects.find((o) => o.path === 'webapp/web')!.json.metadata.name).toBe(first.synthesized.get('webapp/web')!.metadata.name);
  });
});

describe('kinds without a typed class', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
    },
  };

  test('a custom resource is an apiextensions.CustomResource with the same inputs; its CRD is a typed resource it depends on', async () => {
    const { d, synthesized } = await deployed((app) => {
      const chart = new Chart(app, 'crds');
      new ApiObject(chart, 'widget-crd', crd as any);
      new ApiObject(chart, 'widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'big' }, spec: { size: 3 } } as any);
    });
    expect(byName('crds/widget')!.type).toBe('kubernetes:example.com/v1:Widget');
    expect(byName('crds/widget-crd')!.type).toBe('kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition');
    expect(byName('crds/widget')!.inputs).toEqual(synthesized.get('crds/widget'));
    expect(d.graph.get('crds/widget')).toEqual(['crds/widget-crd']);
    expect(d.resources.get('crds/widget')).toBeInstanceOf(require('@pulumi/kubernetes').apiextensions.CustomResource);
  });
});

describe('validation', () => {
  test('errors throw SynthError and nothing is registered', () => {
    const app = new App();
    const chart = new Chart(app, 'bad');
    new Deployment(chart, 'empty'); // no containers: an error at synth
    new ConfigMap(chart, 'fine', { data: { a: 'b' } });
    expect(() => deploy(app)).toThrow(SynthError);
    expect(mocks.registered).toEqual([]);
  });

  test('validate: false registers an app that would fail the rules', async () => {
    const app = new App();
    new ApiObject(new Chart(app, 'raw'), 'old', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' }, unknownField: 1 } as any);
    expect(() => deploy(app)).toThrow(SynthError);
    const d = deploy(app, { validate: false });
    await settled(d.resources.values());
    expect(mocks.registered.map((r) => r.name)).toEqual(['raw/old']);
  });
});

describe('per-object options', () => {
  test('skipAwait and patchForce become pulumi.com annotations in the Pulumi path only; protect, ignoreChanges reach the resource', async () => {
    const app = new App();
    const chart = new Chart(app, 'opts');
    const cm = new ConfigMap(chart, 'cm', { data: { a: 'b' } });
    PulumiOptions.of(cm).set({ skipAwait: true, patchForce: true, protect: true, ignoreChanges: ['data'] });
    const synthesized = synthObjects(app);
    expect(synthesized.get('opts/cm')!.metadata.annotations).toBeUndefined();
    const d = deploy(app);
    await settled(d.resources.values());
    expect(byName('opts/cm')!.inputs.metadata.annotations).toEqual({ 'pulumi.com/skipAwait': 'true', 'pulumi.com/patchForce': 'true' });
    const res = d.resources.get('opts/cm') as any;
    expect(res.__protect).toBe(true);
    expect(d.plan.objects[0].options.ignoreChanges).toEqual(['data']);
  });

  test('options set on a scope apply to every object below it; the nearest wins', () => {
    const app = new App();
    const chart = new Chart(app, 'scoped');
    PulumiOptions.of(chart).set({ protect: true, retainOnDelete: true });
    const a = new ConfigMap(chart, 'a', { data: { a: 'b' } });
    new ConfigMap(chart, 'b', { data: { a: 'b' } });
    PulumiOptions.of(a).set({ protect: false });
    expect(PulumiOptions.resolve(a)).toEqual({ protect: false, retainOnDelete: true });
    expect(PulumiOptions.resolve(chart.node.findChild('b'))).toEqual({ protect: true, retainOnDelete: true });
  });

  test('a LoadBalancer Service skips await by default; skipAwait: false restores it', async () => {
    const app = new App({ rules: { 'run-as-root': 'off' } });
    const chart = new WebAppChart(app, 'webapp');
    PulumiOptions.of(chart.service).set({ skipAwait: false });
    const d = deploy(app);
    await settled(d.resources.values());
    expect(byName('webapp/web/service')!.inputs.metadata.annotations).toBeUndefined();
  });

  test('bad options throw at set(), naming the construct', () => {
    const cm = new ConfigMap(new Chart(new App(), 'c'), 'cm', { data: { a: 'b' } });
    expect(() => PulumiOptions.of(cm).set({ customTimeouts: { create: '5 minutes' } })).toThrow(/c\/cm: customTimeouts.create is not a duration.*"5m"/);
    expect(() => PulumiOptions.of(cm).set({ ignoreChanges: [''] })).toThrow(/ignoreChanges must be a list of property paths/);
  });
});

describe('configGroup mode', () => {
  test('the whole app is one yaml.v2.ConfigGroup whose objs are the synthesized objects', async () => {
    const app = new App({ rules: { 'run-as-root': 'off' } });
    const chart = new DatabasesChart(app, 'db');
    const synthesized = synthObjects(app);
    const d = deploy(app, { mode: 'configGroup' });
    await valueOf(d.configGroup!.urn);
    // A remote component: under mocks it registers itself and no children.
    expect(mocks.registered.map((r) => r.type)).toEqual(['kubernetes:yaml/v2:ConfigGroup']);
    const objs = unwrapSecrets(mocks.registered[0].inputs.objs);
    expect(objs.secret).toBe(true);
    const key = (o: Obj) => `${o.kind}/${o.metadata.name}`;
    const sorted = (list: Obj[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(objs.value)).toEqual(sorted([...synthesized.values()]));
    expect(d.resources.size).toBe(0);
    expect(() => d.outputs(chart.mysql.service)).toThrow(/typed outputs are not available in configGroup mode/);
  });

  test('skipAwait still reaches the objects (annotations), so a LoadBalancer Service does not hang the group', async () => {
    const app = new App({ rules: { 'run-as-root': 'off' } });
    new WebAppChart(app, 'webapp');
    const d = deploy(app, { mode: 'configGroup' });
    await valueOf(d.configGroup!.urn);
    const objs = mocks.registered[0].inputs.objs as Obj[];
    const annotations = new Map(objs.map((o) => [o.kind, o.metadata.annotations]));
    expect(annotations.get('Service')).toEqual({ 'pulumi.com/skipAwait': 'true' });
    expect(annotations.get('Deployment')).toBeUndefined();
  });
});
