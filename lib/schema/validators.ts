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

/** What generated code calls for a referenced definition: `holder.v(...)`. */
interface Holder {
  v: Validator;
}
type Resolver = (defName: string) => Holder;
const resolvers = new Map<string, Resolver>();

/**
 * The references of a minor's validators: one holder per definition, whose validator is a loader until its first
 * call, which swaps in the real one. So loading a validator never loads the definitions it refers to (and cycles
 * need no care), and after the first call a reference costs one property read.
 */
function resolverOf(minor: string): Resolver {
  let resolve = resolvers.get(minor);
  if (!resolve) {
    const holders = new Map<string, Holder>();
    resolve = (defName: string): Holder => {
      let holder = holders.get(defName);
      if (!holder) {
        const h: Holder = {
          // The caller reads h.v.errors after the call: by then h.v is the real validator, which set them.
          v: (data: unknown, cxt?: unknown): boolean => {
            h.v = getValidator(minor, defName);
            return h.v(data, cxt);
          },
        };
        holder = h;
        holders.set(defName, holder);
      }
      return holder;
    };
    resolvers.set(minor, resolve);
  }
  return resolve;
}

type Factory = (resolve: Resolver) => Validator;
let moduleRequire: NodeRequire | undefined;

/**
 * A generated module's factory. The file is compiled directly (as require() would wrap it) rather than through
 * require(): a kind reaches dozens of small modules, and require's per-file resolution and bookkeeping doubled
 * their load time. Modules are CommonJS (`module.exports = function (kfRef) {...}`), requiring only paths
 * relative to defs/.
 */
function loadModule(name: string): Factory {
  moduleRequire ??= (require('module') as typeof import('module')).createRequire(path.join(MODULES_DIR, 'index.js'));
  const file = path.join(MODULES_DIR, `${name}.js`);
  const mod = { exports: {} as unknown };
  const vm = require('vm') as typeof import('vm');
  vm.compileFunction(fs.readFileSync(file, 'utf8'), ['module', 'exports', 'require'], { filename: file })(mod, mod.exports, moduleRequire);
  return mod.exports as Factory;
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
    let factory: Factory | undefined;
    try {
      factory = file === undefined ? undefined : loadModule(file);
    } catch {
      // A module missing from a build folder that was copied or cleaned by hand: compile instead.
      factory = undefined;
    }
    v = factory
      ? factory(resolverOf(minor))
      : ((require('./compile') as typeof import('./compile')).compileValidator(minor, defName, resolverOf(minor)) as Validator);
    ofMinor.set(defName, v);
  }
  return v;
}
