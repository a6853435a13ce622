/**
 * `kubeforge validate` without the CLI: files -> located objects -> the rule engine -> a Report. This module reads
 * and locates; the engine (lib/rules) detects; lib/report formats.
 */
import * as fs from 'fs';
import { Report, ReportCase, ReportedIssue, ReportFile } from '../report/types';
import { ALL_RULES, Located, validateObjects, ValidationOptions } from '../rules';
import { RuleMeta } from '../rules/types';
import { showValue } from '../util/errors';
import { collectInputs, readInput } from './inputs';
import { DocumentLines } from './lines';
import { ParsedDocument, parseStream } from './parse';

/** Findings about the input itself, not about an object: they are not engine rules, and --rule cannot turn them off. */
export const INPUT_RULES: readonly RuleMeta[] = [
  { id: 'parse', category: 'schema', defaultSeverity: 'error', description: 'The file is valid YAML (or JSON).' },
  { id: 'io', category: 'schema', defaultSeverity: 'error', description: 'The path exists and can be read.' },
  { id: 'yaml-read', category: 'schema', defaultSeverity: 'warning', description: 'What kubectl reads is not what the text seems to say: a duplicate key (the last wins), a merge key that overrides, an ignored tag, a YAML 1.1 key, text after `...`, bytes that are not UTF-8.' },
  { id: 'not-an-object', category: 'schema', defaultSeverity: 'error', description: 'Every document (and List item) is a Kubernetes object, not a scalar or an array.' },
];

/** Input problems that make the exit code 2 (a usage, parse or I/O error) rather than 1. */
export const INPUT_ERROR_RULE_IDS: readonly string[] = ['parse', 'io'];

export interface Source {
  readonly file: string;
  readonly text: string;
  readonly format: 'yaml' | 'json';
}

/** One object to validate, and how to find its fields' lines in its document. */
interface Entry {
  readonly located: Located & { file: string; line: number };
  readonly doc: ParsedDocument;
  /** `/items/N` for a List item, else empty: prefixed to the rules' pointers. */
  readonly prefix: string;
  readonly case: ReportCase & { issues: ReportedIssue[] };
}

function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A `List` (or `*List`) document whose items are the objects, as kubectl reads it. */
export function isList(v: Record<string, any>): boolean {
  return typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items);
}

function caseName(obj: Record<string, any>): string {
  const kind = typeof obj.kind === 'string' ? obj.kind : '(no kind)';
  const name = obj.metadata?.name ?? obj.metadata?.generateName ?? '(no name)';
  return `${kind}/${name}${typeof obj.metadata?.namespace === 'string' ? ` in ${obj.metadata.namespace}` : ''}`;
}

function notAnObject(file: string, line: number, value: unknown, jsonPointer: string): ReportedIssue {
  const what = Array.isArray(value) ? 'an array' : typeof value === 'string' ? 'a string' : `a ${typeof value}`;
  return {
    ruleId: 'not-an-object',
    severity: 'error',
    message: `${jsonPointer ? 'this List item' : 'this document'} is ${what} (${showValue(value)}), not a Kubernetes object; allowed: a mapping with apiVersion, kind and metadata`,
    fix: 'remove the fragment, or indent it under the field of the object it belongs to',
    file,
    line,
    jsonPointer,
  };
}

/** Lazily built, shared by every issue (and List item) of one document. */
const linesCache = new WeakMap<ParsedDocument, DocumentLines>();
function linesOf(doc: ParsedDocument): DocumentLines {
  let l = linesCache.get(doc);
  if (!l) linesCache.set(doc, (l = new DocumentLines(doc.chunk, doc.value)));
  return l;
}

function addDocument(file: string, doc: ParsedDocument, entries: Entry[], cases: ReportCase[]): void {
  const { value, chunk } = doc;
  const line = chunk.firstLine;
  if (value === null || value === undefined) return; // an empty document (`--- ~`)
  if (!isPlainObject(value)) {
    cases.push({ name: `document at line ${line}`, line, isObject: false, issues: [notAnObject(file, line, value, '')] });
    return;
  }
  const push = (json: Record<string, any>, at: number, prefix: string) => {
    const c = { name: caseName(json), line: at, isObject: true, issues: [] as ReportedIssue[] };
    entries.push({ located: { json, file, line: at }, doc, prefix, case: c });
    cases.push(c);
  };
  if (!isList(value)) return push(value, line, '');
  const items: unknown[] = value.items;
  const itemLines = items.length ? linesOf(doc).entryLines('/items', items.length) : undefined;
  items.forEach((item, n) => {
    const at = itemLines?.[n] ?? line;
    if (isPlainObject(item)) push(item, at, `/items/${n}`);
    else cases.push({ name: `List item ${n} at line ${at}`, line: at, isObject: false, issues: [notAnObject(file, at, item, `/items/${n}`)] });
  });
}

/** Validates already-read sources. `opts` goes to the engine unchanged (k8sVersion, rule severities). */
export function validateSources(sources: readonly Source[], opts: ValidationOptions = {}, ioErrors: readonly ReportedIssue[] = []): Report {
  const entries: Entry[] = [];
  const files: (ReportFile & { issues: ReportedIssue[] })[] = [];
  for (const s of sources) {
    const parsed = parseStream(s.file, s.text);
    const cases: ReportCase[] = [];
    for (const doc of parsed.documents) addDocument(s.file, doc, entries, cases);
    cases.sort((a, b) => a.line - b.line);
    files.push({ file: s.file, cases, issues: [...parsed.errors] });
  }
  for (const e of ioErrors) {
    const f = files.find((x) => x.file === e.file);
    if (f) f.issues.push(e);
    else files.push({ file: e.file!, cases: [], issues: [e] });
  }

  // The one call into the engine: --k8s-version and --rule arrive here as given.
  const found = validateObjects(entries.map((e) => e.located), opts);

  const byPlace = new Map<string, Entry>();
  for (const e of entries) {
    const key = `${e.located.file}:${e.located.line}`;
    if (!byPlace.has(key)) byPlace.set(key, e);
  }
  for (const issue of found) {
    // The engine reports file objects as file + line (the object's line); a set rule may write `file:line` as path.
    const key = issue.file !== undefined ? `${issue.file}:${issue.line}` : issue.constructPath;
    const entry = key === undefined ? undefined : byPlace.get(key);
    if (!entry) {
      const f = files.find((x) => x.file === issue.file) ?? files[0];
      f?.issues.push(issue);
      continue;
    }
    const { constructPath: _unused, ...rest } = issue;
    const pointer = issue.jsonPointer === undefined ? undefined : entry.prefix + issue.jsonPointer;
    const line = pointer === undefined ? entry.located.line : (linesOf(entry.doc).lineOf(pointer) ?? entry.located.line);
    entry.case.issues.push({ ...rest, file: entry.located.file, line, ...(pointer === undefined ? {} : { jsonPointer: pointer }) });
  }
  return { files, rules: [...ALL_RULES, ...INPUT_RULES] };
}

/** Collects, reads and validates the command-line inputs (files, directories, `-`). */
export function validateFiles(
  args: readonly string[],
  opts: ValidationOptions & { cwd?: string; readStdin?: () => string | Buffer } = {},
): Report {
  const { cwd = process.cwd(), readStdin = () => fs.readFileSync(0, 'utf8'), ...engine } = opts;
  const { files, errors } = collectInputs(args, cwd);
  const sources: Source[] = [];
  const ioErrors = [...errors];
  for (const f of files) {
    const read = readInput(f, readStdin);
    if ('ruleId' in read) {
      ioErrors.push(read);
      continue;
    }
    sources.push({ file: f.display, text: read.text, format: f.format });
    if (read.replaced !== undefined) {
      ioErrors.push({
        ruleId: 'yaml-read',
        severity: 'warning',
        message: 'the file has bytes that are not UTF-8 (Latin-1?): kubectl reads each as U+FFFD, the replacement character',
        fix: 'save the file as UTF-8',
        file: f.display,
        line: read.replaced,
      });
    }
  }
  return validateSources(sources, engine, ioErrors);
}
