import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, ConfigMap, Deployment, formatIssuesText, Include, JsonPatch, KubeforgeError, Namespace, Service, SynthError } from '../../lib';
import { errors, newChart, render, synth } from './util';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/include');
const fixture = (name: string) => path.join(FIXTURES, name);
const readFixture = (name: string) => fs.readFileSync(fixture(name), 'utf8');

/** 1-based line of the first line of `file` that contains `text`. */
function lineOf(file: string, text: string): number {
  const i = readFixture(file).split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return i + 1;
}

function thrown(f: () => unknown): KubeforgeError {
  try {
    f();
  } catch (e) {
    if (e instanceof KubeforgeError) return e;
    throw e;
  }
  throw new Error('expected a KubeforgeError');
}

function byKind(objects: Record<string, any>[], kind: string): Record<string, any> {
  const found = objects.filter((o) => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('Include: emitted objects', () => {
  test('every document of a file becomes an object, each field as written and in the file\'s key order', () => {
    const { app, chart } = newChart();
    const inc = new Include(chart, 'legacy', { path: fixture('legacy.yaml') });
    expect(inc.objects.map((o) => `${o.kind}/${o.name}`)).toEqual(['ConfigMap/legacy-config', 'Deployment/legacy-web', 'Service/legacy-web', 'ClusterRole/legacy-reader']);
    const out = render(app);
    const fromFile = readFixture('legacy.yaml').split(/^---$/m).map((d) => require('js-yaml').load(d));
    for (const doc of fromFile) {
      const emitted = out.find((o) => o.kind === doc.kind && o.metadata.name === doc.metadata.name);
      expect(emitted).toEqual(doc);
      expect(JSON.stringify(emitted)).toBe(JSON.stringify(doc)); // key order too
    }
    // Nothing kubeforge-specific is added: no standard labels, no generated names.
    expect(byKind(out, 'Deployment').metadata.labels).toEqual({ app: 'legacy-web' });
  });

  test('extended resources, unknown fields of custom resources and CRD instances survive untouched', () => {
    const { app, chart } = newChart();
    new Include(chart, 'crds', { path: fixture('crd.yaml') });
    new Include(chart, 'legacy', { path: fixture('legacy.yaml') });
    const out = render(app);
    expect(byKind(out, 'Deployment').spec.template.spec.containers[0].resources.limits).toEqual({ memory: '256Mi', 'nvidia.com/gpu': 1 });
    expect(byKind(out, 'Backup').spec).toEqual({ schedule: '0 3 * * *', retention: { days: 7, copies: 3 }, futureField: 'kept as is' });
    expect(out.some((o) => 'status' in o)).toBe(false);
  });

  test('objects without a namespace get the chart\'s; cluster-scoped kinds (built-in or by CRD) never do; own namespaces win', () => {
    const { app, chart } = newChart({ namespace: 'shop' });
    new Include(chart, 'crds', { path: fixture('crd.yaml') });
    new Include(chart, 'legacy', { path: fixture('legacy.yaml') });
    new Include(chart, 'own', { objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'elsewhere' } }] });
    new Namespace(chart, 'ns', { name: 'shop' });
    new Namespace(chart, 'ns2', { name: 'elsewhere' });
    const ns = Object.fromEntries(render(app).map((o) => [`${o.kind}/${o.metadata.name}`, o.metadata.namespace]));
    expect(ns).toMatchObject({
      'ConfigMap/legacy-config': 'shop', 'Deployment/legacy-web': 'shop', 'Service/legacy-web': 'shop', 'Backup/nightly': 'shop',
      'ConfigMap/x': 'elsewhere', 'ClusterRole/legacy-reader': undefined, 'CustomResourceDefinition/backups.example.com': undefined,
      'Vault/main': undefined,
    });
  });

  test('the namespace prop (a Namespace object) beats the chart\'s, and clusterScopedKinds keeps a custom kind out of namespaces', () => {
    const { app, chart } = newChart({ namespace: 'shop' });
    const team = new Namespace(chart, 'team', { name: 'team' });
    const inc = new Include(chart, 'inc', {
      namespace: team,
      clusterScopedKinds: ['cert-manager.io/ClusterIssuer'],
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: le\nspec: {}\n',
    });
    expect(inc.find('ConfigMap', 'a').namespace).toBe('team');
    expect(inc.find('ClusterIssuer', 'le').namespace).toBeUndefined();
    const out = app.synthesize({ validate: false }).charts[0].objects.map((o) => o.json);
    expect(out.find((o) => o.kind === 'ConfigMap')!.metadata).toEqual({ name: 'a', namespace: 'team' });
    expect(out.find((o) => o.kind === 'ClusterIssuer')!.metadata).toEqual({ name: 'le' });
  });

  test('generateName is kept and no name is invented; the chart\'s labels are added, the file\'s win', () => {
    const { app, chart } = newChart({ labels: { team: 'payments', app: 'chart' } });
    new Include(chart, 'job', {
      objects: [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'migrate-', labels: { app: 'db' } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'busybox:1.36' }] } } } }],
    });
    const job = app.synthesize({ validate: false }).charts[0].objects[0].json;
    expect(job.metadata).toEqual({ generateName: 'migrate-', labels: { app: 'db', team: 'payments' } });
  });

  test('inline YAML and parsed objects work like files; parsed objects are copied', () => {
    const { app, chart } = newChart();
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p' }, data: { a: '1' } };
    new Include(chart, 'parsed', { objects: [obj] });
    new Include(chart, 'inline', { yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: i\ndata:\n  mode: 0644\n' });
    obj.data.a = 'changed later';
    const out = app.synthesize({ validate: false }).charts[0].objects.map((o) => o.json);
    expect(out.find((o) => o.metadata.name === 'p')!.data).toEqual({ a: '1' });
    // Read as kubectl reads YAML: 0644 is octal (420), so this ConfigMap value is a number and is flagged.
    const issues = errors(app);
    expect(issues.map((i) => [i.ruleId, i.file, i.line, i.constructPath])).toEqual([['schema', '(inline YAML)', 6, 'test/inline/ConfigMap-i']]);
  });

  test('List documents and JSON files: each item is an object', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeforge-include-'));
    const file = path.join(dir, 'list.json');
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b' }, type: 'Opaque' },
    ] }, null, 2));
    const { app, chart } = newChart();
    const inc = new Include(chart, 'list', { path: file });
    expect(inc.objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Secret']);
    expect(inc.objects.map((o) => o.sourceLocation!.line)).toEqual([5, 12]);
    expect(render(app).map((o) => o.kind)).toEqual(['Secret', 'ConfigMap']); // kind order: Secrets first
  });

  test('a relative path is read from the working directory and reported as written', () => {
    const cwd = process.cwd();
    process.chdir(FIXTURES);
    try {
      const { app, chart } = newChart();
      new Include(chart, 'broken', { path: 'broken.yaml' });
      expect(errors(app).every((i) => i.file === 'broken.yaml')).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('Include: validation at synth names the file and line', () => {
  test('an unknown field and a removed API are reported at their lines, with the construct path', () => {
    const { app, chart } = newChart();
    new Include(chart, 'broken', { path: fixture('broken.yaml') });
    const found = errors(app).map((i) => ({ ruleId: i.ruleId, file: i.file, line: i.line, path: i.constructPath }));
    expect(found).toEqual(expect.arrayContaining([
      { ruleId: 'unknown-field', file: fixture('broken.yaml'), line: lineOf('broken.yaml', 'imagePullPolice'), path: 'test/broken/Deployment-typo' },
      { ruleId: 'removed-api', file: fixture('broken.yaml'), line: lineOf('broken.yaml', 'autoscaling/v2beta1'), path: 'test/broken/HorizontalPodAutoscaler-old' },
    ]));
    expect(found.filter((i) => i.path === 'test/broken/ConfigMap-fine')).toEqual([]);
    const text = formatIssuesText(errors(app), false);
    expect(text).toContain(`${fixture('broken.yaml')}:${lineOf('broken.yaml', 'imagePullPolice')} (test/broken/Deployment-typo): `);
    expect(() => app.synth()).toThrow(SynthError);
    expect(() => app.synth()).toThrow(`[unknown-field] ${fixture('broken.yaml')}:${lineOf('broken.yaml', 'imagePullPolice')} (test/broken/Deployment-typo): `);
  });

  test('a patched value is reported at its field\'s line; a patched-in new field at the object\'s first line', () => {
    const { app, chart } = newChart();
    const inc = new Include(chart, 'legacy', { path: fixture('legacy.yaml') });
    inc.find('Deployment', 'legacy-web').set('/spec/replicas', -1);
    const issue = errors(app).find((i) => i.jsonPointer === '/spec/replicas')!;
    expect(issue).toMatchObject({ file: fixture('legacy.yaml'), line: lineOf('legacy.yaml', 'replicas: 2'), constructPath: 'test/legacy/Deployment-legacy-web' });
    inc.find('Deployment', 'legacy-web').addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/bogus', 1));
    const bogus = errors(app).find((i) => i.ruleId === 'unknown-field')!;
    expect(bogus.line).toBe(lineOf('legacy.yaml', 'apiVersion: apps/v1'));
  });

  test('an included object that duplicates a kubeforge object is a duplicate-object error', () => {
    const { app, chart } = newChart();
    new Include(chart, 'legacy', { path: fixture('legacy.yaml') });
    new Service(chart, 'svc', { name: 'legacy-web', ports: [{ port: 80 }] });
    const dup = errors(app).filter((i) => i.ruleId === 'duplicate-object');
    expect(dup).toHaveLength(1);
    expect(dup[0].message).toContain('test/legacy/Service-legacy-web');
    expect(dup[0].message).toContain('test/svc');
  });

  test('twice the same object in one file is reported, not silently merged', () => {
    const { app, chart } = newChart();
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n';
    const inc = new Include(chart, 'twice', { yaml: `${doc}---\n${doc}` });
    expect(inc.objects.map((o) => o.node.id)).toEqual(['ConfigMap-same', 'ConfigMap-same-2']);
    expect(errors(app).map((i) => [i.ruleId, i.line])).toEqual([['duplicate-object', 9]]); // the second one's name
  });

  test('cross-object lints see included and kubeforge objects as one set', () => {
    const { app, chart } = newChart();
    new Deployment(chart, 'web', { podLabels: { tier: 'web' }, containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }] }] });
    new Include(chart, 'svc', { yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    tier: web\n  ports:\n    - port: 80\n      targetPort: http\n' });
    const ids = synth(app).issues.map((i) => i.ruleId);
    expect(ids).not.toContain('service-selects-no-pod');
    expect(ids).not.toContain('service-target-port');
    // The same Service aimed at a port the pods do not declare is flagged at its line.
    const { app: app2, chart: chart2 } = newChart();
    new Deployment(chart2, 'web', { podLabels: { tier: 'web' }, containers: [{ image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }] }] });
    new Include(chart2, 'svc', { yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    tier: web\n  ports:\n    - port: 80\n      targetPort: metrics\n' });
    expect(errors(app2).map((i) => [i.ruleId, i.file, i.line])).toEqual([['service-target-port', '(inline YAML)', 10]]);
  });

  test('a kubeforge Deployment that uses an included ConfigMap by name is not flagged as referencing a missing one', () => {
    const build = (withInclude: boolean) => {
      const { app, chart } = newChart();
      const cfg = ConfigMap.fromName(chart, 'cfg', 'legacy-config');
      new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', envFrom: [cfg.envFrom()] }] });
      if (withInclude) new Include(chart, 'legacy', { path: fixture('legacy.yaml') });
      return synth(app).issues.filter((i) => i.ruleId === 'missing-reference').map((i) => i.message);
    };
    expect(build(false)).toEqual([expect.stringContaining('legacy-config')]);
    expect(build(true)).toEqual([]);
  });

  test('included objects take part in kind order: a Namespace and a ConfigMap come before kubeforge workloads', () => {
    const { app, chart } = newChart();
    new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27' }] });
    new Include(chart, 'inc', { yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n' });
    expect(render(app).map((o) => o.kind)).toEqual(['Namespace', 'ConfigMap', 'Deployment']);
  });
});

describe('Include: patches keep every field', () => {
  test('patch(), set(), addJsonPatch() and metadata changes apply; unpatched fields survive', () => {
    const { app, chart } = newChart();
    const inc = new Include(chart, 'legacy', { path: fixture('legacy.yaml') });
    const web = inc.find('Deployment', 'legacy-web');
    web.patch((d: any) => {
      d.spec.replicas = 5;
    });
    web.set('/spec/template/spec/containers/0/resources/limits/example.com~1fpga', 2);
    web.set('/spec/template/spec/tolerations', [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    ApiObject.of(web).addJsonPatch(JsonPatch.add('/spec/template/spec/runtimeClassName', 'nvidia'));
    web.metadata.addLabel('example.com/patched', 'yes');
    web.metadata.addAnnotation('example.com/owner', 'ml');
    const d = byKind(render(app), 'Deployment');
    expect(d.spec.replicas).toBe(5);
    expect(d.spec.revisionHistoryLimit).toBe(3);
    const spec = d.spec.template.spec;
    expect(spec.containers[0].resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { memory: '256Mi', 'nvidia.com/gpu': 1, 'example.com/fpga': 2 },
    });
    expect(spec.containers[0].envFrom).toEqual([{ configMapRef: { name: 'legacy-config' } }]);
    expect(spec.tolerations).toEqual([{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(spec.runtimeClassName).toBe('nvidia');
    expect(d.metadata).toEqual({ name: 'legacy-web', labels: { app: 'legacy-web', 'example.com/patched': 'yes' }, annotations: { 'example.com/owner': 'ml' } });
  });

  test('patches run in call order, and every synth renders from the file\'s data again', () => {
    const { app, chart } = newChart();
    const cm = new Include(chart, 'legacy', { path: fixture('legacy.yaml') }).find('ConfigMap', 'legacy-config');
    cm.set('/data/LOG_LEVEL', 'debug');
    cm.patch((c: any) => ({ ...c, data: { ...c.data, EXTRA: c.data.LOG_LEVEL } }));
    const first = byKind(render(app), 'ConfigMap');
    expect(first.data).toEqual({ LOG_LEVEL: 'debug', enabled: 'true', EXTRA: 'debug' });
    expect(byKind(render(app), 'ConfigMap')).toEqual(first);
    expect(first.metadata.annotations).toEqual({ 'example.com/owner': 'platform' });
  });

  test('a patch that cannot apply is a synth error naming the object', () => {
    const { app, chart } = newChart();
    const web = new Include(chart, 'legacy', { path: fixture('legacy.yaml') }).find('Deployment', 'legacy-web');
    web.addJsonPatch(JsonPatch.replace('/spec/nothing/here', 1));
    web.set('/spec/replicas/deeper', 1);
    const found = errors(app).filter((i) => i.ruleId === 'json-patch');
    expect(found).toHaveLength(1);
    expect(found[0].constructPath).toBe('test/legacy/Deployment-legacy-web');
    expect(() => web.set('spec/replicas', 1)).toThrow(/takes a JSON pointer/);
  });

  test('find() names what exists when nothing matches; tryFind() returns undefined', () => {
    const { chart } = newChart();
    const inc = new Include(chart, 'legacy', { path: fixture('legacy.yaml') });
    expect(inc.tryFind('Deployment', 'nope')).toBeUndefined();
    expect(inc.tryFind('Service', 'legacy-web')!.kind).toBe('Service');
    const e = thrown(() => inc.find('Deployment', 'nope'));
    expect(e.message).toMatch(/^test\/legacy: no included object is Deployment "nope"/);
    expect(e.message).toContain('Deployment/legacy-web');
  });
});

describe('Include: bad input throws at construction', () => {
  const { chart } = newChart();
  let n = 0;
  const include = (props: object) => thrown(() => new Include(chart, `i${n++}`, props));

  test('a missing file names the path as given and resolved', () => {
    const e = include({ path: 'manifests/nope.yaml' });
    expect(e.message).toContain(`cannot read manifests/nope.yaml (${path.resolve('manifests/nope.yaml')}): no such file`);
    expect(e.details.ruleId).toBe('io');
  });

  test('a YAML syntax error names file:line:column', () => {
    const e = include({ yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n   bad: indent\n' });
    expect(e.message).toMatch(/^test\/i\d+: \(inline YAML\):5:\d+: not valid YAML: /);
    expect(e.details.ruleId).toBe('parse');
  });

  test('a JSON syntax error names file:line:column', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeforge-include-'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{\n  "apiVersion": "v1",\n  "kind": "Pod",,\n}\n');
    expect(include({ path: path.join(dir, 'bad.json') }).message).toMatch(new RegExp(`^test/i\\d+: ${path.join(dir, 'bad.json')}:3:\\d+: not valid JSON: `));
  });

  test('JSON that YAML can still read is read as kubectl reads it: `"kind": }` is a null kind, not a syntax error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeforge-include-'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{\n  "apiVersion": "v1",\n  "kind": }\n');
    expect(include({ path: path.join(dir, 'bad.json') }).message).toMatch(/bad\.json:1: the object has no kind \(got null\)/);
  });

  test('a document that is not an object, or a List item that is not one, names its line', () => {
    expect(include({ yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n- just\n- a list\n' }).message).toContain('(inline YAML):6: the document is an array, not a Kubernetes object');
    expect(include({ yaml: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: a }\n  - "text"\n' }).message).toContain('(inline YAML):7: the List item 1 is a string');
    expect(include({ objects: [42] }).message).toContain('objects[0]: the entry is a number');
  });

  test('no kind or no apiVersion names the line and the fix', () => {
    const noKind = include({ yaml: '# header\napiVersion: v1\nmetadata:\n  name: a\n' });
    expect(noKind.message).toContain('(inline YAML):2: the object has no kind');
    const noVersion = include({ yaml: 'kind: ConfigMap\nmetadata:\n  name: a\n' });
    expect(noVersion.message).toContain('(inline YAML):1: ConfigMap has no apiVersion');
    expect(noVersion.message).toContain('Fix: add the apiVersion of ConfigMap');
    expect(include({ objects: [{ apiVersion: 'a/b/v1', kind: 'X' }] }).message).toContain('objects[0]: X has an invalid apiVersion (got "a/b/v1")');
  });

  test('exactly one source', () => {
    expect(include({}).message).toContain('nothing to include');
    expect(include({ yaml: '', objects: [] }).message).toContain('only one source is allowed, got yaml and objects');
  });

  test('empty documents are skipped, as kubectl does', () => {
    const { chart: c } = newChart();
    expect(new Include(c, 'empty', { yaml: '---\n# nothing\n---\n' }).objects).toEqual([]);
  });
});
