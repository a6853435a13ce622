import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compileValidator, dropUnusedSchemas } from '../../lib/schema/compile';
import { getVersionData, SchemaNode } from '../../lib/schema/data';
import { NON_NULL, toJsonSchema } from '../../lib/schema/jsonschema';
import { COMPILED_DIR, fingerprint, STAMP_FILE } from '../../lib/schema/validators';
import { deployment } from './fixtures';

const ROOT = path.join(__dirname, '..', '..', '..');
const V = '1.37';
const DEPLOYMENT = 'io.k8s.api.apps.v1.Deployment';

describe('the JSON Schema handed to ajv', () => {
  const defs: Record<string, SchemaNode> = {
    Thing: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        port: { $ref: 'IntOrString' },
        mode: { type: 'string', enum: ['On', 'Off'] },
        raw: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } },
      },
    },
    IntOrString: { 'x-kubernetes-int-or-string': true },
  };
  const thing = (toJsonSchema('t', defs).definitions as Record<string, any>).Thing;

  test('a closed object rejects unknown fields; maps and preserve-unknown-fields stay open', () => {
    expect(thing.additionalProperties).toBe(false);
    expect(thing.properties.labels.additionalProperties).toEqual({ type: 'string', nullable: true });
    expect(thing.properties.raw.additionalProperties).toBeUndefined();
  });

  test('null is allowed everywhere except in a required field', () => {
    expect(thing.nullable).toBe(true);
    expect(thing.properties.name).toEqual({ type: 'string', nullable: true, [NON_NULL]: true });
    expect(thing.properties.labels[NON_NULL]).toBeUndefined();
    expect(thing.properties.mode.enum).toEqual(['On', 'Off', '', null]);
  });

  test('references point into the same document; IntOrString is an integer or a string', () => {
    expect(thing.properties.port).toEqual({ $ref: '#/definitions/IntOrString' });
    expect((toJsonSchema('t', defs).definitions as Record<string, any>).IntOrString).toEqual({ type: ['integer', 'string'], nullable: true });
  });
});

describe('dropUnusedSchemas', () => {
  test('drops the schema constants the code never reads, keeps the read ones', () => {
    const source =
      'const schema1 = {"a":"}{[\\"","b":[1,{"c":2}]};const schema2 = {"type":["integer","string"]};' +
      'function validate0(data){return schema2.type.length > 0;}';
    expect(dropUnusedSchemas(source)).toBe('const schema2 = {"type":["integer","string"]};function validate0(data){return schema2.type.length > 0;}');
  });
});

describe('precompiled validators', () => {
  beforeAll(() => {
    // What `npm run build` runs after tsc; incremental, so a no-op when the build is current.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'schema', 'precompile.js')], { cwd: ROOT, stdio: 'pipe' });
  });

  test('each minor is stamped with the fingerprint of its data, generator and ajv version', () => {
    const stamp = fs.readFileSync(path.join(COMPILED_DIR, V, STAMP_FILE), 'utf8').trim();
    expect(stamp).toBe(fingerprint(V));
    expect(fingerprint('1.36')).not.toBe(stamp);
    expect(fs.existsSync(path.join(COMPILED_DIR, V, `${DEPLOYMENT}.js`))).toBe(true);
  });

  // Validates a Deployment with a quoted replicas count in a fresh process; `prelude` runs first.
  function childRun(prelude: string): { atImport: boolean; afterValidation: boolean; issues: string[] } {
    const code = `${prelude}
      const { checkSchema } = require(${JSON.stringify(path.join(ROOT, 'build', 'lib', 'schema'))});
      const loaded = () => Object.keys(require.cache).some((f) => f.includes('/node_modules/ajv/') || f.endsWith('/schema/compile.js'));
      const atImport = loaded();
      const issues = checkSchema(${JSON.stringify({ ...deployment(), spec: { ...deployment().spec, replicas: '3' } })}, 'p', '${V}');
      console.log(JSON.stringify({ atImport, afterValidation: loaded(), issues: issues.map((i) => i.jsonPointer) }));`;
    return JSON.parse(execFileSync(process.execPath, ['-e', code], { cwd: ROOT }).toString());
  }

  test('importing and validating load neither ajv nor the compiler', () => {
    expect(childRun('')).toEqual({ atImport: false, afterValidation: false, issues: ['/spec/replicas'] });
  });

  test('without a matching stamp the validator is compiled in-process, with the same result', () => {
    const hideStamps = `
      const fs = require('fs');
      const read = fs.readFileSync;
      fs.readFileSync = (f, ...rest) => String(f).endsWith(${JSON.stringify(STAMP_FILE)}) ? 'stale' : read(f, ...rest);`;
    expect(childRun(hideStamps)).toEqual({ atImport: false, afterValidation: true, issues: ['/spec/replicas'] });
  });

  test('the in-process fallback (ajv compiled at run time) reports the same errors as the precompiled module', () => {
    const broken: Record<string, any> = deployment();
    broken.metadata.spec = {};
    broken.spec.selector = null;
    broken.spec.template.spec.containers[0].imagePullPolicy = 'always';
    broken.spec.template.spec.containers[0].ports[0].containerPort = 2 ** 40;
    const precompiled = require(path.join(COMPILED_DIR, V, `${DEPLOYMENT}.js`));
    const inProcess = compileValidator(V, DEPLOYMENT);
    expect(precompiled(broken)).toBe(false);
    expect(inProcess(broken)).toBe(false);
    expect(inProcess.errors).toEqual(precompiled.errors);
    expect(precompiled.errors.map((e: { keyword: string }) => e.keyword).sort()).toEqual(['additionalProperties', 'enum', 'format', 'nonNull']);
    expect(getVersionData(V).kinds['apps/v1/Deployment']).toBe(DEPLOYMENT);
  });
});
