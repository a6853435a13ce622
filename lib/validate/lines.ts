/**
 * JSON pointer -> line, for the documents that have issues (built lazily, so clean documents cost nothing).
 *
 * First an indentation scan of block-style YAML, which is what manifests are almost always written in. It checks
 * itself against the parsed value at every level (the keys it sees must be exactly the object's keys; the entries
 * it counts must be exactly the array's length) and gives up on anything it does not model: flow collections,
 * anchors, tags, explicit keys, merges. Then the `yaml` package, which is exact but about five times slower,
 * answers what the scan gave up on (JSON files always end up there).
 */
import type { Document, LineCounter, Node } from 'yaml';
import { DocChunk } from './split';

/** The `yaml` package, loaded only when the scan gives up: loading it costs more than most validations. */
let yamlLib: typeof import('yaml') | undefined;
function Y(): typeof import('yaml') {
  return (yamlLib ??= require('yaml') as typeof import('yaml'));
}

/** One line of a block: `text` starts at column `indent`. A sequence entry's first line is "virtual" (after `- `). */
interface Line {
  readonly index: number;
  readonly indent: number;
  readonly text: string;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isIgnorable(text: string): boolean {
  return text === '' || text.startsWith('#');
}

function toLine(index: number, raw: string): Line {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  let indent = 0;
  while (line.charCodeAt(indent) === 0x20) indent++;
  return { index, indent, text: line.slice(indent).trimEnd() };
}

/** The text after a `- ` or `key: ` prefix, as a line of its own at its real column; undefined when empty. */
function rest(l: Line, offset: number): Line | undefined {
  const after = l.text.slice(offset);
  const trimmed = after.trimStart();
  if (isIgnorable(trimmed)) return undefined;
  return { index: l.index, indent: l.indent + offset + (after.length - trimmed.length), text: trimmed };
}

function isEntry(l: Line): boolean {
  return l.text === '-' || l.text.startsWith('- ');
}

/** `key: value` -> the key and the offset just after the colon; undefined for what the scan does not model. */
function splitKey(text: string): { key: string; after: number } | undefined {
  const c = text[0];
  if (c === '"' || c === "'") {
    const close = c === '"' ? /^"(?:[^"\\]|\\.)*"/.exec(text) : /^'(?:[^']|'')*'/.exec(text);
    if (!close || text[close[0].length] !== ':') return undefined;
    let key: string;
    try {
      key = c === '"' ? JSON.parse(close[0]) : close[0].slice(1, -1).replace(/''/g, "'");
    } catch {
      return undefined;
    }
    return { key, after: close[0].length + 1 };
  }
  if ('?&*!{[|>%@`<'.includes(c) || text.startsWith('- ')) return undefined;
  const m = /:(?=\s|$)/.exec(text);
  if (!m) return undefined;
  const key = text.slice(0, m.index).trimEnd();
  if (key === '<<' || key.includes(' #')) return undefined;
  return { key, after: m.index + 1 };
}

/** The scan over a document's content lines: the line of the node at `tokens` and its block, or undefined. */
function scan(lines: readonly Line[], value: unknown, tokens: readonly string[]): { line: number; block: readonly Line[] } | undefined {
  let block: readonly Line[] = lines;
  let line = block[0]?.index;
  let cur: any = value;
  for (const tok of tokens) {
    if (block.length === 0 || cur === null || typeof cur !== 'object') return undefined;
    const m = block[0].indent;
    if (block.some((l) => l.indent < m)) return undefined;
    if (Array.isArray(cur)) {
      const starts = block.flatMap((l, i) => (l.indent === m ? (isEntry(l) ? [i] : []) : []));
      const n = Number(tok);
      if (starts.length !== cur.length || block.some((l) => l.indent === m && !isEntry(l))) return undefined;
      if (!/^(0|[1-9]\d*)$/.test(tok) || n >= cur.length) return undefined;
      const from = starts[n];
      const to = n + 1 < starts.length ? starts[n + 1] : block.length;
      const first = rest(block[from], 1);
      line = block[from].index;
      block = [...(first ? [first] : []), ...block.slice(from + 1, to)];
      cur = cur[n];
    } else {
      const keys: { key: string; at: number; after: number }[] = [];
      for (let i = 0; i < block.length; i++) {
        const l = block[i];
        if (l.indent !== m || isEntry(l)) continue;
        const k = splitKey(l.text);
        if (!k) return undefined;
        keys.push({ key: k.key, at: i, after: k.after });
      }
      const own = Object.keys(cur);
      if (keys.length !== own.length || new Set(keys.map((k) => k.key)).size !== keys.length) return undefined;
      if (!keys.every((k) => Object.prototype.hasOwnProperty.call(cur, k.key))) return undefined;
      const j = keys.findIndex((k) => k.key === tok);
      if (j === -1) return undefined;
      const { at, after } = keys[j];
      const to = j + 1 < keys.length ? keys[j + 1].at : block.length;
      const inline = rest(block[at], after);
      line = block[at].index;
      // An inline value (`key: value`) is a scalar or a flow collection: the scan cannot descend into it.
      block = inline ? [] : block.slice(at + 1, to);
      cur = cur[tok];
    }
  }
  return line === undefined ? undefined : { line, block };
}

function resolves(value: unknown, tokens: readonly string[]): boolean {
  let cur: any = value;
  for (const tok of tokens) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, tok)) return false;
    if (Array.isArray(cur) && !/^(0|[1-9]\d*)$/.test(tok)) return false;
    cur = cur[tok];
  }
  return true;
}

/** Pointer -> line for one document, exact where the scan is unsure (the `yaml` package), memoized. */
export class DocumentLines {
  private lines?: Line[];
  private exact?: { doc: Document; counter: LineCounter };

  constructor(private readonly chunk: DocChunk, private readonly value: unknown) {}

  /** 1-based file line of the field `pointer` names; undefined when the document has no such field. */
  lineOf(pointer: string): number | undefined {
    const tokens = parsePointer(pointer);
    // Rules often point at a field that is missing (no resources, no image): no need to look at the text.
    if (!resolves(this.value, tokens)) return undefined;
    const fast = scan(this.scanLines(), this.value, tokens);
    if (fast) return this.chunk.startLine + fast.line;
    const node = this.exactNode(tokens);
    return node ? this.exactLine(node.at) : undefined;
  }

  /** 1-based file lines of each entry of the sequence at `pointer` (a List's items). */
  entryLines(pointer: string, count: number): number[] | undefined {
    const tokens = parsePointer(pointer);
    const fast = scan(this.scanLines(), this.value, tokens);
    if (fast && fast.block.length > 0) {
      const m = fast.block[0].indent;
      const starts = fast.block.filter((l) => l.indent === m && isEntry(l));
      if (starts.length === count && starts.length === fast.block.filter((l) => l.indent === m).length) {
        return starts.map((l) => this.chunk.startLine + l.index);
      }
    }
    const node = this.exactNode(tokens);
    if (!node || !Y().isSeq(node.node) || node.node.items.length !== count) return undefined;
    return node.node.items.map((item) => this.exactLine((item as Node).range?.[0] ?? 0));
  }

  private scanLines(): Line[] {
    if (!this.lines) {
      const raw = this.chunk.text.split('\n');
      // Content lines only: no blanks, comments, directives or `...`.
      this.lines = raw.map((r, i) => toLine(i, r)).filter((l) => !isIgnorable(l.text) && !(l.indent === 0 && /^(\.\.\.|%)/.test(l.text)));
      // The `---` line: keep only what follows the marker (`--- {}`).
      const head = this.lines[0];
      if (head && head.indent === 0 && /^---(\s|$)/.test(head.text)) {
        const after = rest(head, 3);
        if (after) this.lines[0] = after;
        else this.lines.shift();
      }
    }
    return this.lines;
  }

  private exactNode(tokens: readonly string[]): { node: unknown; at: number } | undefined {
    const { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } = Y();
    if (!this.exact) {
      const counter = new LineCounter();
      this.exact = { doc: parseDocument(this.chunk.text, { lineCounter: counter, uniqueKeys: false }), counter };
    }
    const doc = this.exact.doc;
    let node: unknown = doc.contents;
    let at = (doc.contents as Node | null)?.range?.[0] ?? 0;
    for (const tok of tokens) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        // The last of duplicate keys is the one kubectl keeps.
        let pair: (typeof node.items)[number] | undefined;
        for (let i = node.items.length - 1; i >= 0 && !pair; i--) {
          const p = node.items[i];
          if (isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === tok) pair = p;
        }
        if (!pair) return undefined;
        at = (pair.key as Node | null)?.range?.[0] ?? at;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(tok)] as Node | undefined;
        if (!/^(0|[1-9]\d*)$/.test(tok) || !item) return undefined;
        at = item.range?.[0] ?? at;
        node = item;
      } else return undefined;
    }
    return { node: isAlias(node) ? node.resolve(doc) : node, at };
  }

  private exactLine(offset: number): number {
    return this.chunk.startLine + this.exact!.counter.linePos(offset).line - 1;
  }
}
