/**
 * Include: existing manifests (a YAML or JSON file, YAML text, or parsed objects) as objects of the app. Each
 * document becomes an `IncludedObject`, a cdk8s ApiObject that renders the document exactly as read (every field,
 * unknown ones included, in the file's key order) plus what the user patches in. Synth validates it like any
 * other object and reports findings at the file and line of the offending field.
 *
 * Reading goes through the same splitter and parser as `kubeforge validate` (lib/validate), so a file is read
 * here exactly as the validator and kubectl read it (YAML 1.1 booleans, octal modes, List documents).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { INamespace, KubeObject } from '../lib/app/object';
import { groupKindOf, isClusterScopedBuiltin } from '../lib/app/scope';
import { ISourceLocated, SourceLocation } from '../lib/app/source';
import { fail } from '../lib/util/check';
import { KubeforgeError, showValue } from '../lib/util/errors';
import { DocumentLines } from '../lib/validate/lines';
import { ParsedDocument, parseJson, parseYamlStream } from '../lib/validate/parse';
import { isList } from '../lib/validate/validate';

export interface IncludeProps {
  /**
   * A YAML (multi-document, `List` documents included) or JSON file, relative to the working directory
   * (`kubeforge synth` runs the app in the project directory) or absolute. Findings name it as given here.
   * @default - none; exactly one of `path`, `yaml` and `objects` is required
   */
  readonly path?: string;
  /** YAML text, read like a file; findings name it "(inline YAML)". @default - none */
  readonly yaml?: string;
  /** Objects already parsed (they are copied, so later changes to them are not seen). @default - none */
  readonly objects?: readonly Record<string, any>[];
  /**
   * The namespace for namespaced objects that name none. An object's own `metadata.namespace` always wins.
   * @default - the chart's namespace, else none (kubectl's current namespace)
   */
  readonly namespace?: INamespace;
  /**
   * Custom kinds that are cluster-scoped (`Kind` or `group/Kind`), so that they never get a namespace. Built-in
   * kinds, and custom kinds whose CustomResourceDefinition is in the same Include, are known already.
   * @default - custom kinds are namespaced unless their CRD in this Include says `scope: Cluster`
   */
  readonly clusterScopedKinds?: readonly string[];
}

/** One document read by an Include, with where it came from. */
interface Document {
  readonly json: Record<string, any>;
  readonly location?: SourceLocation;
  /** "manifests/a.yaml:12" or "objects[3]", for construction errors. */
  readonly where: string;
}

type Edit = (obj: Record<string, any>) => Record<string, any>;

function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  return v === null ? 'null' : typeof v === 'string' ? 'a string' : `a ${typeof v}`;
}

/** An object read from a manifest. Patch it with `patch()`, `set()` or `addJsonPatch()`; nothing is dropped. */
export class IncludedObject extends ApiObject implements ISourceLocated {
  /** False for cluster-scoped kinds: they never get a namespace. */
  public readonly namespaced: boolean;
  /** The file and line it was read from (undefined for `objects`). */
  public readonly sourceLocation?: SourceLocation;
  private readonly document: Record<string, any>;
  private readonly edits: Edit[] = [];

  /** @internal Created by Include. */
  constructor(scope: Include, id: string, doc: Document, namespaced: boolean, namespace: string | undefined) {
    const md = isRecord(doc.json.metadata) ? doc.json.metadata : {};
    super(scope, id, {
      apiVersion: doc.json.apiVersion,
      kind: doc.json.kind,
      metadata: {
        // '' keeps cdk8s from generating a name: an object without one keeps none (generateName stays as is).
        name: typeof md.name === 'string' ? md.name : '',
        namespace: typeof md.namespace === 'string' ? md.namespace : namespace,
        labels: isRecord(md.labels) ? { ...md.labels } : undefined,
        annotations: isRecord(md.annotations) ? { ...md.annotations } : undefined,
      },
    });
    this.document = doc.json;
    this.namespaced = namespaced;
    this.sourceLocation = doc.location;
  }

  /** The object's namespace as it will be written (undefined: cluster-scoped, or kubectl's current one). */
  public get namespace(): string | undefined {
    return this.namespaced ? this.metadata.namespace || undefined : undefined;
  }

  /** RFC-6902 patches, applied at synth in call order with `patch()` and `set()`. */
  public addJsonPatch(...ops: JsonPatch[]): void {
    this.edits.push((obj) => JsonPatch.apply(obj, ...ops));
  }

  /**
   * Changes the rendered object in place (or returns a replacement): `obj.patch<Deployment>((d) => { d.spec.replicas = 3; })`.
   * Runs at synth, on a copy that holds every field of the document.
   */
  public patch<T extends object = Record<string, any>>(edit: (obj: T) => T | void): void {
    this.edits.push((obj) => (edit(obj as T) ?? obj) as Record<string, any>);
  }

  /**
   * Sets the field at a JSON pointer, creating missing objects on the way:
   * `set('/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu', 1)`.
   */
  public set(pointer: string, value: unknown): void {
    if (!pointer.startsWith('/')) fail(this, 'set() takes a JSON pointer', pointer, 'a pointer such as "/spec/replicas" (escape "/" in keys as ~1)', `write "/${pointer}"`, 'json-patch');
    const tokens = pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    this.edits.push((obj) => {
      let cur: any = obj;
      for (const [n, tok] of tokens.entries()) {
        const last = n === tokens.length - 1;
        const key = Array.isArray(cur) ? (tok === '-' ? cur.length : Number(tok)) : tok;
        if (Array.isArray(cur) && !(Number.isInteger(key) && (key as number) <= cur.length)) {
          throw new Error(`${pointer}: "${tok}" is not an index of the array at that point`);
        }
        if (last) cur[key] = value;
        else {
          if (cur[key] === undefined || cur[key] === null) cur[key] = {};
          if (typeof cur[key] !== 'object') throw new Error(`${pointer}: "${tok}" holds ${showValue(cur[key])}, not an object`);
          cur = cur[key];
        }
      }
      return obj;
    });
  }

  public toJson(): any {
    let obj = copyData(this.document);
    this.mergeMetadata(obj);
    for (const edit of this.edits) {
      try {
        obj = edit(obj);
      } catch (e) {
        throw new KubeforgeError({
          path: this.node.path,
          problem: `a patch could not be applied: ${(e as Error).message.split('\n')[0]}`,
          allowed: 'paths that exist in the object (JSON patch "add" creates the last field; set() creates every missing one)',
          fix: 'check the path against the file, or print the rendered object with kubeforge synth --stdout',
          ruleId: 'json-patch',
        });
      }
    }
    return obj;
  }

  /**
   * The metadata cdk8s holds (the document's labels and annotations plus the chart's labels and what the user
   * added through `metadata`) merged over the document's own, keeping its key order. Fields the document has in
   * a shape the validator will reject are left as they are, so the finding points at them.
   */
  private mergeMetadata(obj: Record<string, any>): void {
    if (obj.metadata !== undefined && !isRecord(obj.metadata)) return;
    let md: Record<string, any> = obj.metadata ?? {};
    const cdk: Record<string, any> = this.metadata.toJson();
    for (const [k, v] of Object.entries(cdk)) {
      if (k === 'name') continue; // always the document's own
      if (k === 'namespace') {
        // Right after the name, where people look for it.
        if (this.namespaced && md.namespace === undefined && v) md = 'name' in md ? insertAfter(md, 'name', 'namespace', v) : { namespace: v, ...md };
      } else if (k === 'labels' || k === 'annotations') {
        if (md[k] === undefined || isRecord(md[k])) md[k] = { ...md[k], ...v };
      } else if (k === 'finalizers' || k === 'ownerReferences') {
        if (md[k] === undefined || Array.isArray(md[k])) md[k] = [...(md[k] ?? []), ...v];
      } else md[k] = v;
    }
    if (Object.keys(md).length > 0 || obj.metadata !== undefined) obj.metadata = md;
  }
}

/** Imports existing manifests into a chart; see IncludeProps. */
export class Include extends Construct {
  private readonly included: IncludedObject[] = [];

  constructor(scope: Construct, id: string, props: IncludeProps = {}) {
    super(scope, id);
    const given = (['path', 'yaml', 'objects'] as const).filter((k) => props[k] !== undefined);
    if (given.length !== 1) {
      fail(this, given.length ? `only one source is allowed, got ${given.join(' and ')}` : 'nothing to include', given,
        'exactly one of path (a YAML or JSON file), yaml (text) and objects (parsed)', 'pass a single source; use one Include per file');
    }
    const docs = props.path !== undefined ? this.readFile(props.path) : props.yaml !== undefined ? this.parse('(inline YAML)', props.yaml, 'yaml') : this.fromObjects(props.objects!);
    docs.forEach((d) => this.checkDocument(d));

    const clusterScoped = new Set(props.clusterScopedKinds ?? []);
    for (const d of docs) {
      const spec = d.json.spec;
      if (d.json.kind === 'CustomResourceDefinition' && isRecord(spec) && spec.scope === 'Cluster' && isRecord(spec.names) && typeof spec.group === 'string') {
        clusterScoped.add(`${spec.group}/${spec.names.kind}`);
      }
    }
    const namespaceName = props.namespace?.name;
    if (props.namespace instanceof KubeObject) this.node.addDependency(props.namespace);
    const ids = new Set<string>();
    for (const d of docs) {
      const { apiVersion, kind } = d.json;
      const namespaced = !isClusterScopedBuiltin(apiVersion, kind) && !clusterScoped.has(kind) && !clusterScoped.has(groupKindOf(apiVersion, kind));
      this.included.push(new IncludedObject(this, uniqueId(d.json, ids), d, namespaced, namespaced ? namespaceName : undefined));
    }
  }

  /** Every included object, in file order. */
  public get objects(): readonly IncludedObject[] {
    return this.included;
  }

  /** The included object of this kind and name (and namespace, when several namespaces have one); throws if none. */
  public find(kind: string, name: string, namespace?: string): IncludedObject {
    const found = this.matches(kind, name, namespace);
    if (found.length === 1) return found[0];
    const have = this.included.map((o) => `${o.kind}/${o.name || '(no name)'}${o.namespace ? ` in ${o.namespace}` : ''}`);
    if (found.length === 0) {
      fail(this, `no included object is ${kind} "${name}"${namespace ? ` in namespace "${namespace}"` : ''}`, { kind, name, namespace },
        have.length ? `one of ${have.join(', ')}` : 'nothing: this Include has no objects', 'use the kind and metadata.name as the file spells them');
    }
    fail(this, `${found.length} included objects are ${kind} "${name}"`, { kind, name }, `one of the namespaces ${found.map((o) => o.namespace).join(', ')}`,
      'pass the namespace as the third argument of find()');
  }

  /** Like find(), but undefined when there is no such object. */
  public tryFind(kind: string, name: string, namespace?: string): IncludedObject | undefined {
    const found = this.matches(kind, name, namespace);
    return found.length === 1 ? found[0] : undefined;
  }

  private matches(kind: string, name: string, namespace?: string): IncludedObject[] {
    return this.included.filter((o) => o.kind === kind && o.name === name && (namespace === undefined || o.namespace === namespace));
  }

  private readFile(file: string): Document[] {
    const abs = path.resolve(file);
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      fail(this, `cannot read ${file} (${abs}): ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`, file,
        'a readable YAML or JSON file, relative to the working directory or absolute', 'check the path (one Include per file)', 'io');
    }
    return this.parse(file, text, file.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  }

  private parse(file: string, text: string, format: 'yaml' | 'json'): Document[] {
    const parsed = format === 'json' ? parseJson(file, text) : parseYamlStream(file, text);
    const bad = parsed.errors[0];
    if (bad) {
      throw new KubeforgeError({ path: this.node.path, problem: `${bad.file}:${bad.line}:${bad.column}: ${bad.message}`, fix: bad.fix, ruleId: 'parse' });
    }
    return parsed.documents.flatMap((doc) => this.documentsOf(file, doc));
  }

  /** One document: an object, a List of objects, or empty (skipped, as kubectl does). */
  private documentsOf(file: string, doc: ParsedDocument): Document[] {
    const { value, chunk } = doc;
    if (value === null || value === undefined) return [];
    const lines = new DocumentLines(chunk, value);
    const at = (line: number, prefix: string): SourceLocation => ({ file, line, lineOf: (p) => lines.lineOf(prefix + p) });
    if (!isRecord(value)) this.notAnObject(`${file}:${chunk.firstLine}`, 'document', value);
    if (!isList(value)) return [{ json: value, location: at(chunk.firstLine, ''), where: `${file}:${chunk.firstLine}` }];
    const items: unknown[] = value.items;
    const itemLines = items.length ? lines.entryLines('/items', items.length) : undefined;
    return items.map((item, n) => {
      const line = itemLines?.[n] ?? chunk.firstLine;
      if (!isRecord(item)) this.notAnObject(`${file}:${line}`, `List item ${n}`, item);
      return { json: item, location: at(line, `/items/${n}`), where: `${file}:${line}` };
    });
  }

  private fromObjects(objects: readonly Record<string, any>[]): Document[] {
    return objects.map((o, n) => {
      if (!isRecord(o)) this.notAnObject(`objects[${n}]`, 'entry', o);
      const json = copyData(o, (problem) =>
        fail(this, `objects[${n}]${problem}`, undefined, 'plain data (objects, arrays, strings, numbers, booleans, null)', 'pass the parsed manifest, not class instances, functions or cycles'));
      return { json, where: `objects[${n}]` };
    });
  }

  private notAnObject(where: string, what: string, value: unknown): never {
    fail(this, `${where}: the ${what} is ${describe(value)}, not a Kubernetes object`, value,
      'a mapping with apiVersion, kind and metadata', 'remove the fragment, or indent it under the field it belongs to', 'not-an-object');
  }

  private checkDocument(d: Document): void {
    const { apiVersion, kind } = d.json;
    if (typeof kind !== 'string' || kind === '') {
      fail(this, `${d.where}: the object has no kind`, kind ?? null, 'a kind such as "Deployment"', 'add kind: (and apiVersion:) to the object', 'not-an-object');
    }
    if (typeof apiVersion !== 'string' || !/^([a-z0-9.-]+\/)?[a-z0-9]+$/.test(apiVersion)) {
      fail(this, `${d.where}: ${kind} has ${apiVersion === undefined ? 'no apiVersion' : 'an invalid apiVersion'}`, apiVersion ?? null,
        'version or group/version, e.g. "v1" or "apps/v1"', `add the apiVersion of ${kind} (kubectl explain ${kind.toLowerCase()} shows it)`, 'not-an-object');
    }
  }
}

/** A construct id from kind, namespace and name; documents that repeat one get a -2, -3 suffix (duplicate-object reports them). */
function uniqueId(json: Record<string, any>, ids: Set<string>): string {
  const md = isRecord(json.metadata) ? json.metadata : {};
  const name = typeof md.name === 'string' && md.name ? md.name : typeof md.generateName === 'string' && md.generateName ? md.generateName : 'unnamed';
  const base = [json.kind, typeof md.namespace === 'string' ? md.namespace : undefined, name].filter(Boolean).join('-').replace(/\//g, '-');
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  ids.add(id);
  return id;
}

function insertAfter(o: Record<string, any>, after: string, key: string, value: unknown): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(o)) {
    out[k] = v;
    if (k === after) out[key] = value;
  }
  return out;
}

/**
 * A deep copy of JSON-like data. Not structuredClone: its objects come from Node's own realm, which jest's
 * sandbox (and the YAML emitter's plain-object check) do not take for plain objects.
 */
function copyData(v: any, bad: (problem: string) => never = (p) => { throw new Error(p); }, at = '', depth = 0): any {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') bad(`${at} is a ${typeof v}`);
    return v;
  }
  if (depth > 100) bad(`${at} is nested more than 100 levels deep (a cycle?)`);
  if (Array.isArray(v)) return v.map((x, i) => copyData(x, bad, `${at}[${i}]`, depth + 1));
  const proto = Object.getPrototypeOf(v);
  if (proto !== null && proto.constructor?.name !== 'Object') bad(`${at} is a ${proto.constructor?.name ?? 'class instance'}`);
  const out: Record<string, any> = {};
  for (const k of Object.keys(v)) out[k] = copyData(v[k], bad, `${at}.${k}`, depth + 1);
  return out;
}
