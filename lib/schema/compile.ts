/**
 * ajv compilation of one definition. Used at build time by scripts/schema/precompile.js, which writes one
 * standalone module per distinct definition schema, and at run time only when the precompiled modules are missing
 * or stale (e.g. after a bare `tsc`): this file is the one that loads ajv, and it is required lazily.
 */
import Ajv, { ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { _ } from 'ajv/dist/compile/codegen';
import { _Code } from 'ajv/dist/compile/codegen/code';
import { callRef } from 'ajv/dist/vocabularies/core/ref';
import { getVersionData } from './data';
import { AJV_FORMATS } from './formats';
import { definitionSchema, JsonSchema, NON_NULL, REF } from './jsonschema';

/** Where a generated module (compiled/defs/<hash>.js) finds the format functions. */
const FORMATS_FROM_MODULE = _`require("../../formats").AJV_FORMATS`;
/** The parameter of a generated module's factory: name -> validator of that definition in the minor at hand. */
const REF_PARAM = 'kfRef';

/**
 * Resolves a definition name to a holder of its validator: generated code calls `holder.v(...)` and reads
 * `holder.v.errors`, so the holder can start with a loader and swap in the real validator on the first call
 * (validators.ts keeps one resolver per minor).
 */
export type RefResolver = (defName: string) => { v: (data: unknown, cxt?: unknown) => boolean };

function newAjv(forSource: boolean, resolve: RefResolver): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    // The issue text is worded from the compact data (issues.ts), so ajv's own messages are not generated.
    messages: false,
    strictTypes: false,
    strictRequired: false,
    formats: AJV_FORMATS,
    code: forSource ? { source: true, formats: FORMATS_FROM_MODULE } : {},
  });
  // A plain null test; `not: {type: "null"}` would generate code that records and drops an error per valid value.
  ajv.addKeyword({ keyword: NON_NULL, schemaType: 'boolean', code: (cxt) => cxt.fail(_`${cxt.data} === null`) });
  // Another definition's validator, called as ajv calls a compiled $ref (errors and instance paths carried over).
  // In a module the validator comes from the factory's parameter, so the module does not depend on the minor.
  ajv.addKeyword({
    keyword: REF,
    schemaType: 'string',
    code: (cxt) => {
      const name = cxt.schema as string;
      const holder = cxt.gen.scopeValue('func', { key: name, ref: resolve(name), code: _`${new _Code(REF_PARAM)}(${name})` });
      callRef(cxt, _`${holder}.v`, undefined, false);
    },
  });
  return ajv;
}

// One ajv per resolver (validators.ts keeps one resolver per minor).
const inProcess = new WeakMap<RefResolver, Ajv>();

/**
 * A validator of definition `defName` of `minor`, compiled in this process. References go through `resolve`, which
 * is called while compiling and must return at once (a stand-in that finds the validator on its first call).
 */
export function compileValidator(minor: string, defName: string, resolve: RefResolver): ValidateFunction {
  let ajv = inProcess.get(resolve);
  if (!ajv) {
    ajv = newAjv(false, resolve);
    inProcess.set(resolve, ajv);
  }
  return ajv.compile(definitionSchema(getVersionData(minor).defs, defName));
}

let sourceAjv: Ajv | undefined;

/**
 * The source of a CommonJS module for one definition schema (jsonschema.ts): it exports a factory that takes the
 * reference resolver of a minor and returns the validator. The code depends on the schema only, so minors that
 * share a definition share its module.
 */
export function validatorModuleSource(schema: JsonSchema): string {
  // The build never calls the referenced validators; the resolver only has to give ajv a value.
  sourceAjv ??= newAjv(true, () => ({ v: () => true }));
  const code = dropUnusedSchemas(standaloneCode(sourceAjv, sourceAjv.compile(schema)));
  const head = /^"use strict";module\.exports = (\w+);module\.exports\.default = \1;/.exec(code);
  if (!head) throw new Error('unexpected start of ajv standalone code');
  return `"use strict";module.exports = function (${REF_PARAM}) {${code.slice(head[0].length)}\nreturn ${head[1]};};\n`;
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
