/**
 * Splits a YAML stream into documents the way kubectl does (k8s.io/apimachinery/pkg/util/yaml YAMLReader), keeping
 * each document's line numbers.
 *
 * kubectl cuts the stream at every line that starts with `---` and hands each piece to go-yaml, which reads the
 * first document of the piece. What follows from that:
 * - a separator line may carry only white space or a comment after `---`; `--- {}`, `--- |`, `---x` and `----`
 *   are refused ("invalid Yaml document separator");
 * - `...` ends the piece's document: the lines after it, up to the next `---`, are never read (a note says so);
 *   a `...` before any content is refused;
 * - a directive (`%YAML`, `%TAG`) is always refused: its `---` is cut away, so go-yaml finds no document start;
 * - pieces with nothing but comments and blank lines are empty documents, which kubectl skips.
 *
 * Parsing documents one by one (instead of the whole stream at once) is also what makes large files fast: the
 * parser never holds more than one document, and a syntax error in one document does not hide the others.
 */

export interface DocChunk {
  /** The document's text, from the line after its `---` to the line before the next one (or its `...` line). */
  readonly text: string;
  /** 1-based line of the chunk's first line in the file. */
  readonly startLine: number;
  /** 1-based line of the document's first content line (not a comment or blank line). */
  readonly firstLine: number;
  /** kubectl refuses this piece before parsing it (bad separator, directive, `...` first): line, column, reason. */
  readonly refused?: { readonly line: number; readonly column: number; readonly reason: string };
  /** First content line after a `...` that kubectl never reads. */
  readonly ignoredLine?: number;
}

// Control characters other than tab, LF and CR (go-yaml refuses them anywhere in a piece).
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/** Go's unicode.IsSpace for the characters that matter here. */
function isGoSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
}

/** The line without Go's TrimSpace white space at both ends. */
function goTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Blank or comment only (for "is there content"). */
function isContent(line: string): boolean {
  const t = goTrim(line);
  return t !== '' && t[0] !== '#';
}

/** `...` followed by the end of the line or white space: go-yaml's document end marker. */
function isDocumentEnd(line: string): boolean {
  if (!line.startsWith('...')) return false;
  const c = line.charCodeAt(3);
  return line.length === 3 || c === 0x20 || c === 0x09 || c === 0x0d;
}

/**
 * `firstLine` is the file's line of the stream's first line (a YAML stream that follows JSON objects starts later).
 */
export function splitYamlDocuments(input: string, firstLine = 1): DocChunk[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const chunks: DocChunk[] = [];
  let start = 0; // offset of the chunk's first line
  let startLine = firstLine;
  let first = 0; // first content line of the chunk, 0 while none
  let endAt = -1; // offset just after a `...` line: the chunk's text ends there
  let ignored: number | undefined;
  let refused: DocChunk['refused'];
  const close = (end: number) => {
    const to = endAt >= 0 ? endAt : end;
    if (first || refused) {
      chunks.push({
        text: text.slice(start, to),
        startLine,
        firstLine: first || refused!.line,
        ...(refused ? { refused } : {}),
        ...(ignored ? { ignoredLine: ignored } : {}),
      });
    }
  };
  let pos = 0;
  let lineNo = firstLine;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    const line = text.slice(pos, eol);
    if (line.startsWith('---')) {
      close(pos);
      const rest = goTrim(line.slice(3));
      start = eol + 1;
      startLine = lineNo + 1;
      first = 0;
      endAt = -1;
      ignored = undefined;
      refused = undefined;
      if (rest !== '' && rest[0] !== '#') {
        // kubectl stops reading the file here; the documents after it are still checked, for the other findings.
        chunks.push({
          text: '',
          startLine: lineNo,
          firstLine: lineNo,
          refused: { line: lineNo, column: 4 + line.slice(3).indexOf(rest), reason: `invalid document separator "${line.replace(/\r$/, '')}": kubectl allows only white space or a comment after ---` },
        });
      }
    } else if (endAt >= 0) {
      if (ignored === undefined && isContent(line)) ignored = lineNo;
      // go-yaml checks the characters of the whole piece, read or not.
      const bad = CONTROL.exec(line);
      if (bad && !refused) refused = { line: lineNo, column: bad.index + 1, reason: 'control characters are not allowed' };
    } else if (isDocumentEnd(line)) {
      if (!first && !refused) refused = { line: lineNo, column: 1, reason: 'did not find expected node content: a `...` document end before any content' };
      endAt = Math.min(eol + 1, text.length);
    } else if (!first && !refused && isContent(line)) {
      first = lineNo;
      if (line.charCodeAt(0) === 0x25 /* % */) {
        refused = {
          line: lineNo,
          column: 1,
          reason: `a directive (${goTrim(line).split(/\s/)[0]}) is not readable by kubectl: it cuts the stream at the --- after it, so the directive has no document`,
        };
      }
    }
    pos = eol + 1;
    lineNo++;
  }
  close(text.length);
  return chunks;
}
