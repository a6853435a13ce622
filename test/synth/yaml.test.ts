import fc from 'fast-check';
import * as yaml from 'yaml';
import { toYaml, toYamlStream } from '../../lib/synth/yaml';

type Version = '1.1' | '1.2';

/** Parses with the `yaml` package, failing on any error or warning. */
function parse(text: string, version: Version = '1.2'): unknown {
  const doc = yaml.parseDocument(text, { version });
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  return doc.toJS();
}

/** What a JSON value should read back as: -0 becomes 0, undefined members vanish. */
function normalize(v: unknown): unknown {
  if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : normalize(x)));
  if (v !== null && typeof v === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, normalize(x)]));
  }
  return v;
}

function expectRoundTrip(v: unknown): void {
  const text = toYaml(v);
  expect(text.endsWith('\n')).toBe(true);
  expect(parse(text, '1.2')).toEqual(normalize(v));
  // kubectl / go-yaml v2 read YAML 1.1: nothing may turn into a bool, number, null or date.
  expect(parse(text, '1.1')).toEqual(normalize(v));
}

const TRICKY = [
  'yes', 'No', 'ON', 'off', 'Y', 'n', '~', 'null', 'NULL', 'true', 'False', '0x1F', '0o17', '012',
  '0b101', '1e3', '1E+3', 'e0', 'E-1', '-e0', '+E1', '.5', '+1', '-1', '1_000', '.inf', '-.Inf', '.NaN', '- a', '-', '--',
  '---', '...', '--flag=x', 'a: b', 'a:', ':a', '?', '#x', 'a #b', 'a#b', '2001-12-14',
  '2001-12-14T21:59:43Z', '1:20', '190:20:30.15', '<<', '=', '', ' ', ' a', 'a ', 'line1\nline2', '\n',
  '\n\n', 'a\n\n', 'a\n', '\na', '  lead\n', 'x\n  indented\n', 'tab\there', 'a\tb\nc', 'a\r\nb',
  '\u0085', 'x\u2028y', '\ufeffbom', '\x7f', 'caf\u00e9', '\u{1F600}', '"q"', "'s'", '[a]', '{a}',
  '|', '>', '%x', '@x', '`x`', '!x', '&x', '*x', 'a,b', 'nginx:1.25', 'http://x/#f', 'app.kubernetes.io/name',
];

const trickyString = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom(...' \t\n-?:,[]{}#&*!|>\'"%@`.0123456789eExXob_+yYnN~<=a'.split('')) }),
  fc.array(fc.constantFrom(...TRICKY), { maxLength: 3 }).map((parts) => parts.join('')),
);

const { trickyJson } = fc.letrec((tie) => ({
  trickyJson: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    trickyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('trickyJson')),
    fc.dictionary(trickyString, tie('trickyJson')),
  ),
}));

const PARAMS = { seed: 42, numRuns: 2000 };

describe('toYaml format', () => {
  test('Deployment-like object', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web', tier: 'on' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' }, annotations: undefined },
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'nginx:1.25',
                args: ['--port=8080', 'yes', ''],
                ports: [{ containerPort: 80, protocol: 'TCP' }],
                env: [],
                resources: {},
                readinessProbe: null,
              },
            ],
          },
        },
      },
    };
    expect(toYaml(deployment)).toBe(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        '  labels:',
        '    app.kubernetes.io/name: web',
        '    tier: "on"',
        'spec:',
        '  replicas: 3',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '        - name: nginx',
        '          image: nginx:1.25',
        '          args:',
        '            - --port=8080',
        '            - "yes"',
        '            - ""',
        '          ports:',
        '            - containerPort: 80',
        '              protocol: TCP',
        '          env: []',
        '          resources: {}',
        '          readinessProbe: null',
        '',
      ].join('\n'),
    );
    expectRoundTrip(deployment);
  });

  test('nested arrays of arrays use compact `- -` form', () => {
    const v = { m: [[1, [2, 3]], [], [[]], [{ a: 1, b: [true] }]] };
    expect(toYaml(v)).toBe(
      'm:\n  - - 1\n    - - 2\n      - 3\n  - []\n  - - []\n  - - a: 1\n      b:\n        - true\n',
    );
    expect(toYaml([['x']])).toBe('- - x\n');
    expectRoundTrip(v);
  });

  test('empty collections and root scalars', () => {
    expect(toYaml({})).toBe('{}\n');
    expect(toYaml([])).toBe('[]\n');
    expect(toYaml({ a: {}, b: [], c: { d: undefined } })).toBe('a: {}\nb: []\nc: {}\n');
    expect(toYaml([{}, []])).toBe('- {}\n- []\n');
    expect(toYaml(null)).toBe('null\n');
    expect(toYaml(undefined)).toBe('null\n');
    expect(toYaml('x')).toBe('x\n');
    expect(toYaml(false)).toBe('false\n');
  });

  test('undefined is skipped in objects and becomes null in arrays', () => {
    expect(toYaml({ a: undefined, b: 1, c: undefined })).toBe('b: 1\n');
    expect(toYaml([undefined, 1])).toBe('- null\n- 1\n');
  });

  test('keys keep insertion order', () => {
    expect(toYaml({ z: 1, a: 2, m: 3 })).toBe('z: 1\na: 2\nm: 3\n');
  });

  test('block scalars pick the chomping indicator from the trailing newlines', () => {
    expect(toYaml({ a: 'x\ny' })).toBe('a: |-\n  x\n  y\n');
    expect(toYaml({ a: 'x\ny\n' })).toBe('a: |\n  x\n  y\n');
    expect(toYaml({ a: 'x\ny\n\n' })).toBe('a: |+\n  x\n  y\n\n');
    expect(toYaml({ a: 'x\n\n\n', b: 1 })).toBe('a: |+\n  x\n\n\nb: 1\n');
    for (const s of ['x\ny', 'x\ny\n', 'x\ny\n\n', 'x\n\n\n']) expectRoundTrip({ a: s, b: [s], c: 1 });
  });

  test('block scalar content is indented under its parent; empty lines stay empty', () => {
    expect(toYaml({ a: { b: 'p\n\nq\n' } })).toBe('a:\n  b: |\n    p\n\n    q\n');
    expect(toYaml(['x\ny', { k: 'u\nv' }])).toBe('- |-\n  x\n  y\n- k: |-\n    u\n    v\n');
    expect(toYaml('x\n\ny')).toBe('|-\n  x\n\n  y\n');
    expect(toYaml({ a: '\nlead' })).toBe('a: |-\n\n  lead\n');
    expect(toYaml({ a: 'x\n  indented' })).toBe('a: |-\n  x\n    indented\n');
    expectRoundTrip({ a: { b: 'p\n\nq\n' }, c: ['x\n\ny', '\nlead'] });
  });

  test('multi-line strings that a literal block cannot hold are double-quoted', () => {
    expect(toYaml({ a: '  lead\nx' })).toBe('a: "  lead\\nx"\n');
    expect(toYaml({ a: '\tlead\nx' })).toBe('a: "\\tlead\\nx"\n');
    expect(toYaml({ a: 'a\r\nb' })).toBe('a: "a\\r\\nb"\n');
    expect(toYaml({ a: '\n' })).toBe('a: "\\n"\n');
    expect(toYaml({ a: 'x\u0085\ny' })).toBe('a: "x\\u0085\\ny"\n');
    expect(toYaml({ a: 'b\u0007\nc' })).toBe('a: "b\\u0007\\nc"\n');
  });

  test('plain scalars only when unambiguous in YAML 1.1 and 1.2', () => {
    const plain = ['web', 'nginx:1.25', 'app.kubernetes.io/name', '--port=8080', '-e', 'a:b', 'a#b', '100Mi',
      '500m', 'v1.2.3', 'x y', 'http://x/y?z=1', 'caf\u00e9', '~/x', '1.2.3-beta', 'yes please', 'a,b'];
    for (const s of plain) expect(toYaml(s)).toBe(`${s}\n`);
    const quoted = ['', ' a', 'a ', 'yes', 'No', 'ON', 'y', 'N', 'Off', 'true', 'FALSE', 'null', 'Null', '~',
      '0x1F', '0o17', '012', '0b11', '1e3', 'e0', 'E+1', '-e1', '1.5', '.5', '+1', '-1', '1_000', '.inf', '-.INF', '.nan', '1:20',
      '2001-12-14', '2001-12-14T21:59:43Z', '<<', '=', '- a', '-', '---', '...', '?x', ':x', 'a: b', 'a:',
      '#x', 'a #b', '[a]', '{a}', 'a[0]', '|', '>', '%x', '@x', '`x', '!x', '&x', '*x', '"q"', "'q'", ',x',
      'tab\there', '\u{1F600}', '\ufeffx', 'x\u2028y', '\x7f'];
    for (const s of quoted) {
      const text = toYaml(s);
      expect(text.startsWith('"')).toBe(true);
      expect(parse(text, '1.2')).toBe(s);
      expect(parse(text, '1.1')).toBe(s);
    }
  });

  test('keys follow the same quoting rules', () => {
    expect(toYaml({ 'app.kubernetes.io/name': 1, y: 2, on: 3, '': 4, 'a: b': 5, '80': 6 })).toBe(
      '"80": 6\napp.kubernetes.io/name: 1\n"y": 2\n"on": 3\n"": 4\n"a: b": 5\n',
    );
    expect(toYaml({ 'multi\nline': 1 })).toBe('"multi\\nline": 1\n');
  });

  test('keys longer than the 1024-char implicit-key limit use the explicit form', () => {
    const long = 'k'.repeat(2000);
    const v = { [long]: { a: 1 }, short: [{ [long]: 'x' }] };
    expect(toYaml({ [long]: 1 })).toBe(`? ${long}\n: 1\n`);
    expectRoundTrip(v);
  });

  test('numbers round-trip and floats stay floats for YAML 1.1 readers', () => {
    expect(toYaml([0, -0, 42, -7, 0.5, 1e21, 1.5e-7, 5e-324, Number.MAX_SAFE_INTEGER, -1e300])).toBe(
      '- 0\n- 0\n- 42\n- -7\n- 0.5\n- 1.0e+21\n- 1.5e-7\n- 5.0e-324\n- 9007199254740991\n- -1.0e+300\n',
    );
    expectRoundTrip([0, -0, 42, -7, 0.5, 1e21, 1.5e-7, 5e-324, Number.MAX_VALUE, Number.MIN_VALUE, -1e300]);
  });

  test('output is deterministic and shared (acyclic) references are emitted twice', () => {
    const shared = { a: 1 };
    const v = { x: shared, y: [shared] };
    expect(toYaml(v)).toBe('x:\n  a: 1\n"y":\n  - a: 1\n');
    expect(toYaml(v)).toBe(toYaml(JSON.parse(JSON.stringify(v))));
  });
});

describe('toYaml round trip (property)', () => {
  test('fc.jsonValue()', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => expectRoundTrip(v)), PARAMS);
  });

  test('fc.jsonValue() with grapheme and binary strings', () => {
    const arb = fc.oneof(fc.jsonValue({ stringUnit: 'grapheme' }), fc.jsonValue({ stringUnit: 'binary' }));
    fc.assert(fc.property(arb, (v) => expectRoundTrip(v)), PARAMS);
  });

  test('JSON values built from tricky strings (as keys and values)', () => {
    fc.assert(fc.property(trickyJson, (v) => expectRoundTrip(v)), PARAMS);
  });

  test('tricky strings stay strings under YAML 1.1 and 1.2, in every position', () => {
    fc.assert(
      fc.property(trickyString, (s) => {
        for (const v of [s, [s], { [s]: s }, { k: [{ [s]: [s] }] }]) expectRoundTrip(v);
        expect(typeof parse(toYaml(s), '1.1')).toBe('string');
      }),
      PARAMS,
    );
  });
});

describe('toYamlStream', () => {
  test('joins documents with --- separators', () => {
    expect(toYamlStream([])).toBe('');
    expect(toYamlStream([{ a: 1 }])).toBe('a: 1\n');
    expect(toYamlStream([{ a: 1 }, 'x', [], 'k\n\n'])).toBe('a: 1\n---\nx\n---\n[]\n---\n|+\n  k\n\n');
  });

  test('round-trips through yaml.parseAllDocuments (property)', () => {
    fc.assert(
      fc.property(fc.array(trickyJson, { maxLength: 5 }), (docs) => {
        const parsed = yaml.parseAllDocuments(toYamlStream(docs));
        expect(Array.isArray(parsed)).toBe(true);
        const list = parsed as yaml.Document[];
        for (const d of list) expect(d.errors).toEqual([]);
        expect(list.map((d) => d.toJS())).toEqual(docs.map(normalize));
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  test('errors name the document index and pointer', () => {
    expect(() => toYamlStream([{}, { a: [NaN] }])).toThrow('document 1: toYaml: cannot serialize NaN at /a/0');
  });
});

describe('toYaml errors name the JSON pointer and value', () => {
  test.each<[string, unknown, string]>([
    ['NaN', { spec: { replicas: NaN } }, 'NaN at /spec/replicas'],
    ['Infinity', { a: [1, Infinity] }, 'Infinity at /a/1'],
    ['-Infinity', -Infinity, '-Infinity at "" (document root)'],
    ['function', { spec: { fn: function hook() {} } }, 'function hook at /spec/fn'],
    ['symbol', [{ s: Symbol('q') }], 'Symbol(q) at /0/s'],
    ['bigint', { n: 10n }, 'bigint 10n at /n'],
    ['Date', { when: new Date(0) }, 'non-plain object [object Date] at /when'],
    ['Map', { m: new Map() }, 'non-plain object [object Map] at /m'],
    ['escaped keys', { 'a/b': { '~c': NaN } }, 'NaN at /a~1b/~0c'],
  ])('%s', (_name, value, message) => {
    expect(() => toYaml(value)).toThrow(`toYaml: cannot serialize ${message}`);
  });

  test('cycles report both ends', () => {
    const root: Record<string, unknown> = { spec: { items: [] as unknown[] } };
    (root.spec as { items: unknown[] }).items.push({ back: root.spec });
    expect(() => toYaml(root)).toThrow('circular reference to /spec at /spec/items/0/back');
    const self: unknown[] = [];
    self.push(self);
    expect(() => toYaml(self)).toThrow('circular reference to "" (document root) at /0');
  });

  test('null-prototype objects are accepted', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.a = 1;
    expect(toYaml(o)).toBe('a: 1\n');
  });
});
