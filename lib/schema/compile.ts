/**
 * ajv compilation of one minor's schema. Used at build time by scripts/schema/precompile.js, which writes one
 * standalone module per kind, and at run time only when that module is missing or stale (e.g. after a bare
 * `tsc`): this file is the one that loads ajv, and it is required lazily.
 */
import Ajv, { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { _ } from 'ajv/dist/compile/codegen';
import { getVersionData } from './data';
import { AJV_FORMATS } from './formats';
import { definitionRef, NON_NULL, toJsonSchema } from './jsonschema';

/** Where a generated kind module (compiled/<minor>/<def>.js) finds the format functions. */
const FORMATS_FROM_MODULE = _`require("../../formats").AJV_FORMATS`;

const ajvs = new Map<string, Ajv>();

/** One ajv instance per minor holds all its definitions, so kinds share the compiled functions of common types. */
function ajvFor(minor: string, forSource: boolean): Ajv {
  const key = `${minor}:${forSource}`;
  let ajv = ajvs.get(key);
  if (!ajv) {
    ajv = new Ajv({
      allErrors: true,
      // Small definitions (Time, Quantity, IntOrString...) are inlined; larger ones stay functions shared by their
      // users. Inlining everything made the modules larger and slower to warm up (scripts/schema/measure.js).
      inlineRefs: 12,
      // The issue text is worded from the compact data (issues.ts), so ajv's own messages are not generated.
      messages: false,
      strictTypes: false,
      strictRequired: false,
      formats: AJV_FORMATS,
      code: forSource ? { source: true, formats: FORMATS_FROM_MODULE } : {},
    });
    // A plain null test; `not: {type: "null"}` would generate code that records and drops an error per valid value.
    ajv.addKeyword({ keyword: NON_NULL, schemaType: 'boolean', code: (cxt) => cxt.fail(_`${cxt.data} === null`) });
    ajv.addSchema(toJsonSchema(schemaId(minor), getVersionData(minor).defs));
    ajvs.set(key, ajv);
  }
  return ajv;
}

function schemaId(minor: string): string {
  return `k8s-${minor}`;
}

function compileKind(ajv: Ajv, minor: string, defName: string): ValidateFunction {
  const validate = ajv.getSchema(definitionRef(schemaId(minor), defName));
  if (!validate) throw new Error(`no definition ${defName} in the ${minor} schema`);
  return validate;
}

/** A validator of definition `defName`, compiled in this process. */
export function compileValidator(minor: string, defName: string): ValidateFunction {
  return compileKind(ajvFor(minor, false), minor, defName);
}

/** The source of a CommonJS module exporting the validator of `defName`, with every function it reaches. */
export function validatorModuleSource(minor: string, defName: string): string {
  const ajv = ajvFor(minor, true);
  return dropUnusedSchemas(standaloneCode(ajv, compileKind(ajv, minor, defName)));
}

const SCHEMA_DECL = /const (schema\d+) = /g;

/**
 * ajv's standalone output declares the JSON of every compiled function's schema (`const schema12 = {...};`),
 * though the code reads few of them; dropping the unread ones saves about 7% of a module.
 */
export function dropUnusedSchemas(source: string): string {
  const uses = new Map<string, number>();
  for (const m of source.matchAll(/\bschema\d+\b/g)) uses.set(m[0], (uses.get(m[0]) ?? 0) + 1);
  let out = '';
  let from = 0;
  for (const m of source.matchAll(SCHEMA_DECL)) {
    if (m.index < from || uses.get(m[1]) !== 1) continue;
    const end = jsonEnd(source, m.index + m[0].length);
    if (source[end] !== ';') throw new Error(`unexpected code after ${m[1]}`);
    out += source.slice(from, m.index);
    from = end + 1;
  }
  return out + source.slice(from);
}

/** The index just past the JSON value starting at `start`: brackets are counted outside strings. */
function jsonEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      for (i++; s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (depth === 0) return i + 1;
  }
  throw new Error('unterminated JSON in generated code');
}
