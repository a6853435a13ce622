/**
 * The API-server rules read arbitrary user files: whatever a field holds, they report or stay silent, never throw.
 * Seeds: every object of the agreement cases (test/fixtures/agreement: real manifests of every kind the rules
 * know), each mutated so that its numbers become exact big integers (what the reader gives for values past 2^53),
 * negative, fractional or strings, and its strings become numbers, lists or null.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { validateObjects } from '../../../lib/rules';
import { APISERVER_RULES } from '../../../lib/rules/apiserver';

const CASES = path.resolve(__dirname, '../../../../test/fixtures/agreement');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

function seeds(): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const f of files(CASES)) {
    let docs;
    try {
      docs = parseAllDocuments(fs.readFileSync(f, 'utf8'));
    } catch {
      continue; // the reader's own cases (encodings, directives) are not objects to mutate
    }
    for (const d of Array.isArray(docs) ? docs : []) {
      if (d.errors.length > 0) continue;
      const json = d.toJS();
      if (json && typeof json === 'object' && !Array.isArray(json)) out.push(json);
    }
  }
  return out;
}

/** A copy of `v` with every leaf passed through `leaf`. */
function mapLeaves(v: unknown, leaf: (x: unknown) => unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => mapLeaves(x, leaf));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'kind' || k === 'apiVersion' ? x : mapLeaves(x, leaf)]));
  return leaf(v);
}

const MUTATIONS: Record<string, (x: unknown) => unknown> = {
  'numbers as big integers': (x) => (typeof x === 'number' && Number.isFinite(x) ? 9223372036854775808n + BigInt(Math.trunc(x)) : x),
  'numbers as small big integers': (x) => (typeof x === 'number' && Number.isFinite(x) ? BigInt(Math.trunc(x)) : x),
  'numbers negative': (x) => (typeof x === 'number' ? -x - 1 : x),
  'numbers fractional': (x) => (typeof x === 'number' ? x + 0.5 : x),
  'numbers as strings': (x) => (typeof x === 'number' ? String(x) : x),
  'strings as numbers': (x) => (typeof x === 'string' ? 7 : x),
  'strings as lists': (x) => (typeof x === 'string' ? [x] : x),
  'leaves null': () => null,
};

const objects = seeds();

test('the agreement cases give the robustness test many seeds of many kinds', () => {
  expect(objects.length).toBeGreaterThan(100);
  expect(new Set(objects.map((o) => o.kind)).size).toBeGreaterThan(15);
});

describe.each(Object.entries(MUTATIONS))('%s', (_name, leaf) => {
  test('no API-server rule throws, on any seed', () => {
    for (const o of objects) {
      const mutated = mapLeaves(o, leaf) as Record<string, any>;
      for (const r of APISERVER_RULES) {
        expect(() => r.check(mutated, 'p')).not.toThrow();
      }
    }
  });

  test('the whole engine (schema, rules, lints) does not throw either', () => {
    const mutated = objects.map((o) => ({ json: mapLeaves(o, leaf) as Record<string, any>, file: 'x.yaml', line: 1 }));
    expect(() => validateObjects(mutated)).not.toThrow();
  });
});
