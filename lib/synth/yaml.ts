/**
 * Fast, deterministic YAML emitter for JSON-compatible data.
 *
 * Hand-written because `yaml`'s stringify dominated synth time. Output is block style,
 * 2-space indent, keys in insertion order, and is read back identically by YAML 1.2
 * (core schema) parsers and by YAML 1.1 readers (go-yaml v2 / kubectl): any string
 * that either spec could resolve to a non-string is quoted.
 */

// Strings matching PLAIN (plus the checks in isPlain) are safe as plain scalars in block
// context. The first char is no indicator (`-` only before a non-space, as in `--flag`);
// the last is not ' ' or ':'; none is a flow indicator, tab, line break or non-printable
// of YAML 1.1/1.2 (0x7F-0x9F, U+2028/9, U+FEFF, U+FFFE/F). Astral chars get quoted.
const UNI = '\\u00a0-\\u2027\\u202a-\\ud7ff\\ue000-\\ufefe\\uff00-\\ufffd';
const TAIL = `\\w./~$^+=<>();\\\\@,!?%&*'"#|\`\\-${UNI}`;
const PLAIN = new RegExp(`^(?:[\\w./~$^+=<();\\\\${UNI}]|-(?! |$))(?:[${TAIL} :]*[${TAIL}])?$`);
// Anything shaped like a 1.1/1.2 int, float, hex, octal, binary, sexagesimal or `1_000`.
// Deliberately broad ("1.2.3" is quoted too): a false positive only costs two quotes.
const NUMISH = /^[-+.]?[0-9.][0-9a-fA-FxXoO_.:+-]*$/;
const DATE = /^[0-9]{4}-[0-9]/; // YAML 1.1 timestamp prefix
const BARE_EXP = /^[-+]?[eE][-+]?[0-9]+$/; // `yaml`'s 1.1 float regex accepts e.g. "e0" (as NaN)
// Compared lowercased (covers every spelling 1.1 and 1.2 accept). `<<` is the 1.1 merge
// key and `=` the 1.1 value key. All entries are <= 5 chars (see isPlain).
const KEYWORDS = new Set([
  'y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', '~',
  '.inf', '+.inf', '-.inf', '.nan', '<<', '=',
]);
// JSON.stringify leaves these raw; YAML 1.1 treats NEL/LS/PS as line breaks and the rest
// are outside YAML's printable set, so escape them inside double quotes.
const NON_PRINTABLE = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;
// Characters that cannot appear raw in a literal block scalar (tab and \n are fine there).
const BLOCK_UNSAFE =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// YAML caps implicit keys at 1024 chars; longer ones need the explicit `? key` form.
const MAX_IMPLICIT_KEY = 1024;

const INDENT: string[] = [''];
function indent(level: number): string {
  while (INDENT.length <= level) INDENT.push(INDENT[INDENT.length - 1] + '  ');
  return INDENT[level];
}

// Keys repeat across thousands of documents; cache their rendering (bounded).
const KEY_CACHE = new Map<string, string>();

/** Thrown internally; containers add path segments while it unwinds (no per-node bookkeeping). */
class PathError {
  readonly segments: string[] = []; // leaf first
  constructor(readonly what: string, readonly cycleDepth = -1) {}
}

// Output pieces are pushed and joined once per document: a flat result is much cheaper to
// keep alive (toYamlStream holds thousands) than a deep `+=` rope.
interface Writer { readonly out: string[]; readonly stack: object[] }

const enum Mode { Root, MapValue, SeqItem }

export function toYaml(value: unknown): string {
  return render(value, -1);
}

export function toYamlStream(docs: readonly unknown[]): string {
  const parts: string[] = new Array(docs.length);
  for (let i = 0; i < docs.length; i++) parts[i] = render(docs[i], i);
  return parts.join('---\n');
}

function render(value: unknown, docIndex: number): string {
  const w: Writer = { out: [], stack: [] };
  try {
    writeNode(w, value, 0, Mode.Root);
  } catch (e) {
    if (!(e instanceof PathError)) throw e;
    const segs = e.segments.reverse().map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1'));
    const at = (n: number) => segs.slice(0, n).join('') || '"" (document root)';
    const what = e.cycleDepth >= 0 ? `circular reference to ${at(e.cycleDepth)}` : e.what;
    const doc = docIndex >= 0 ? `document ${docIndex}: ` : '';
    throw new Error(`${doc}toYaml: cannot serialize ${what} at ${at(segs.length)}`);
  }
  return w.out.join('');
}

/**
 * Writes `v`, positioned right after `key:` (MapValue), after `-` (SeqItem) or at the
 * start of the document (Root). `level` is the indentation of v's own content lines.
 */
function writeNode(w: Writer, v: unknown, level: number, mode: Mode): void {
  switch (typeof v) {
    case 'string':
      if (isPlain(v)) return scalar(w, v, mode);
      if (v.includes('\n') && isBlockable(v)) return writeBlock(w, v, level, mode);
      return scalar(w, quote(v), mode);
    case 'number':
      if (!Number.isFinite(v)) throw new PathError(String(v));
      return scalar(w, formatNumber(v), mode);
    case 'boolean':
      return scalar(w, v ? 'true' : 'false', mode);
    case 'undefined': // only reachable for array items and the root (maps skip undefined)
      return scalar(w, 'null', mode);
    case 'object':
      if (v === null) return scalar(w, 'null', mode);
      return writeContainer(w, v, level, mode);
    case 'bigint':
      throw new PathError(`bigint ${v}n`);
    case 'function':
      throw new PathError(`function ${v.name || '(anonymous)'}`);
    default:
      throw new PathError(String(v));
  }
}

function scalar(w: Writer, s: string, mode: Mode): void {
  w.out.push(mode === Mode.Root ? s + '\n' : ' ' + s + '\n');
}

function writeContainer(w: Writer, v: object, level: number, mode: Mode): void {
  const cycle = w.stack.indexOf(v);
  if (cycle >= 0) throw new PathError('', cycle);
  const isArray = Array.isArray(v);
  if (!isArray) {
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      throw new PathError(`non-plain object ${Object.prototype.toString.call(v)}`);
    }
  }
  const keys = isArray ? undefined : Object.keys(v);
  let first = 0; // index of the first key whose value is not undefined
  if (keys) while (first < keys.length && (v as Record<string, unknown>)[keys[first]] === undefined) first++;
  if (isArray ? v.length === 0 : first === keys!.length) return scalar(w, isArray ? '[]' : '{}', mode);

  // Mapping values start on a new indented line; sequence items and the root continue
  // the current line (compact `- key: v` / `- - a`).
  if (mode !== Mode.Root) w.out.push(mode === Mode.MapValue ? '\n' + indent(level) : ' ');
  w.stack.push(v);
  if (isArray) writeSeq(w, v, level);
  else writeMap(w, v as Record<string, unknown>, keys!, first, level);
  w.stack.pop();
}

function writeSeq(w: Writer, arr: readonly unknown[], level: number): void {
  const ind = indent(level);
  let i = 0;
  try {
    for (; i < arr.length; i++) {
      w.out.push(i === 0 ? '-' : ind + '-');
      writeNode(w, arr[i], level + 1, Mode.SeqItem);
    }
  } catch (e) {
    if (e instanceof PathError) e.segments.push(String(i));
    throw e;
  }
}

function writeMap(w: Writer, obj: Record<string, unknown>, keys: string[], first: number, level: number): void {
  const ind = indent(level);
  let k = '';
  try {
    for (let i = first; i < keys.length; i++) {
      k = keys[i];
      const v = obj[k];
      if (v === undefined) continue;
      const key = formatKey(k);
      const prefix = i === first ? '' : ind;
      w.out.push(key.length < MAX_IMPLICIT_KEY ? prefix + key + ':' : prefix + '? ' + key + '\n' + ind + ':');
      writeNode(w, v, level + 1, Mode.MapValue);
    }
  } catch (e) {
    if (e instanceof PathError) e.segments.push(k);
    throw e;
  }
}

/** Literal block scalar; chomping indicator preserves the exact number of trailing newlines. */
function writeBlock(w: Writer, s: string, level: number, mode: Mode): void {
  let end = s.length;
  while (s.charCodeAt(end - 1) === 10) end--;
  const trailing = s.length - end;
  const ind = indent(level === 0 ? 1 : level); // root content still gets indented
  let out = (mode === Mode.Root ? '|' : ' |') + (trailing === 0 ? '-' : trailing === 1 ? '' : '+');
  const lines = s.slice(0, end).split('\n');
  for (let i = 0; i < lines.length; i++) {
    out += lines[i] === '' ? '\n' : '\n' + ind + lines[i]; // empty lines stay empty
  }
  // Keep (`|+`) chomping: the last line break plus trailing-1 empty lines.
  w.out.push(out + '\n' + (trailing > 1 ? '\n'.repeat(trailing - 1) : ''));
}

function isPlain(s: string): boolean {
  if (!PLAIN.test(s) || s.includes(': ') || s.includes(' #')) return false;
  const c = s.charCodeAt(0);
  // Only strings starting with a digit, sign, '.', or 'e' can look like numbers or dates.
  if (c <= 57 || c === 101 || c === 69) {
    // `---` / `...` at column 0 would start or end a document.
    if (NUMISH.test(s) || BARE_EXP.test(s) || DATE.test(s) || s.startsWith('..') || s.startsWith('---')) return false;
  }
  return s.length > 5 || !KEYWORDS.has(s.toLowerCase());
}

/**
 * Literal blocks need printable content and a first content line that does not start
 * with whitespace (its indentation is auto-detected); strings of only newlines can't be
 * represented either.
 */
function isBlockable(s: string): boolean {
  let i = 0;
  while (s.charCodeAt(i) === 10) i++;
  const c = s.charCodeAt(i);
  return i < s.length && c !== 32 && c !== 9 && !BLOCK_UNSAFE.test(s);
}

/** JSON strings are valid YAML double-quoted scalars (all JSON escapes exist in 1.1 and 1.2). */
function quote(s: string): string {
  return JSON.stringify(s).replace(NON_PRINTABLE, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

function formatKey(k: string): string {
  let f = KEY_CACHE.get(k);
  if (f === undefined) {
    f = isPlain(k) ? k : quote(k);
    if (KEY_CACHE.size >= 10_000) KEY_CACHE.clear();
    KEY_CACHE.set(k, f);
  }
  return f;
}

function formatNumber(n: number): string {
  const s = String(n); // shortest round-tripping form; -0 becomes "0"
  // YAML 1.1 floats need a '.' in the mantissa, so "1e+21" would read back as a string.
  const e = s.indexOf('e');
  return e < 0 || s.includes('.') ? s : s.slice(0, e) + '.0' + s.slice(e);
}
