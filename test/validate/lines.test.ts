import { load } from 'js-yaml';
import { DocumentLines, parsePointer } from '../../lib/validate/lines';
import { splitYamlDocuments } from '../../lib/validate/split';

function linesFor(text: string, startAt = 1) {
  const [chunk] = splitYamlDocuments(text);
  return new DocumentLines({ ...chunk, startLine: chunk.startLine + startAt - 1 }, load(chunk.text));
}

const DEPLOYMENT = `# header
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    "app.kubernetes.io/name": web
    'it''s': quoted
spec:
  template:
    spec:
      containers:
      - name: a
        image: nginx:1.27
        ports:
          - containerPort: 80
          -   containerPort: 81
      -
        name: b
        command: |
          not: a key
          - not an entry
        args: [x, y]
`;

describe('DocumentLines (block YAML, the indentation scan)', () => {
  const d = linesFor(DEPLOYMENT);
  test.each([
    ['', 2],
    ['/kind', 3],
    ['/metadata/name', 5],
    ['/metadata/labels/app.kubernetes.io~1name', 7],
    ["/metadata/labels/it's", 8],
    ['/spec/template/spec/containers', 12],
    ['/spec/template/spec/containers/0', 13],
    ['/spec/template/spec/containers/0/image', 14],
    ['/spec/template/spec/containers/0/ports/1/containerPort', 17],
    ['/spec/template/spec/containers/1', 18],
    ['/spec/template/spec/containers/1/name', 19],
    ['/spec/template/spec/containers/1/args', 23],
  ])('%s is on line %d', (pointer, line) => {
    expect(d.lineOf(pointer)).toBe(line);
  });

  test('a pointer to a field the document does not have resolves to nothing', () => {
    expect(d.lineOf('/spec/template/spec/containers/0/resources')).toBeUndefined();
    expect(d.lineOf('/spec/template/spec/containers/5')).toBeUndefined();
    expect(d.lineOf('/metadata/name/x')).toBeUndefined();
  });

  test('lines are file lines: offset by where the document starts', () => {
    expect(linesFor(DEPLOYMENT, 101).lineOf('/metadata/name')).toBe(105);
  });

  test('entryLines lists each entry of a sequence', () => {
    expect(d.entryLines('/spec/template/spec/containers', 2)).toEqual([13, 18]);
  });
});

describe('DocumentLines (what the scan does not model falls back to the yaml package)', () => {
  test('flow collections, anchors and merges', () => {
    const d = linesFor('base: &b\n  x: 1\nobj:\n  <<: *b\n  y: {z: [1,\n    2]}\n');
    expect(d.lineOf('/obj/y/z/1')).toBe(6);
    expect(d.lineOf('/obj/y')).toBe(5);
  });

  test('JSON text', () => {
    const text = '{\n  "kind": "List",\n  "items": [\n    {"a": 1},\n    {\n      "b": 2\n    }\n  ]\n}\n';
    const d = new DocumentLines({ text, startLine: 1, firstLine: 1 }, JSON.parse(text));
    expect(d.lineOf('/items/1/b')).toBe(6);
    expect(d.entryLines('/items', 2)).toEqual([4, 5]);
  });

  test('a same-line document (`--- {a: ...}`, which kubectl refuses, but the locator still handles)', () => {
    const chunk = { text: '--- {a: {b: 1}}\n', startLine: 1, firstLine: 1 };
    expect(new DocumentLines(chunk, { a: { b: 1 } }).lineOf('/a/b')).toBe(1);
  });
});

test('parsePointer unescapes ~1 and ~0 (RFC 6901)', () => {
  expect(parsePointer('')).toEqual([]);
  expect(parsePointer('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0']);
});

test('block YAML is located by the scan alone: the yaml package is never loaded for it', () => {
  jest.isolateModules(() => {
    jest.doMock('yaml', () => {
      throw new Error('the yaml package was loaded');
    });
    const { DocumentLines: Isolated } = require('../../lib/validate/lines') as typeof import('../../lib/validate/lines');
    const [chunk] = splitYamlDocuments(DEPLOYMENT);
    const d = new Isolated(chunk, load(chunk.text));
    expect(d.lineOf('/spec/template/spec/containers/1/args')).toBe(23);
    expect(d.entryLines('/spec/template/spec/containers/0/ports', 2)).toEqual([16, 17]);
    expect(d.lineOf('/no/such/field')).toBeUndefined();
    const [flow] = splitYamlDocuments('a: {b: 1}\n');
    expect(() => new Isolated(flow, load(flow.text)).lineOf('/a/b')).toThrow('the yaml package was loaded');
  });
});

test('a document with directives is located by the scan too', () => {
  const text = '%YAML 1.2\n---\nkind: ConfigMap\nmetadata:\n  name: x\n';
  expect(new DocumentLines({ text, startLine: 1, firstLine: 3 }, load(text)).lineOf('/metadata/name')).toBe(5);
});

test('CRLF line endings, blank lines and comments between fields', () => {
  const d = linesFor('a:\r\n\r\n  # why\r\n  b: 1\r\n  c:\r\n  - x\r\n');
  expect(d.lineOf('/a/b')).toBe(4);
  expect(d.lineOf('/a/c/0')).toBe(6);
});
