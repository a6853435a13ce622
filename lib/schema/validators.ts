/**
 * The ajv validator of one kind and minor, loaded on first use. `npm run build` precompiles every kind into
 * build/lib/schema/compiled/<minor>/<definition>.js (scripts/schema/precompile.js), so a process loads only the
 * kinds it validates and never loads ajv. When those modules are missing or were generated from other data or
 * another generator (e.g. after a bare `tsc`), the validator is compiled in-process instead: slower to start,
 * the same result.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject } from 'ajv';
import { dataFile } from './data';

export type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** build/lib/schema/compiled: the precompiled kind modules, one folder per minor. */
export const COMPILED_DIR = path.join(__dirname, 'compiled');
export const STAMP_FILE = 'fingerprint.txt';

/** The compiled files of this folder that shape the generated code (formats.ts: which formats exist). */
const GENERATOR_FILES = ['compile.js', 'jsonschema.js', 'formats.js'];

/**
 * What the generated code of a minor depends on: its data, the generator and the ajv version. Precompiled
 * modules are used only when their stamp equals it.
 */
export function fingerprint(minor: string): string {
  // Required here: loading crypto costs a few ms that importing kubeforge should not pay.
  const hash = (require('crypto') as typeof import('crypto')).createHash('sha256');
  for (const file of [dataFile(minor), ...GENERATOR_FILES.map((f) => path.join(__dirname, f))]) hash.update(fs.readFileSync(file));
  const ajvPackage = JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version: string };
  return hash.update(ajvPackage.version).digest('hex');
}

const precompiled = new Map<string, boolean>();
function hasPrecompiled(minor: string): boolean {
  let ok = precompiled.get(minor);
  if (ok === undefined) {
    let stamp: string | undefined;
    try {
      stamp = fs.readFileSync(path.join(COMPILED_DIR, minor, STAMP_FILE), 'utf8').trim();
    } catch {
      stamp = undefined;
    }
    ok = stamp === fingerprint(minor);
    precompiled.set(minor, ok);
  }
  return ok;
}

// minor -> definition -> validator: both keys are strings the data already holds, so lookups hash nothing new.
const validators = new Map<string, Map<string, Validator>>();

/** The validator of definition `defName` (a kind's, e.g. "io.k8s.api.apps.v1.Deployment") in `minor`. */
export function getValidator(minor: string, defName: string): Validator {
  let ofMinor = validators.get(minor);
  if (!ofMinor) {
    ofMinor = new Map();
    validators.set(minor, ofMinor);
  }
  let v = ofMinor.get(defName);
  if (!v) {
    v = hasPrecompiled(minor)
      ? (require(path.join(COMPILED_DIR, minor, `${defName}.js`)) as Validator)
      : (require('./compile') as typeof import('./compile')).compileValidator(minor, defName);
    ofMinor.set(defName, v);
  }
  return v;
}
