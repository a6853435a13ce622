import { checkSchema, MAX_ISSUES_PER_OBJECT } from '../../lib/schema';
import { clone, deployment, service } from './fixtures';

const V = '1.37';

describe('strict decoding: unknown fields', () => {
  test('a spec indented under metadata is an unknown field of ObjectMeta, with the one-level-up hint', () => {
    const d = deployment();
    d.metadata.spec = d.spec;
    delete d.spec;
    const issues = checkSchema(d, 'app/web', V);
    const unknown = issues.find((i) => i.ruleId === 'unknown-field');
    expect(unknown).toMatchObject({ severity: 'error', constructPath: 'app/web', jsonPointer: '/metadata/spec' });
    expect(unknown!.message).toContain('"spec" is not a field of ObjectMeta');
    expect(unknown!.fix).toContain('move it out of "metadata"');
    // The Deployment now lacks its spec, which the schema requires.
    expect(issues.find((i) => i.jsonPointer === '/spec')?.message).toContain('required field "spec" of Deployment is missing');
  });

  test('the correct twin passes', () => {
    expect(checkSchema(deployment(), 'app/web', V)).toEqual([]);
  });

  test('a misspelt field gets a did-you-mean hint; the path stays out of the message', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].ports[0].containerport = 8080;
    delete d.spec.template.spec.containers[0].ports[0].containerPort;
    const issues = checkSchema(d, 'app/web', V);
    const i = issues.find((x) => x.ruleId === 'unknown-field')!;
    expect(i.jsonPointer).toBe('/spec/template/spec/containers/0/ports/0/containerport');
    expect(i.fix).toContain('did you mean "containerPort"');
    expect(i.message).not.toContain('app/web');
  });

  test('a field named like an Object.prototype member is unknown too, with no one-level-up hint', () => {
    const d = deployment();
    d.metadata.toString = 'x';
    const issues = checkSchema(d, 'app/web', V);
    expect(issues.map((i) => [i.ruleId, i.jsonPointer])).toEqual([['unknown-field', '/metadata/toString']]);
    expect(issues[0].fix).toContain('remove "toString"');
  });

  test('problems are listed in the order of the manifest, not of the schema', () => {
    const d = deployment();
    d.spec.template.spec.containers[0] = { ports: [{ containerPort: '80' }], name: 5, image: 'nginx' };
    expect(checkSchema(d, 'p', V).map((i) => i.jsonPointer)).toEqual([
      '/spec/template/spec/containers/0/ports/0/containerPort',
      '/spec/template/spec/containers/0/name',
    ]);
  });

  test('maps stay open: any label and annotation key is allowed', () => {
    const d = deployment();
    d.metadata.annotations = { 'example.com/anything': 'x', spec: 'y' };
    expect(checkSchema(d, 'app/web', V)).toEqual([]);
  });

  test('keys with "/" and "~" are escaped in the pointer (RFC 6901)', () => {
    const d = deployment();
    d.metadata['a/b~c'] = 1;
    expect(checkSchema(d, 'p', V).map((i) => i.jsonPointer)).toEqual(['/metadata/a~1b~0c']);
  });

  test('x-kubernetes-preserve-unknown-fields stays open (a CRD schema accepts any keywords below it)', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { spec: { type: 'object' } } } },
          },
        ],
      },
    };
    expect(checkSchema(crd, 'crd', V)).toEqual([]);
    const broken = clone(crd);
    (broken.spec.versions[0] as any).servd = true;
    expect(checkSchema(broken, 'crd', V).map((i) => [i.ruleId, i.jsonPointer])).toEqual([['unknown-field', '/spec/versions/0/servd']]);
  });
});

describe('null means unset', () => {
  test('creationTimestamp: null and other nulls pass', () => {
    const d = deployment();
    d.metadata.creationTimestamp = null;
    d.spec.strategy = null;
    d.status = null;
    expect(checkSchema(d, 'p', V)).toEqual([]);
  });

  test('undefined is unset too: the manifest leaves such keys out and writes list items as null', () => {
    const d = deployment();
    d.metadata.labels = { ...d.metadata.labels, team: undefined };
    d.metadata.bogus = undefined;
    d.spec.template.spec.containers[0].args = [undefined, 'serve'];
    expect(checkSchema(d, 'p', V)).toEqual([]);
    d.spec.template.spec.containers[0].args = [5];
    delete d.spec.template.spec.containers[0].name;
    d.spec.template.spec.containers[0].name = undefined;
    expect(checkSchema(d, 'p', V).map((i) => i.jsonPointer)).toEqual(['/spec/template/spec/containers/0/args/0', '/spec/template/spec/containers/0/name']);
  });

  test('a required field that is null counts as missing', () => {
    const d = deployment();
    d.spec.selector = null;
    const issues = checkSchema(d, 'p', V);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ ruleId: 'schema', jsonPointer: '/spec/selector' });
    expect(issues[0].message).toContain('required field "selector" of DeploymentSpec is null');
  });

  test('the caller\'s object is not changed', () => {
    const d = deployment();
    d.metadata.creationTimestamp = null;
    d.metadata.spec = {};
    const before = clone(d);
    checkSchema(d, 'p', V);
    expect(d).toEqual(before);
  });
});

describe('required fields', () => {
  test('a container without a name is reported at its pointer', () => {
    const d = deployment();
    delete d.spec.template.spec.containers[0].name;
    const issues = checkSchema(d, 'p', V);
    expect(issues.map((i) => [i.ruleId, i.jsonPointer])).toEqual([['schema', '/spec/template/spec/containers/0/name']]);
    expect(issues[0].fix).toContain('set "name"');
  });

  test('a Service port without port is missing a required field; the twin with port passes', () => {
    const s = service();
    delete s.spec.ports[0].port;
    expect(checkSchema(s, 'p', V).map((i) => i.jsonPointer)).toEqual(['/spec/ports/0/port']);
    expect(checkSchema(service(), 'p', V)).toEqual([]);
  });
});

describe('types', () => {
  test('a quoted number where an int32 belongs names the value and the unquoted fix', () => {
    const d = deployment();
    d.spec.replicas = '3';
    const [i] = checkSchema(d, 'p', V);
    expect(i).toMatchObject({ ruleId: 'schema', jsonPointer: '/spec/replicas' });
    expect(i.message).toBe('field "replicas" must be an integer (int32), got "3" (a string)');
    expect(i.fix).toBe('write the number without quotes: 3');
  });

  test('int32 range', () => {
    const d = deployment();
    d.spec.replicas = 2 ** 31;
    expect(checkSchema(d, 'p', V)[0].message).toContain('int32');
    d.spec.replicas = 2 ** 31 - 1;
    expect(checkSchema(d, 'p', V)).toEqual([]);
  });

  test('a list where a mapping belongs', () => {
    const d = deployment();
    d.metadata.labels = ['app=web'];
    d.spec.template.metadata.labels = d.spec.selector.matchLabels;
    const [i] = checkSchema(d, 'p', V);
    expect(i.jsonPointer).toBe('/metadata/labels');
    expect(i.message).toContain('must be an object');
  });
});

describe('issue limits', () => {
  test('each pointer is reported once and an object yields at most the cap plus a note', () => {
    const d = deployment();
    for (let i = 0; i < 200; i++) d.metadata[`junk${i}`] = i;
    const issues = checkSchema(d, 'p', V);
    expect(issues).toHaveLength(MAX_ISSUES_PER_OBJECT + 1);
    expect(new Set(issues.map((i) => i.jsonPointer)).size).toBe(issues.length);
    expect(issues[issues.length - 1].message).toContain(`more than ${MAX_ISSUES_PER_OBJECT}`);
  });
});
