import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compileValidator, dropUnusedSchemas } from '../../lib/schema/compile';
import { getVersionData, SchemaNode } from '../../lib/schema/data';
import { definitionSchema, NON_NULL, reachableSchemas, REF } from '../../lib/schema/jsonschema';
import { COMPILED_DIR, fingerprint, getValidator, indexFile, MODULES_DIR, moduleName } from '../../lib/schema/validators';
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
        owner: { $ref: 'Owner' },
        parts: { type: 'array', items: { $ref: 'Thing' }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
      },
    },
    IntOrString: { 'x-kubernetes-int-or-string': true },
    Owner: {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' }, d: { type: 'string' }, e: { type: 'string' }, f: { type: 'string' }, g: { type: 'string' }, h: { type: 'string' } },
    },
  };
  const thing = definitionSchema(defs, 'Thing') as Record<string, any>;

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

  test('small definitions without references are inlined (IntOrString is an integer or a string); others are referenced by name', () => {
    expect(thing.properties.port).toEqual({ type: ['integer', 'string'], format: 'int32', nullable: true });
    expect(thing.properties.owner).toEqual({ [REF]: 'Owner' });
    expect(thing.properties.parts.items).toEqual({ [REF]: 'Thing' });
    expect([...reachableSchemas(defs, ['Thing']).keys()].sort()).toEqual(['Owner', 'Thing']);
  });

  test('server-side apply list markers stay out of the schema ajv compiles', () => {
    expect(thing.properties.parts).toEqual({ type: 'array', nullable: true, items: { [REF]: 'Thing' } });
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

  test('each minor has an index of definition modules, stamped with the fingerprint of its data, generator and ajv version', () => {
    const index = JSON.parse(fs.readFileSync(indexFile(V), 'utf8'));
    expect(index.fingerprint).toBe(fingerprint(V));
    expect(fingerprint('1.36')).not.toBe(index.fingerprint);
    expect(fs.existsSync(path.join(MODULES_DIR, `${index.defs[DEPLOYMENT]}.js`))).toBe(true);
    expect(index.defs[DEPLOYMENT]).toBe(moduleName(JSON.stringify(definitionSchema(getVersionData(V).defs, DEPLOYMENT))));
  });

  test('a definition that is the same in two minors is stored once', () => {
    const older = JSON.parse(fs.readFileSync(indexFile('1.36'), 'utf8')).defs;
    const newer = JSON.parse(fs.readFileSync(indexFile(V), 'utf8')).defs;
    const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
    expect(older[OBJECT_META]).toBe(newer[OBJECT_META]);
    // PodSpec gains fields in every minor.
    expect(older['io.k8s.api.core.v1.PodSpec']).not.toBe(newer['io.k8s.api.core.v1.PodSpec']);
    const all = new Set(fs.readdirSync(MODULES_DIR));
    expect(all.size).toBeLessThan(Object.keys(older).length + Object.keys(newer).length);
  });

  test('the rebuild is incremental: nothing is generated when nothing changed', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'schema', 'precompile.js')], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^schema validators up to date: \d+ modules/);
    expect(run.stderr).not.toMatch(/new/);
    expect(fs.existsSync(path.join(COMPILED_DIR, V))).toBe(false);
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
      fs.readFileSync = (f, ...rest) => String(f).endsWith(${JSON.stringify(`${V}.json`)}) && String(f).includes('compiled') ? '{"fingerprint":"stale","defs":{}}' : read(f, ...rest);`;
    expect(childRun(hideStamps)).toEqual({ atImport: false, afterValidation: true, issues: ['/spec/replicas'] });
  });

  test('a module missing from the build folder is compiled in-process instead', () => {
    const hideModules = `
      const fs = require('fs');
      const read = fs.readFileSync;
      fs.readFileSync = (f, ...rest) => { if (String(f).includes('/compiled/defs/')) throw new Error('ENOENT'); return read(f, ...rest); };`;
    expect(childRun(hideModules)).toEqual({ atImport: false, afterValidation: true, issues: ['/spec/replicas'] });
  });

  test('the in-process fallback (ajv compiled at run time) reports the same errors as the precompiled module', () => {
    const broken: Record<string, any> = deployment();
    broken.metadata.spec = {};
    broken.spec.selector = null;
    broken.spec.template.spec.containers[0].imagePullPolicy = 'always';
    broken.spec.template.spec.containers[0].ports[0].containerPort = 2 ** 40;
    const precompiled = getValidator(V, DEPLOYMENT);
    // Every definition compiled in this process, found on first use as validators.ts does it.
    const compiled = new Map<string, any>();
    const resolve = (name: string): { v: (data: unknown, cxt?: unknown) => boolean } => {
      const holder = {
        v: (data: unknown, cxt?: unknown): boolean => {
          if (!compiled.has(name)) compiled.set(name, compileValidator(V, name, resolve));
          holder.v = compiled.get(name);
          return holder.v(data, cxt);
        },
      };
      return holder;
    };
    const inProcess = compileValidator(V, DEPLOYMENT, resolve);
    expect(precompiled(broken)).toBe(false);
    expect(inProcess(broken)).toBe(false);
    expect(inProcess.errors).toEqual(precompiled.errors);
    expect((precompiled.errors ?? []).map((e: { keyword: string }) => e.keyword).sort()).toEqual(['additionalProperties', 'enum', 'format', 'nonNull']);
    expect(getVersionData(V).kinds['apps/v1/Deployment']).toBe(DEPLOYMENT);
  });
});
