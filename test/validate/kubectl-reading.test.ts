/**
 * The reader agrees with kubectl v1.37 (cli-runtime's FileVisitor -> NewYAMLOrJSONDecoder -> sigs.k8s.io/yaml over
 * go-yaml v2 -> the unstructured JSON kubectl sends). Every expectation here was checked against a program built on
 * those libraries at kubectl v1.37.2's versions.
 */
import { decodeBytes } from '../../lib/validate/inputs';
import { parseStream } from '../../lib/validate/parse';

const read = (text: string) => parseStream('f.yaml', text);
/** The single document's value (the reader accepted the file). */
function value(text: string): any {
  const r = read(text);
  expect(r.errors.filter((e) => e.ruleId === 'parse')).toEqual([]);
  return r.documents[0]?.value;
}
/** kubectl refuses the file: the `parse` issue's line:column. */
function refused(text: string): string {
  const errs = read(text).errors.filter((e) => e.ruleId === 'parse');
  expect(errs.length).toBeGreaterThan(0);
  return `${errs[0].line}:${errs[0].column}`;
}
const notes = (text: string) => read(text).errors.filter((e) => e.ruleId === 'yaml-read').map((e) => `${e.line}:${e.message}`);

describe('mapping keys', () => {
  test('duplicate keys: the last wins at every level, with a note (accept)', () => {
    expect(value('a: 1\nm:\n  k: x\n  k: z\na: 2\n')).toEqual({ a: 2, m: { k: 'z' } });
    expect(notes('m:\n  k: x\n  k: y\n')).toEqual(['3:the key "k" appears twice in this mapping: kubectl keeps the last value and drops the other without a word']);
    expect(notes('m:\n  k: x\n  j: y\n')).toEqual([]);
  });

  test('keys that are not strings become strings as sigs.k8s.io/yaml makes them', () => {
    expect(value('1: a\n0x10: b\n0644: c\n1.5: d\n123456789.5: e\n1e3: f\n-2: g\n2001-12-14: h\n')).toEqual({
      '1': 'a', '16': 'b', '420': 'c', '1.5': 'd', '1.2345679e+08': 'e', '1000': 'f', '-2': 'g', '2001-12-14': 'h',
    });
    expect(value('on: a\n')).toEqual({ true: 'a' });
    expect(value('n: a\n')).toEqual({ false: 'a' });
    expect(value('.inf: a\n')).toEqual({ '.inf': 'a' });
    expect(notes('y: !!str a\n')[0]).toContain('the key y is not a string in YAML 1.1: kubectl reads it as the key "true"');
  });

  test('null, collection and beyond-int64 keys are refused (exit 2) at the key', () => {
    expect(refused('a: 1\nnull: y\n')).toBe('2:1');
    expect(refused('a:\n  ~: y\n')).toBe('2:3');
    expect(refused('? [a]\n: y\n')).toBe('1:3');
    expect(refused('? {a: b}\n: y\n')).toBe('1:3');
    expect(refused('18446744073709551615: a\n')).toBe('1:1');
    expect(value('"null": v\n')).toEqual({ null: 'v' });
  });
});

describe('merge keys and anchors', () => {
  test('a merge applies where it stands: after an explicit key it overrides it (go-yaml v2), before it it does not', () => {
    expect(value('b: &b {a: y1, c: 3}\nm:\n  a: x\n  <<: *b\n')).toEqual({ b: { a: 'y1', c: 3 }, m: { a: 'y1', c: 3 } });
    expect(notes('b: &b {a: y1}\nm:\n  a: x\n  <<: *b\n')[0]).toMatch(/^4:the merge \(<<\) replaces "a"/);
    expect(value('b: &b {a: y1, c: 3}\nm:\n  <<: *b\n  a: x\n').m).toEqual({ a: 'x', c: 3 });
    expect(notes('b: &b {a: y1}\nm:\n  <<: *b\n  a: x\n')).toEqual([]);
  });

  test('a sequence of maps merges with the earlier maps winning; a scalar merge is refused', () => {
    expect(value('m:\n  <<: [{a: "1"}, {a: "2", b: "3"}]\n')).toEqual({ m: { a: '1', b: '3' } });
    expect(refused('m:\n  <<: x\n')).toBe('2:3');
    expect(value('"<<": x\n')).toEqual({ '<<': 'x' });
  });

  test('aliases copy the anchored value; an unknown anchor (also one from another document) is refused', () => {
    expect(value('a: &x hi\nb: *x\nl: &l [1]\nm: *l\n')).toEqual({ a: 'hi', b: 'hi', l: [1], m: [1] });
    expect(refused('a: 1\nb: *nope\n')).toBe('2:4');
    expect(read('a: &n x\n---\nb: *n\n').documents).toHaveLength(1);
  });
});

describe('tags', () => {
  test('!!str, !!int, !!float, !!bool, !!null convert the text', () => {
    expect(value('a: !!str 123\nb: !!str yes\nc: !!int "12"\nd: !!float "1"\ne: !!bool "yes"\nf: !!null ""\ng: !!int 0x1F\n')).toEqual({
      a: '123', b: 'yes', c: 12, d: 1, e: true, f: null, g: 31,
    });
  });

  test('a tag the text does not fit is refused at the value', () => {
    expect(refused('a: 1\nb: !!int abc\n')).toBe('2:10');
    expect(refused('b: !!bool maybe\n')).toBe('1:11');
    expect(refused('b: !!int 1.5\n')).toBe('1:10');
    expect(refused('b: !!null x\n')).toBe('1:11');
  });

  test('!!binary is decoded (strict base64) to its text; bad base64 is refused', () => {
    expect(value('k: !!binary aGVsbG8=\n')).toEqual({ k: 'hello' });
    expect(value('k: !!binary |\n  aGVs\n  bG8=\n')).toEqual({ k: 'hello' });
    expect(refused('k: !!binary "not base64!"\n')).toBe('1:13');
    expect(refused('k: !!binary aGVsbG8\n')).toBe('1:13');
  });

  test('custom tags, !!set, !!omap, !!map and !!str on collections are ignored (with a note for unknown tags)', () => {
    expect(value('c: !foo bar\nd: !<tag:example.com,2000:x> baz\nm: !foo {a: b}\n')).toEqual({ c: 'bar', d: 'baz', m: { a: 'b' } });
    expect(notes('c: !foo bar\n')[0]).toContain('the tag !foo is ignored');
    expect(value('s: !!set\n  ? a\n  ? b\n')).toEqual({ s: { a: null, b: null } });
    expect(value('o: !!omap\n  - a: x\n  - b: y\n')).toEqual({ o: [{ a: 'x' }, { b: true }] });
    expect(value('m: !!str\n  a: b\nq: !!map b\n')).toEqual({ m: { a: 'b' }, q: 'b' });
    expect(value('t: !!timestamp 2001-12-14t21:59:43.10-05:00\n')).toEqual({ t: '2001-12-14t21:59:43.10-05:00' });
  });
});

describe('scalars (YAML 1.1 as go-yaml v2 resolves them)', () => {
  test.each([
    ['0644', 420], ['0o644', 420], ['0x1F', 31], ['0X1F', 31], ['0b101', 5], ['-0b101', -5], ['1_000', 1000], ['1__0', 10],
    ['0x_1F', 31], ['08', 8], ['09', 8 + 1], ['+12', 12], ['-0', 0], ['1.', 1], ['.5', 0.5], ['+.5', 0.5], ['1e3', 1000],
    ['1E3', 1000], ['1.5e3', 1500], ['1e-400', 0], ['0.1', 0.1],
  ])('%s is the number %d', (text, n) => {
    expect(value(`v: ${text}\n`)).toEqual({ v: n });
  });

  test.each(['1:20', '190:20:30', '0o9', '0xG', '1e', '_1', '1e400', '2001-12-14', '2001-12-14T21:59:43Z', 'nan', '.x'])('%s stays a string', (text) => {
    expect(value(`v: ${text}\n`)).toEqual({ v: text });
  });

  test.each(['.inf', '-.inf', '+.INF', '.nan', '.NaN'])('%s is refused (Go\'s JSON encoder has no infinity or NaN)', (text) => {
    expect(refused(`a: 1\nv: ${text}\n`)).toBe('2:4');
  });

  test('yes/no/on/off/y/n and the null spellings', () => {
    expect(value('a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\ng: ~\nh: Null\ni:\n')).toEqual({ a: true, b: false, c: true, d: false, e: true, f: false, g: null, h: null, i: null });
  });

  test('integers beyond 2^53 are exact (BigInt); beyond int64 they are what kubectl sends, the nearest float64', () => {
    const v = value('v: [9007199254740993, 9223372036854775807, -9223372036854775808, 9223372036854775808, 18446744073709551616, 0x7FFFFFFFFFFFFFFF, 1e18, 2.5]\n').v;
    expect(v).toEqual([9007199254740993n, 9223372036854775807n, -9223372036854775808n, 9223372036854775808n, 18446744073709551616n, 9223372036854775807n, 1000000000000000000n, 2.5]);
    expect(value('v: 9007199254740991\n').v).toBe(9007199254740991);
    expect(value('{"v": [9007199254740993, 18446744073709551615, 1.0, 1e3]}').v).toEqual([9007199254740993n, 18446744073709551616n, 1, 1000]);
  });

  test('tabs: as separation they are fine; as indentation they are refused', () => {
    expect(value('a:\tb\nc: "x\ty"\n')).toEqual({ a: 'b', c: 'x\ty' });
    expect(refused('m:\n\tname: x\n')).toMatch(/^2:/);
  });
});

describe('encodings and line endings', () => {
  const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: "\u00e9"\n';
  const expected = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { k: '\u00e9' } };
  const le = Buffer.from(doc, 'utf16le');
  const be = Buffer.from(le).swap16();

  test('UTF-8 with a BOM, UTF-16 LE and BE with a BOM are read', () => {
    expect(value(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc)])).text)).toEqual(expected);
    expect(value(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), le])).text)).toEqual(expected);
    expect(value(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).text)).toEqual(expected);
  });

  test('UTF-16 without a BOM is refused (NUL bytes); Latin-1 bytes become U+FFFD with a note', () => {
    expect(refused(decodeBytes(le).text)).toBe('1:2');
    const latin1 = decodeBytes(Buffer.from('k: caf\xe9\n', 'latin1'));
    expect(latin1).toEqual({ text: 'k: caf\ufffd\n', replaced: 1 });
    expect(decodeBytes(Buffer.from('k: \ufffd\n')).replaced).toBeUndefined();
  });

  test('CRLF line endings, also in block scalars and separators', () => {
    const r = read('a: |\r\n  x\r\n  y\r\n---\r\nb: 1\r\n');
    expect(r.documents.map((d) => d.value)).toEqual([{ a: 'x\ny\n' }, { b: 1 }]);
  });
});

describe('documents and streams', () => {
  test('--- inside a block scalar is content; `--- |` and `--- {}` are refused', () => {
    expect(value('k: |\n  a\n  ---\n  b\n')).toEqual({ k: 'a\n---\nb\n' });
    expect(refused('--- |\n  line\n')).toBe('1:5');
    expect(refused('a: 1\n--- {b: 2}\n')).toBe('2:5');
  });

  test('`...` ends the document; the rest up to the next --- is never read (a note says so)', () => {
    const r = read('a: 1\n...\nb: 2\n---\nc: 3\n');
    expect(r.documents.map((d) => d.value)).toEqual([{ a: 1 }, { c: 3 }]);
    expect(notes('a: 1\n...\nb: [\n')).toHaveLength(1);
    expect(refused('...\na: 1\n')).toBe('1:1');
  });

  test('directives are refused', () => {
    expect(refused('%YAML 1.1\n---\na: 1\n')).toBe('1:1');
    expect(refused('a: 1\n---\n%TAG !e! tag:example.com,2000:\n---\nb: 1\n')).toBe('3:1');
  });

  test('empty documents, `~` and `null` documents are skipped; lists and scalars are documents (not objects)', () => {
    expect(read('---\n---\n# c\n---\n~\n---\nnull\n---\na: 1\n---\n').documents.map((d) => d.value).filter((v) => v !== null)).toEqual([{ a: 1 }]);
    expect(value('- a: 1\n')).toEqual([{ a: 1 }]);
    expect(value('hello\n')).toBe('hello');
  });

  test('a JSON stream: objects back to back; one object then YAML; the file extension does not matter', () => {
    expect(read('{"a":1}\n{"b":2}{"c":3}').documents.map((d) => [d.chunk.startLine, d.value])).toEqual([[1, { a: 1 }], [2, { b: 2 }], [2, { c: 3 }]]);
    const mixed = read('{"a": 1}\n---\nb: yes\n');
    expect(mixed.documents.map((d) => [d.chunk.firstLine, d.value])).toEqual([[1, { a: 1 }], [3, { b: true }]]);
    expect(parseStream('x.json', 'a: 1\n').documents[0].value).toEqual({ a: 1 });
    expect(read('{"a": 1, "a": 2}').documents[0].value).toEqual({ a: 2 });
  });

  test('a broken JSON stream after two objects is refused at the third', () => {
    expect(refused('{"a":1}\n{"b":2}\n{"c": }\n')).toBe('3:1');
  });
});
