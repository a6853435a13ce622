/**
 * The ajv validator of one definition and minor, loaded on first use. `npm run build` precompiles every
 * definition the served kinds reach (scripts/schema/precompile.js) into build/lib/schema/compiled:
 * - defs/<hash>.js: one module per distinct definition schema, named by a hash of that schema and of the generator,
 *   so the many definitions that are the same in several minors are stored once;
 * - <minor>.json: that minor's index, definition name -> module, with the fingerprint it was generated for.
 * A module exports a factory taking the minor's resolver for the definitions it references, so a process loads only
 * the definitions it meets, and never loads ajv. When the index is missing or was generated from other data or
 * another generator (e.g. after a bare `tsc`), validators are compiled in-process instead: slower to start, the
 * same result.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject } from 'ajv';
import { dataFile } from './data';

export type Validator = ((data: unknown, cxt?: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** build/lib/schema/compiled: the minors' indexes, and the modules under defs/. */
export const COMPILED_DIR = path.join(__dirname, 'compiled');
export const MODULES_DIR = path.join(COMPILED_DIR, 'defs');

/** One minor's precompiled validators: its fingerprint, and definition name -> module name (without .js). */
export interface CompiledIndex {
  readonly fingerprint: string;
  readonly defs: Readonly<Record<string, string>>;
}

export function indexFile(minor: string): string {
  return path.join(COMPILED_DIR, `${minor}.json`);
}

/** The compiled files of this folder that shape the generated code (formats.ts: which formats exist). */
const GENERATOR_FILES = ['compile.js', 'jsonschema.js', 'formats.js'];

function sha256(): import('crypto').Hash {
  // Required here: loading crypto costs a few ms that importing kubeforge should not pay.
  return (require('crypto') as typeof import('crypto')).createHash('sha256');
}

let generator: string | undefined;
/** What every generated module depends on besides its schema: the generator code and the ajv version. */
export function generatorFingerprint(): string {
  if (generator === undefined) {
    const hash = sha256();
    for (const f of GENERATOR_FILES) hash.update(fs.readFileSync(path.join(__dirname, f)));
    const ajvPackage = JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version: string };
    generator = hash.update(ajvPackage.version).digest('hex');
  }
  return generator;
}

/**
 * What the generated code of a minor depends on: its data, the generator and the ajv version. A minor's
 * precompiled modules are used only when its index carries this fingerprint.
 */
export function fingerprint(minor: string): string {
  return sha256().update(fs.readFileSync(dataFile(minor))).update(generatorFingerprint()).digest('hex');
}

/** The module name of a definition schema (its JSON text): equal schemas share a module. */
export function moduleName(schemaJson: string): string {
  return sha256().update(generatorFingerprint()).update(schemaJson).digest('hex').slice(0, 24);
}

const indexes = new Map<string, CompiledIndex | null>();
function precompiledIndex(minor: string): CompiledIndex | null {
  let index = indexes.get(minor);
  if (index === undefined) {
    try {
      index = JSON.parse(fs.readFileSync(indexFile(minor), 'utf8')) as CompiledIndex;
    } catch {
      index = null;
    }
    if (index !== null && index.fingerprint !== fingerprint(minor)) index = null;
    indexes.set(minor, index);
  }
  return index;
}

// minor -> definition -> validator: both keys are strings the data already holds, so lookups hash nothing new.
const validators = new Map<string, Map<string, Validator>>();
const resolvers = new Map<string, (defName: string) => Validator>();

/**
 * The references of a minor's validators: a stand-in per definition that loads the real validator on its first
 * call, so loading a validator never loads the definitions it refers to (and cycles need no care).
 */
function resolverOf(minor: string): (defName: string) => Validator {
  let resolve = resolvers.get(minor);
  if (!resolve) {
    const stubs = new Map<string, Validator>();
    resolve = (defName: string): Validator => {
      let stub = stubs.get(defName);
      if (!stub) {
        let real: Validator | undefined;
        const s: Validator = (data: unknown, cxt?: unknown): boolean => {
          real ??= getValidator(minor, defName);
          const ok = real(data, cxt);
          s.errors = real.errors;
          return ok;
        };
        stub = s;
        stubs.set(defName, stub);
      }
      return stub;
    };
    resolvers.set(minor, resolve);
  }
  return resolve;
}

/** The validator of definition `defName` (a kind's, e.g. "io.k8s.api.apps.v1.Deployment") in `minor`. */
export function getValidator(minor: string, defName: string): Validator {
  let ofMinor = validators.get(minor);
  if (!ofMinor) {
    ofMinor = new Map();
    validators.set(minor, ofMinor);
  }
  let v = ofMinor.get(defName);
  if (!v) {
    const file = precompiledIndex(minor)?.defs[defName];
    if (file !== undefined) {
      const factory = require(path.join(MODULES_DIR, `${file}.js`)) as (resolve: (defName: string) => Validator) => Validator;
      v = factory(resolverOf(minor));
    } else {
      v = (require('./compile') as typeof import('./compile')).compileValidator(minor, defName, resolverOf(minor)) as Validator;
    }
    ofMinor.set(defName, v);
  }
  return v;
}
