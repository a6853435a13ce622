/**
 * Text -> documents, the way kubectl reads a file (k8s.io/apimachinery/pkg/util/yaml NewYAMLOrJSONDecoder):
 * - a stream whose first non-space character is `{` is a JSON stream (objects one after another, with or without
 *   white space); if an object fails to parse and at most one came before it, the rest is read as YAML;
 * - otherwise a YAML stream, cut into documents at `---` lines (split.ts), each read with go-yaml v2's rules.
 * The file's extension does not matter to kubectl, so it does not matter here.
 *
 * YAML documents take the fast path (js-yaml with KUBERNETES_YAML_SCHEMA) unless something in them is read
 * differently by go-yaml (see goyaml.ts): then, and whenever js-yaml fails, the exact reader decides. A document
 * kubectl refuses becomes a `parse` issue with its file:line:column, and the other documents are still returned,
 * so one typo does not hide every other finding in the file.
 */
import * as jsyaml from 'js-yaml';
import { ReportedIssue } from '../report/types';
import { exactFloat, exactInteger, GoYamlReader, ReadError } from './goyaml';
import { DocChunk, splitYamlDocuments } from './split';
import { KUBERNETES_YAML_SCHEMA, takeUnusual } from './yaml-schema';

export interface ParsedDocument {
  readonly chunk: DocChunk;
  readonly value: unknown;
}

export interface ParsedSource {
  readonly documents: ParsedDocument[];
  /** `parse` issues (one per document that kubectl cannot read) and `yaml-read` notes. */
  readonly errors: ReportedIssue[];
}

export function parseIssue(file: string, line: number, column: number, reason: string, fix: string): ReportedIssue {
  return {
    ruleId: 'parse',
    severity: 'error',
    message: `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${reason}`,
    fix,
    file,
    line,
    column,
  };
}

function readNote(file: string, line: number, column: number, message: string, fix: string): ReportedIssue {
  return { ruleId: 'yaml-read', severity: 'warning', message, fix, file, line, column };
}

/** Line and column (1-based) of `offset` in `text`, counted from `startLine`. */
function position(text: string, offset: number, startLine: number): { line: number; column: number } {
  let line = startLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

// Control characters other than tab, LF and CR: go-yaml refuses the whole piece (this also catches UTF-16 without
// a byte order mark, whose every other byte is a NUL).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** Something in the text that js-yaml reads differently from go-yaml: a tag, or a merge key. */
function needsExactReader(text: string): boolean {
  return text.includes('!') || text.includes('<<') || EXPLICIT_KEY.test(text) || COLLECTION_KEY.test(text);
}
/** `? key` (an explicit key, maybe a collection) and `[a]: x` / `{a: b}: x` (a collection as a key). */
const EXPLICIT_KEY = /(^|[\s,{[])\?(\s|$)/m;
const COLLECTION_KEY = /[\]}]\s*:(\s|$)/;

/**
 * Keys and values that js-yaml has turned into something go-yaml would not: a key that came from a null, a float
 * or a non-finite number, and .inf/.nan values. Walks the value once (cheap next to parsing it).
 */
function suspicious(v: unknown, depth = 0): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (typeof v !== 'object' || v === null || depth > 200) return false;
  if (Array.isArray(v)) return v.some((x) => suspicious(x, depth + 1));
  for (const k in v) {
    const c = k.charCodeAt(0);
    // "null" (from `null:`, `~:` or an empty key), "NaN"/"Infinity" and float keys (1.5, 1e+21) go to the exact reader.
    if (k === 'null' || k === 'NaN' || (c === 0x49 && k === 'Infinity') || ((c === 0x2d || (c >= 0x30 && c <= 0x39)) && /[.e]/.test(k) && /^-?[0-9.]+(e[-+]?[0-9]+)?$|^-Infinity$/.test(k))) return true;
    if (suspicious((v as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

function readChunk(file: string, chunk: DocChunk, documents: ParsedDocument[], errors: ReportedIssue[]): void {
  if (chunk.refused) {
    errors.push(parseIssue(file, chunk.refused.line, chunk.refused.column, chunk.refused.reason, chunk.refused.reason.startsWith('invalid document separator') ? 'put the content on the line after ---, or make the line just ---' : chunk.refused.reason.startsWith('a directive') ? 'remove the %YAML/%TAG line (kubectl reads YAML 1.1 anyway) and write tags in full' : 'remove the `...` line'));
    return;
  }
  if (chunk.ignoredLine) {
    errors.push(readNote(file, chunk.ignoredLine, 1, 'kubectl never reads this: it follows a `...` document end, and only a --- line starts the next document', 'replace the `...` line with ---, or delete what follows it'));
  }
  const control = CONTROL.exec(chunk.text);
  if (control) {
    const at = position(chunk.text, control.index, chunk.startLine);
    errors.push(parseIssue(file, at.line, at.column, `control characters are not allowed (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}); a UTF-16 file needs a byte order mark`, 'save the file as UTF-8 (or UTF-16 with a byte order mark)'));
    return;
  }
  let fastError: jsyaml.YAMLException | undefined;
  if (!needsExactReader(chunk.text)) {
    try {
      takeUnusual();
      const value = jsyaml.load(chunk.text, { schema: KUBERNETES_YAML_SCHEMA });
      if (!takeUnusual() && !suspicious(value)) {
        documents.push({ chunk, value });
        return;
      }
    } catch (e) {
      if (!(e instanceof jsyaml.YAMLException)) throw e;
      fastError = e;
    }
  }
  const reader = new GoYamlReader();
  try {
    const value = reader.read(chunk.text);
    documents.push({ chunk, value });
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    // For plain syntax errors js-yaml's place and words are the closer to go-yaml's (both follow libyaml).
    const useFast = e.syntax && fastError?.mark && !/duplicated mapping key/.test(fastError.reason);
    const at = useFast ? { line: chunk.startLine + fastError!.mark.line, column: fastError!.mark.column + 1 } : position(chunk.text, e.offset, chunk.startLine);
    errors.push(parseIssue(file, at.line, at.column, useFast ? fastError!.reason : e.reason, 'fix the YAML there (indentation, quoting, a missing colon, a tag or a key)'));
  }
  for (const n of reader.notes) {
    const at = position(chunk.text, n.offset, chunk.startLine);
    errors.push(readNote(file, at.line, at.column, n.message, n.fix));
  }
}

export function parseYamlStream(file: string, text: string, firstLine = 1): ParsedSource {
  const documents: ParsedDocument[] = [];
  const errors: ReportedIssue[] = [];
  for (const chunk of splitYamlDocuments(text, firstLine)) readChunk(file, chunk, documents, errors);
  return { documents, errors };
}

/** Go's JSON decoder skips only these between values. */
function skipJsonSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else return i;
  }
}

/** The end of the JSON value that starts at `i` (not validated: JSON.parse does that), or -1 when unterminated. */
function jsonValueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') {
        j++;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  if (c === '"') {
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j < text.length ? j + 1 : -1;
  }
  const m = /^[^\s{}[\]",:]+/.exec(text.slice(i, i + 400));
  return m ? i + m[0].length : -1;
}

const BIG = /-?\d{16,}(?:\.\d+)?(?:[eE][-+]?\d+)?/;

/**
 * JSON.parse, but numbers as kubectl's unstructured decoder makes them: an integer literal within int64 exact
 * (a BigInt beyond the safe range), anything else a float64. Only texts with long digit runs need the slow way.
 */
function parseJsonExact(slice: string): unknown {
  if (!BIG.test(slice)) return JSON.parse(slice);
  const big: string[] = [];
  const marked = slice.replace(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g, (tok) => {
    if (tok[0] === '"' || tok.replace(/\D/g, '').length < 16) return tok;
    big.push(tok);
    return `"\u0000big${big.length - 1}"`;
  });
  return JSON.parse(marked, (_k, v) => {
    if (typeof v !== 'string' || !v.startsWith('\u0000big')) return v;
    const tok = big[Number(v.slice(4))];
    if (/^-?\d+$/.test(tok)) {
      const n = BigInt(tok);
      if (n >= -(2n ** 63n) && n < 2n ** 63n) return exactInteger(n);
    }
    return exactFloat(Number(tok));
  });
}

/** Go's unicode.IsSpace, for finding the stream's first character. */
const FIRST = /[^\t\n\v\f\r \u0085\u00a0]/;

/**
 * A whole file (or stdin), read as kubectl reads it: a JSON stream when it starts with `{`, else a YAML stream.
 */
export function parseStream(file: string, input: string): ParsedSource {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const first = FIRST.exec(text);
  if (!first || text[first.index] !== '{') return parseYamlStream(file, text);
  const documents: ParsedDocument[] = [];
  let pos = 0;
  let count = 0;
  for (;;) {
    const from = skipJsonSpace(text, pos);
    if (from >= text.length) return { documents, errors: [] };
    const end = jsonValueEnd(text, from);
    let value: unknown;
    let ok = end !== -1;
    if (ok) {
      try {
        value = parseJsonExact(text.slice(from, end));
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      const at = position(text, from, 1);
      if (count > 1) {
        return { documents, errors: [parseIssue(file, at.line, at.column, 'the JSON stream breaks off here: after two JSON objects kubectl reads the rest as JSON too', 'fix the JSON syntax there')] };
      }
      // kubectl reads the rest as YAML, from the start of the line after the last object.
      let yamlFrom = pos;
      const nl = text.indexOf('\n', pos);
      if (nl !== -1 && text.slice(pos, nl).trim() === '') yamlFrom = nl + 1;
      const startLine = position(text, yamlFrom, 1).line;
      const rest = parseYamlStream(file, text.slice(yamlFrom), startLine);
      return { documents: [...documents, ...rest.documents], errors: rest.errors };
    }
    count++;
    const at = position(text, from, 1);
    const slice = text.slice(from, end);
    if (value !== null) documents.push({ chunk: { text: slice, startLine: at.line, firstLine: at.line }, value });
    pos = end;
  }
}

/** @deprecated kubectl does not look at the extension: a .json file is read like any other (parseStream). */
export function parseJson(file: string, text: string): ParsedSource {
  return parseStream(file, text);
}
