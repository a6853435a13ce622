/**
 * Text -> documents. YAML streams are split on markers and each document parsed with js-yaml (fast); JSON with
 * JSON.parse. A document that fails to parse becomes a `parse` issue with its file:line:column, and the other
 * documents are still returned, so one typo does not hide every other finding in the file.
 */
import * as jsyaml from 'js-yaml';
import { ReportedIssue } from '../report/types';
import { DocChunk, splitYamlDocuments } from './split';
import { KUBERNETES_YAML_SCHEMA } from './yaml-schema';


export interface ParsedDocument {
  readonly chunk: DocChunk;
  readonly value: unknown;
}

export interface ParsedSource {
  readonly documents: ParsedDocument[];
  /** `parse` issues, one per document that could not be parsed. */
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

export function parseYamlStream(file: string, text: string): ParsedSource {
  const documents: ParsedDocument[] = [];
  const errors: ReportedIssue[] = [];
  for (const chunk of splitYamlDocuments(text)) {
    try {
      documents.push({ chunk, value: jsyaml.load(chunk.text, { schema: KUBERNETES_YAML_SCHEMA }) });
    } catch (e) {
      if (!(e instanceof jsyaml.YAMLException)) throw e;
      const mark = e.mark;
      errors.push(
        parseIssue(file, chunk.startLine + (mark?.line ?? 0), (mark?.column ?? 0) + 1, e.reason, 'fix the YAML syntax there (indentation, quoting, a missing colon or a duplicate key)'),
      );
    }
  }
  return { documents, errors };
}

export function parseJson(file: string, text: string): ParsedSource {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const chunk: DocChunk = { text: source, startLine: 1, firstLine: firstContentLine(source) };
  if (source.trim() === '') return { documents: [], errors: [] };
  try {
    return { documents: [{ chunk, value: JSON.parse(source) }], errors: [] };
  } catch (e) {
    // V8 names the failing offset ("... in JSON at position 42"); turn it into line and column.
    const m = /position (\d+)/.exec((e as Error).message);
    const offset = m ? Number(m[1]) : 0;
    const before = source.slice(0, offset).split('\n');
    const reason = (e as Error).message.replace(/ in JSON at position \d+.*$/, '');
    return { documents: [], errors: [parseIssue(file, before.length, before[before.length - 1].length + 1, reason, 'fix the JSON syntax there')] };
  }
}

function firstContentLine(text: string): number {
  const m = /\S/.exec(text);
  return m ? text.slice(0, m.index).split('\n').length : 1;
}
