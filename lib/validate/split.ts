/**
 * Splits a YAML stream into documents on `---` and `...` marker lines, keeping each document's line numbers.
 *
 * Parsing documents one by one (instead of the whole stream at once) is what makes large files fast: the parser
 * never holds more than one document, and a syntax error in one document does not hide the others. YAML forbids
 * document markers at column 0 inside content (block scalars and quoted strings included), so a line scan is exact.
 */

export interface DocChunk {
  /** The document's text, from its `---` line (kept, so that `--- {}` parses) to the line before the next marker. */
  readonly text: string;
  /** 1-based line of the chunk's first line in the file. */
  readonly startLine: number;
  /** 1-based line of the document's first content line (not a marker, comment or blank line). */
  readonly firstLine: number;
}

const DASH = 0x2d;
const DOT = 0x2e;

/** `---` or `...` at column 0, followed by the end of the line or by white space. */
function markerAt(text: string, i: number, end: number): 'start' | 'end' | undefined {
  const c = text.charCodeAt(i);
  if (c !== DASH && c !== DOT) return undefined;
  if (text.charCodeAt(i + 1) !== c || text.charCodeAt(i + 2) !== c) return undefined;
  if (i + 3 < end) {
    const next = text.charCodeAt(i + 3);
    if (next !== 0x20 && next !== 0x09 && next !== 0x0d) return undefined;
  }
  return c === DASH ? 'start' : 'end';
}

/**
 * Classifies a line for `firstLine`: content, or ignorable (blank, comment, bare marker). A marker followed by
 * content (`--- {}`, `--- !!map`) counts as content.
 */
function isContentLine(text: string, from: number, to: number, marker: boolean): boolean {
  let i = marker ? from + 3 : from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
    else return c !== 0x23; // '#'
  }
  return false;
}

export function splitYamlDocuments(input: string): DocChunk[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const chunks: DocChunk[] = [];
  let chunkStart = 0;
  let chunkLine = 1;
  let firstLine = 0;
  const close = (endOffset: number) => {
    // Documents with nothing but comments and markers are empty: kubectl ignores them, so do we.
    if (firstLine) chunks.push({ text: text.slice(chunkStart, endOffset), startLine: chunkLine, firstLine });
  };
  let lineNo = 1;
  let pos = 0;
  // Directives (`%YAML 1.2`) before any content belong to the document that the next `---` starts.
  let directives = false;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    const marker = markerAt(text, pos, eol);
    if (marker === 'start') {
      if (!directives) {
        close(pos);
        chunkStart = pos;
        chunkLine = lineNo;
      }
      firstLine = 0;
      directives = false;
    } else if (!firstLine && text.charCodeAt(pos) === 0x25 /* % */) {
      // Nothing but markers and comments precede it, so the document starts here.
      if (!directives) {
        chunkStart = pos;
        chunkLine = lineNo;
        directives = true;
      }
      pos = eol + 1;
      lineNo++;
      continue;
    }
    if (!firstLine && marker !== 'end' && isContentLine(text, pos, eol, marker === 'start')) firstLine = lineNo;
    pos = eol + 1;
    lineNo++;
    if (marker === 'end') {
      // `...` ends the document; what follows (until the next `---`) is a new, bare document.
      close(Math.min(pos, text.length));
      chunkStart = Math.min(pos, text.length);
      chunkLine = lineNo;
      firstLine = 0;
    }
  }
  close(text.length);
  return chunks;
}
