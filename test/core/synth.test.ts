import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import {
  App, Chart, ConfigMap, Deployment, JsonPatch, Namespace, PersistentVolume, PersistentVolumeClaim,
  PersistentVolumeSource, Service, StorageClass, SynthError,
} from '../../lib';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kf-synth-'));
}

describe('ordering', () => {
  test('Namespaces, StorageClasses and PVs come before what uses them, whatever the construction order', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const ns = new Namespace(chart, 'ns', { name: 'team' });
    new Deployment(chart, 'web', { namespace: ns, containers: [{ image: 'nginx:1.27' }] });
    const sc = new StorageClass(chart, 'fast', { provisioner: 'ebs.csi.aws.com' });
    const pv = new PersistentVolume(chart, 'pv', { source: PersistentVolumeSource.hostPath({ path: '/data' }), storage: '1Gi', storageClass: sc });
    new PersistentVolumeClaim(chart, 'pvc', { namespace: ns, storage: '1Gi', storageClass: sc, volume: pv });
    new Service(chart, 'svc', { namespace: ns, ports: [{ port: 80 }] });
    const kinds = app.synthesize().charts[0].objects.map((o) => o.json.kind);
    expect(kinds).toEqual(['Namespace', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Service', 'Deployment']);
  });

  test('explicit dependencies are honoured across kinds', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const d = new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27' }] });
    const cm = new ConfigMap(chart, 'late');
    cm.addDependency(d);
    const kinds = app.synthesize().charts[0].objects.map((o) => o.json.kind);
    expect(kinds).toEqual(['Deployment', 'ConfigMap']);
  });

  test('a dependency cycle is an error naming both objects', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const a = new ConfigMap(chart, 'a');
    const b = new ConfigMap(chart, 'b');
    a.addDependency(b);
    b.addDependency(a);
    const issues = app.synthesize().issues;
    expect(issues.find((i) => i.ruleId === 'dependency-cycle')?.message).toMatch(/c\/a.*c\/b|c\/b.*c\/a/);
  });

  test('output is byte-identical across runs', () => {
    const build = () => {
      const app = new App();
      const chart = new Chart(app, 'c');
      new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', port: 80 }] }).exposeViaService();
      new ConfigMap(chart, 'cfg', { data: { b: '2', a: '1' } });
      return app.synthYaml();
    };
    expect(build()).toBe(build());
  });
});

describe('writing', () => {
  test('synth writes one file per chart, parseable, with the objects in order', () => {
    const outdir = path.join(tmp(), 'dist');
    const app = new App({ outdir });
    new ConfigMap(new Chart(app, 'one'), 'cfg', { data: { k: 'v' } });
    new Namespace(new Chart(app, 'two'), 'ns', { name: 'x' });
    app.synth();
    expect(fs.readdirSync(outdir).sort()).toEqual(['one.k8s.yaml', 'two.k8s.yaml']);
    const docs = parseAllDocuments(fs.readFileSync(path.join(outdir, 'one.k8s.yaml'), 'utf8'));
    expect((docs as any[]).map((d) => d.toJS().kind)).toEqual(['ConfigMap']);
  });

  test('a failed synth leaves the previous output untouched and writes nothing', () => {
    const outdir = path.join(tmp(), 'dist');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'old.k8s.yaml'), 'previous');
    const app = new App({ outdir });
    const chart = new Chart(app, 'c');
    const d = new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27' }] });
    ApiObject.of(d).addJsonPatch(JsonPatch.replace('/spec/selector/matchLabels/app.kubernetes.io~1name', 'other'));
    expect(() => app.synth()).toThrow(SynthError);
    expect(fs.readdirSync(outdir)).toEqual(['old.k8s.yaml']);
    expect(fs.readFileSync(path.join(outdir, 'old.k8s.yaml'), 'utf8')).toBe('previous');
    expect(fs.readdirSync(path.dirname(outdir)).filter((f) => f.includes('kubeforge-tmp'))).toEqual([]);
  });

  test('App.synth refuses to replace a directory holding files it did not write', () => {
    const outdir = tmp();
    fs.writeFileSync(path.join(outdir, 'main.ts'), 'keep me');
    const app = new App({ outdir });
    new ConfigMap(new Chart(app, 'c'), 'cfg');
    expect(() => app.synth()).toThrow(/refusing to replace the output directory.*main\.ts/);
    expect(fs.readdirSync(outdir)).toEqual(['main.ts']);
  });

  test('a second synth replaces stale files of removed charts', () => {
    const outdir = path.join(tmp(), 'dist');
    const first = new App({ outdir });
    new ConfigMap(new Chart(first, 'gone'), 'cfg');
    first.synth();
    const second = new App({ outdir });
    new ConfigMap(new Chart(second, 'kept'), 'cfg');
    second.synth();
    expect(fs.readdirSync(outdir)).toEqual(['kept.k8s.yaml']);
  });

  test('two objects with the same kind and name are an error naming both paths', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new ConfigMap(chart, 'a', { name: 'same' });
    new ConfigMap(chart, 'b', { name: 'same' });
    const issue = app.validate().find((i) => i.ruleId === 'duplicate-object');
    expect(issue?.message).toContain('c/a');
    expect(issue?.message).toContain('c/b');
  });

  test('plain cdk8s ApiObjects in a kubeforge chart are synthesized with valid names', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'My_Raw.Thing', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } } as any);
    const obj = app.synthesize().charts[0].objects[0].json;
    expect(obj.metadata.name).toMatch(/^c-my-raw-thing-[0-9a-f]{8}$/);
    expect(obj.data).toEqual({ a: 'b' });
  });
});

describe('namespaces', () => {
  test('objects created by wiring methods inherit the workload namespace', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const ns = new Namespace(chart, 'ns', { name: 'team' });
    const d = new Deployment(chart, 'web', { namespace: ns, containers: [{ image: 'nginx:1.27', port: 80, resources: { requests: { cpu: '100m' } } }] });
    d.exposeViaService();
    d.autoscale({ maxReplicas: 3 });
    const objs = app.synthesize().charts[0].objects.map((o) => o.json);
    expect(objs.filter((o) => o.kind !== 'Namespace').map((o) => [o.kind, o.metadata.namespace])).toEqual([
      ['Service', 'team'], ['Deployment', 'team'], ['HorizontalPodAutoscaler', 'team'],
    ]);
    // Lint warnings (no limits, may run as root) are not the point here; the namespaces must produce no error.
    expect(app.validate().filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('references across namespaces are errors naming both objects', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const ns = new Namespace(chart, 'ns', { name: 'team' });
    const cm = new ConfigMap(chart, 'cfg', { data: { K: 'v' } });
    const d = new Deployment(chart, 'web', { namespace: ns, containers: [{ image: 'nginx:1.27', port: 80, env: { K: cm.env('K') } }] });
    new Service(chart, 'svc', { selector: d, ports: [{ port: 80 }] });
    const messages = app.validate().map((i) => i.message);
    expect(messages.some((m) => m.includes('c/web: env K refers to c/cfg') && m.includes('namespace team'))).toBe(true);
    expect(messages.some((m) => m.includes('c/svc: selects the pods of c/web'))).toBe(true);
  });
});

describe('target Kubernetes version', () => {
  test('an unbundled k8sVersion throws at construction, naming the bundled versions', () => {
    expect(() => new App({ k8sVersion: '1.20' })).toThrow(/k8sVersion: Kubernetes 1.20 is not a bundled target version.*1\.34, 1\.35, 1\.36, 1\.37/);
  });

  test('the app validates against its version: an API gone by 1.37 passes for 1.34 and fails for 1.37', () => {
    // networking.k8s.io/v1beta1 is off on a stock server (disabled-api); with it turned on (--runtime-config),
    // 1.34 serves ServiceCIDR and 1.37 no longer does.
    const build = (k8sVersion: string, rules?: Record<string, 'off'>) => {
      const app = new App({ k8sVersion, rules });
      new ApiObject(new Chart(app, 'c'), 'cidr', { apiVersion: 'networking.k8s.io/v1beta1', kind: 'ServiceCIDR', metadata: { name: 'extra' }, spec: { cidrs: ['10.96.0.0/16'] } });
      return app.validate().filter((i) => i.severity === 'error').map((i) => i.ruleId);
    };
    expect(build('1.34')).toEqual(['disabled-api']);
    expect(build('1.34', { 'disabled-api': 'off' })).toEqual([]);
    expect(build('1.37', { 'disabled-api': 'off' })).toEqual(['removed-api']);
  });
});

describe('escape hatches', () => {
  test('a field the target version does not know is an unknown-field error naming its pointer', () => {
    const app = new App();
    const d = new Deployment(new Chart(app, 'c'), 'web', { containers: [{ image: 'nginx:1.27' }] });
    ApiObject.of(d).addJsonPatch(JsonPatch.add('/spec/futureField', 1));
    const found = app.validate().filter((i) => i.ruleId === 'unknown-field');
    expect(found.map((i) => [i.constructPath, i.jsonPointer, i.severity])).toEqual([['c/web', '/spec/futureField', 'error']]);
  });

  test('patched extended resources and unknown fields survive into the YAML when unknown-field is off', () => {
    const app = new App({ rules: { 'unknown-field': 'off' } });
    const chart = new Chart(app, 'c');
    const d = new Deployment(chart, 'gpu', { containers: [{ image: 'cuda:12', resources: { limits: { memory: '1Gi' } } }] });
    ApiObject.of(d).addJsonPatch(
      JsonPatch.add('/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu', 2),
      JsonPatch.add('/spec/template/spec/runtimeClassName', 'nvidia'),
      JsonPatch.add('/spec/futureField', { anything: [1, 'two'] }),
    );
    d.metadata.addAnnotation('example.com/owner', 'ml-team');
    const yaml = app.synthYaml();
    const obj = parseAllDocuments(yaml).map((x: any) => x.toJS())[0];
    expect(obj.spec.template.spec.containers[0].resources.limits).toEqual({ memory: '1Gi', 'nvidia.com/gpu': 2 });
    expect(obj.spec.template.spec.runtimeClassName).toBe('nvidia');
    expect(obj.spec.futureField).toEqual({ anything: [1, 'two'] });
    expect(obj.metadata.annotations).toEqual({ 'example.com/owner': 'ml-team' });
  });

  test('a patch on a missing path is an error naming the construct', () => {
    const app = new App();
    const d = new Deployment(new Chart(app, 'c'), 'web', { containers: [{ image: 'nginx:1.27' }] });
    ApiObject.of(d).addJsonPatch(JsonPatch.replace('/spec/nothing/here', 1));
    const issue = app.validate().find((i) => i.ruleId === 'json-patch');
    expect(issue?.constructPath).toBe('c/web');
  });

  test('--no-validate (validate: false) still renders but skips the rules', () => {
    const app = new App({ validate: false });
    const d = new Deployment(new Chart(app, 'c'), 'web', { containers: [{ image: 'nginx:1.27' }] });
    ApiObject.of(d).addJsonPatch(JsonPatch.replace('/spec/selector/matchLabels/app.kubernetes.io~1name', 'other'));
    expect(app.synthYaml()).toContain('app.kubernetes.io/name: other');
  });
});
