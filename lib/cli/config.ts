/** Reads cdk8s.yaml (the file the cdk8s CLI uses too), checked with a JSON Schema so mistakes name the key. */
import * as fs from 'fs';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';

export interface ProjectConfig {
  /** Shell command that runs the app, e.g. `node build/main.js`. */
  readonly app: string;
  /** @default 'dist' */
  readonly output?: string;
}

const SCHEMA = {
  type: 'object',
  properties: {
    app: { type: 'string', minLength: 1 },
    output: { type: 'string', minLength: 1 },
    language: { type: 'string' },
    imports: { type: 'array', items: { type: 'string' } },
  },
  required: ['app'],
  // cdk8s.yaml has keys kubeforge does not use (validations, pluginsDirectory, ...).
  additionalProperties: true,
} as const;

export class ConfigError extends Error {}

export function readConfig(file: string): ProjectConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Fix: run kubeforge in the project directory, or pass -a "<command>".`);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    throw new ConfigError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const data = doc.toJS() as unknown;
  const validate = new Ajv({ allErrors: true }).compile(SCHEMA);
  if (!validate(data)) {
    const msgs = (validate.errors ?? []).map((err) => {
      const where = err.instancePath || '(top level)';
      return `${where} ${err.message}`;
    });
    throw new ConfigError(`${file}: ${msgs.join('; ')}. Fix: the file needs at least "app: <command that runs your app>", e.g. "app: node build/main.js".`);
  }
  return data as ProjectConfig;
}
