/**
 * YAML -> value exactly as kubectl reads it: go-yaml v2 (go.yaml.in/yaml/v2, through sigs.k8s.io/yaml YAMLToJSON),
 * then Go's JSON encoder, then the unstructured decoder that kubectl sends to the server from.
 *
 * This is the exact path of the reader. The fast path (js-yaml with KUBERNETES_YAML_SCHEMA, see parse.ts) reads
 * ordinary documents; a document with anything the fast path does not model the way go-yaml does (tags, merge keys,
 * duplicate keys, keys that are not strings, .inf/.nan, a syntax error) is read again here. The syntax comes from
 * the `yaml` package (failsafe schema: every scalar stays text, every tag is kept); everything after the syntax is
 * ours, written from go-yaml's resolve.go/decode.go and sigs.k8s.io/yaml's key conversion:
 * - plain scalars resolve as YAML 1.1 (yes/on/y, 0644, 0o644, 0x1F, 0b101, 1_000); sexagesimal (1:20) and
 *   timestamps stay strings; quoted and block scalars are strings;
 * - `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!timestamp` convert the text or fail; `!!binary` is decoded
 *   (strict base64) to the bytes' text; any other tag (`!foo`, `!!set`, `!!omap`, `!!map`) is ignored;
 * - duplicate keys: the last one wins, at every level; merge keys (`<<`) apply where they stand in the mapping,
 *   so a merge after an explicit key overrides it (go-yaml v2 order), and a sequence of maps merges last to first;
 * - keys become strings as sigs.k8s.io/yaml makes them (`1` -> "1", `true`/`yes` -> "true", `0x10` -> "16",
 *   floats in Go's float32 %g form); a null key, a collection key or a key beyond int64 is an error;
 * - .inf and .nan values are an error (Go's JSON encoder refuses them);
 * - integers: exact. A value outside JavaScript's safe range is a BigInt holding exactly what the server receives
 *   (the integer itself within int64; beyond int64, kubectl sends the float64 nearest to it).
 */
import type { Document, Node } from 'yaml';

let yamlLib: typeof import('yaml') | undefined;
function Y(): typeof import('yaml') {
  return (yamlLib ??= require('yaml') as typeof import('yaml'));
}

/** A problem kubectl reports for the document; `offset` is into the document's text. */
export class ReadError extends Error {
  /** `syntax`: the text is not YAML (from the parser), rather than YAML that kubectl cannot turn into JSON. */
  constructor(readonly reason: string, readonly offset: number, readonly syntax = false) {
    super(reason);
  }
}

/** Something kubectl reads without complaint but not the way a reader may expect: reported as a warning. */
export interface ReadNote {
  readonly offset: number;
  readonly message: string;
  readonly fix: string;
}

const TAG = 'tag:yaml.org,2002:';
const STR = TAG + 'str';
const INT = TAG + 'int';
const FLOAT = TAG + 'float';
const BOOL = TAG + 'bool';
const NULL = TAG + 'null';
const TIMESTAMP = TAG + 'timestamp';
const BINARY = TAG + 'binary';
const MERGE = TAG + 'merge';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The resolve table of go-yaml v2: exact spellings. */
const WORDS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, unknown] => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, unknown] => [s, false]),
  ...['', '~', 'null', 'Null', 'NULL'].map((s): [string, unknown] => [s, null]),
  ...['.nan', '.NaN', '.NAN'].map((s): [string, unknown] => [s, NaN]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s): [string, unknown] => [s, Infinity]),
  ...['-.inf', '-.Inf', '-.INF'].map((s): [string, unknown] => [s, -Infinity]),
]);

type Kind = 'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp' | 'merge';
interface Resolved {
  readonly kind: Kind;
  /** number | bigint (an integer outside the safe range; for uint64 values: the exact value) | boolean | null | string */
  readonly value: unknown;
  /** An integer beyond int64 (go-yaml's uint64): an error as a key; sent as a float64 as a value. */
  readonly uint64?: boolean;
}

/** Go's strconv.ParseInt/ParseUint with base 0 (after go-yaml dropped the underscores): the value, or undefined. */
function parseGoInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt('0o' + body.slice(2));
  else if (/^0[xXbB]/.test(body)) v = BigInt('0' + body[1].toLowerCase() + body.slice(2));
  else if (body.length > 1 && body[0] === '0') v = BigInt('0o' + body.slice(1));
  else v = BigInt(body);
  return m[1] === '-' ? -v : v;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseFloat on a decimal (the forms that reach it here): the value, or undefined when out of range. */
function parseGoFloat(s: string): number | undefined {
  const v = Number(s);
  // Go reports a range error beyond the largest float64 (the value becomes a string); underflow reads as 0.
  return Number.isFinite(v) ? v : undefined;
}

/** A number as the server receives it: a JS number when that is exact, else a BigInt of the exact integer. */
export function exactInteger(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** An integral float64 outside the safe range is sent as an integer (Go prints it without an exponent below 1e21). */
export function exactFloat(v: number): number | bigint {
  return Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v) : v;
}

/** go-yaml v2's resolve() for an untagged plain scalar (and for the text under !!int, !!float, ...). */
export function resolvePlain(text: string, tag = ''): Resolved {
  if (WORDS.has(text)) {
    const v = WORDS.get(text);
    return { kind: typeof v === 'boolean' ? 'bool' : v === null ? 'null' : 'float', value: v };
  }
  if (text === '<<') return { kind: 'merge', value: '<<' };
  const c = text.charCodeAt(0);
  if (c === 0x2e /* . */) {
    // Go's ParseFloat on the raw text; the special spellings were in the table above.
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text)) {
      const f = parseGoFloat(text);
      if (f !== undefined) return { kind: 'float', value: f };
    }
    return { kind: 'str', value: text };
  }
  const digitOrSign = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d;
  if (!digitOrSign) return { kind: 'str', value: text };
  if ((tag === '' || tag === TIMESTAMP) && isTimestamp(text)) return { kind: 'timestamp', value: text };
  const plain = text.replace(/_/g, '');
  const i = parseGoInt(plain);
  if (i !== undefined) {
    if (i >= INT64_MIN && i <= INT64_MAX) return { kind: 'int', value: exactInteger(i) };
    if (i > 0n && i <= UINT64_MAX && !plain.startsWith('+')) return { kind: 'int', value: i, uint64: true };
  }
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = parseGoFloat(plain);
    if (f !== undefined) return { kind: 'float', value: f };
  }
  const bin = /^(-?)0b([01]+)$/.exec(plain);
  if (bin) {
    const v = BigInt('0b' + bin[2]) * (bin[1] ? -1n : 1n);
    if (v >= INT64_MIN && v <= INT64_MAX) return { kind: 'int', value: exactInteger(v) };
    if (v > 0n && v <= UINT64_MAX) return { kind: 'int', value: v, uint64: true };
  }
  return { kind: 'str', value: text };
}

/** go-yaml's parseTimestamp: YYYY-M-D, optionally with a time (these stay strings, but they are not numbers). */
function isTimestamp(s: string): boolean {
  if (!/^[0-9]{4}-/.test(s)) return false;
  return (
    /^\d{4}-\d{1,2}-\d{1,2}$/.test(s) ||
    /^\d{4}-\d{1,2}-\d{1,2}[Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(s)
  );
}

/** What the server receives for a resolved number: ints exact, uint64 values as kubectl's float64. */
export function sent(r: Resolved): unknown {
  if (r.uint64) return exactFloat(Number(r.value as bigint));
  if (r.kind === 'float') return exactFloat(r.value as number);
  return r.value;
}

const SHORT: Record<string, string> = { [STR]: '!!str', [INT]: '!!int', [FLOAT]: '!!float', [BOOL]: '!!bool', [NULL]: '!!null', [TIMESTAMP]: '!!timestamp' };
const KIND_OF_TAG: Record<string, Kind> = { [STR]: 'str', [INT]: 'int', [FLOAT]: 'float', [BOOL]: 'bool', [NULL]: 'null', [TIMESTAMP]: 'timestamp' };

/** Go's strconv.FormatFloat(v, 'g', -1, 32), which sigs.k8s.io/yaml uses for float keys. */
export function goFloat32Key(v: number): string {
  if (Number.isNaN(v)) return '.nan';
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const f = Math.fround(v);
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = Math.abs(f).toExponential(p - 1);
    if (Math.fround(Number(s)) === Math.abs(f) || p === 9) {
      const [mant, e] = s.split('e');
      digits = mant.replace('.', '').replace(/0+$/, '') || '0';
      exp = Number(e);
      break;
    }
  }
  const sign = f < 0 ? '-' : '';
  // Go switches to the %e form when the exponent is < -4 or >= 6 (its precision for the shortest form).
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function isNode(n: unknown): n is Node {
  return typeof n === 'object' && n !== null;
}

/** Strict base64 as Go's base64.StdEncoding.DecodeString reads it (line breaks are skipped). */
function decodeBinary(text: string, offset: number): string {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) {
    throw new ReadError('!!binary value contains invalid base64 data', offset);
  }
  return Buffer.from(s, 'base64').toString('utf8');
}

/** Reads one document of a kubectl chunk. Throws ReadError for what kubectl refuses. */
export class GoYamlReader {
  readonly notes: ReadNote[] = [];
  private doc!: Document;
  private aliasDepth = 0;

  read(text: string): unknown {
    const { parseDocument } = Y();
    const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, merge: false, strict: false, resolveKnownTags: false });
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      throw new ReadError(e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), e.pos[0], true);
    }
    this.doc = doc;
    return this.value(doc.contents as Node | null);
  }

  private at(n: Node | null | undefined): number {
    return (n && n.range?.[0]) ?? 0;
  }

  private value(n: Node | null | undefined): unknown {
    const { isAlias, isMap, isScalar, isSeq } = Y();
    if (n === null || n === undefined) return null;
    if (isAlias(n)) {
      const target = n.resolve(this.doc);
      if (!target) throw new ReadError(`unknown anchor '${n.source}' referenced`, this.at(n));
      if (++this.aliasDepth > 1000) throw new ReadError('document contains excessive aliasing', this.at(n));
      try {
        return this.value(target as Node);
      } finally {
        this.aliasDepth--;
      }
    }
    if (isScalar(n)) {
      const r = this.scalar(n);
      if (r.kind === 'float' && !Number.isFinite(r.value as number)) {
        throw new ReadError(`json: unsupported value: ${String(r.value)} (kubectl cannot send .inf or .nan)`, this.at(n));
      }
      return sent(r);
    }
    if (isSeq(n)) return n.items.map((item) => this.value(item as Node));
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      this.mapping(n, out);
      return out;
    }
    return null;
  }

  /** The scalar as go-yaml's decoder resolves it (tags applied), before key or JSON conversion. */
  private scalar(n: import('yaml').Scalar): Resolved {
    const text = typeof n.source === 'string' ? n.source : String(n.value ?? '');
    const tag = n.tag ?? '';
    const plain = n.type === 'PLAIN' || n.type === undefined;
    if (tag === '' && !plain) return { kind: 'str', value: text };
    if (tag === '' || tag === MERGE) return resolvePlain(text);
    if (tag === STR) return { kind: 'str', value: text };
    if (tag === BINARY) return { kind: 'str', value: decodeBinary(text, this.at(n)) };
    const want = KIND_OF_TAG[tag];
    if (!want) {
      this.notes.push({
        offset: this.at(n),
        message: `the tag ${tag.startsWith(TAG) ? '!!' + tag.slice(TAG.length) : tag} is ignored: kubectl reads the value as the text ${JSON.stringify(text)}`,
        fix: 'remove the tag',
      });
      return { kind: 'str', value: text };
    }
    const r = resolvePlain(text, tag);
    if (r.kind === want) return r;
    if (want === 'float' && r.kind === 'int' && !r.uint64) return { kind: 'float', value: Number(r.value) };
    throw new ReadError(`cannot decode ${SHORT[r.kind === 'merge' ? STR : TAG + r.kind] ?? '!!str'} \`${text}\` as a ${SHORT[tag]}`, this.at(n));
  }

  private isMerge(k: unknown): boolean {
    const { isScalar } = Y();
    return isScalar(k) && k.value === '<<' && ((k.tag ?? '') === MERGE || (!k.tag && (k.type === 'PLAIN' || k.type === undefined)));
  }

  /** `merging`: the explicit keys of the mapping that this one is merged into (`<<`), to say when it overrides one. */
  private mapping(n: import('yaml').YAMLMap, out: Record<string, unknown>, merging?: { keys: Set<string>; at: number }): void {
    const { isScalar, isAlias, isMap, isSeq } = Y();
    const mine = new Set<string>();
    for (const pair of n.items) {
      const k = pair.key as Node | null;
      if (this.isMerge(k)) {
        this.merge(pair.value as Node | null, out, this.at(k), mine);
        continue;
      }
      let key: string;
      const kn = isAlias(k) ? (k.resolve(this.doc) as Node | undefined) : k;
      if (isAlias(k) && !kn) throw new ReadError(`unknown anchor '${k.source}' referenced`, this.at(k));
      if (kn === null || kn === undefined) throw new ReadError('unsupported map key of type: <nil> (a null key; JSON keys are strings)', this.at(n));
      if (isMap(kn) || isSeq(kn)) throw new ReadError('invalid map key: a mapping or sequence cannot be a key', this.at(k));
      if (isScalar(kn)) {
        const r = this.scalar(kn);
        if (r.kind === 'null') throw new ReadError('unsupported map key of type: <nil> (a null key; JSON keys are strings)', this.at(k));
        if (r.uint64) throw new ReadError(`unsupported map key of type: uint64 (${String(r.value)})`, this.at(k));
        if (r.kind === 'float') key = goFloat32Key(r.value as number);
        else if (r.kind === 'bool') key = r.value ? 'true' : 'false';
        else key = String(r.value);
        if (r.kind !== 'str' && r.kind !== 'timestamp' && key !== text(kn)) {
          this.notes.push({ offset: this.at(k), message: `the key ${text(kn)} is not a string in YAML 1.1: kubectl reads it as the key "${key}"`, fix: `quote the key ("${text(kn)}") if you meant the text` });
        }
      } else key = String(kn);
      if (merging?.keys.has(key)) {
        this.notes.push({
          offset: merging.at,
          message: `the merge (<<) replaces "${key}" set above it: kubectl (go-yaml v2) applies merge keys in order, so the merged value wins`,
          fix: `put the << line before the keys that should override it`,
        });
      } else if (mine.has(key)) {
        this.notes.push({
          offset: this.at(k),
          message: `the key "${key}" appears twice in this mapping: kubectl keeps the last value and drops the other without a word`,
          fix: 'remove one of the two keys',
        });
      }
      mine.add(key);
      setKey(out, key, this.value(pair.value as Node | null));
    }
  }

  /** go-yaml v2's merge: a map (or alias of one) sets its keys now; a sequence of maps, last to first. */
  private merge(v: Node | null, out: Record<string, unknown>, offset: number, keys: Set<string>): void {
    const explicit = { keys, at: offset };
    const { isAlias, isMap, isSeq } = Y();
    const asMap = (x: Node | null | undefined): import('yaml').YAMLMap | undefined => {
      const t = isAlias(x) ? (x.resolve(this.doc) as Node | undefined) : x;
      return isMap(t) ? t : undefined;
    };
    const fail = () => new ReadError('map merge requires map or sequence of maps as the value', offset);
    const single = asMap(v);
    if (single) return this.mapping(single, out, explicit);
    if (!isSeq(v)) throw fail();
    const maps = v.items.map((x) => asMap(x as Node));
    if (maps.some((m) => !m)) throw fail();
    for (let i = maps.length - 1; i >= 0; i--) this.mapping(maps[i]!, out, explicit);
  }
}

function text(n: import('yaml').Scalar): string {
  return String(n.value ?? '');
}

export { isNode };
