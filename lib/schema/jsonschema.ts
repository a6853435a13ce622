/**
 * Turns the compact schema of one Kubernetes minor into the JSON Schema that ajv compiles, with the API server's
 * decoding rules spelt out as plain keywords:
 * - null means unset: every typed node is `nullable`, every enum also allows null;
 * - a required field that is null counts as missing: its property gets the keyword `nonNull` (compile.ts);
 * - strict decoding: closed objects get `additionalProperties: false` (maps and preserve-unknown-fields stay open);
 * - IntOrString becomes `integer | string` (an int32 when an integer); an empty string passes an enum (the API
 *   server defaults it).
 * The output keeps the compact tree's shape (properties, items, additionalProperties), so an error's instance path
 * can be looked up in the compact data again to word the issue.
 *
 * Each definition is compiled on its own (one module per definition, shared by every minor whose definition is the
 * same, see validators.ts): a reference to another definition becomes the keyword `kfRef` naming it (compile.ts
 * turns it into a call of that definition's validator), except small definitions without references of their own
 * (Time, Quantity, IntOrString...), which are inlined as ajv would inline them.
 */
import { SchemaNode } from './data';
import { AJV_FORMATS } from './formats';

/** The formats checked; the spec's others (e.g. "double") carry no rule. */
const CHECKED_FORMATS: ReadonlySet<string> = new Set(Object.keys(AJV_FORMATS));

/** The keyword (defined in compile.ts) that rejects null where a required field's property schema is. */
export const NON_NULL = 'nonNull';

export type JsonSchema = { [keyword: string]: unknown };

/** The keyword (defined in compile.ts) that validates the data with another definition's validator. */
export const REF = 'kfRef';

type Defs = Readonly<Record<string, SchemaNode>>;

/** Definitions up to this many schema nodes, without references, are inlined where they are used. */
const INLINE_NODES = 8;

/** The JSON Schema of one definition, on its own: other definitions are `{kfRef: name}` or inlined. */
export function definitionSchema(defs: Defs, name: string): JsonSchema {
  const node = defs[name];
  if (!node) throw new Error(`no definition ${name}`);
  return convert(defs, node);
}

/**
 * The JSON Schemas of `roots` and of every definition they reach through kfRef: name -> schema, the modules
 * one minor needs.
 */
export function reachableSchemas(defs: Defs, roots: Iterable<string>): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  const todo = [...roots];
  while (todo.length > 0) {
    const name = todo.pop() as string;
    if (out.has(name)) continue;
    const schema = definitionSchema(defs, name);
    out.set(name, schema);
    collectRefs(schema, todo);
  }
  return out;
}

function collectRefs(schema: unknown, into: string[]): void {
  if (schema === null || typeof schema !== 'object') return;
  const s = schema as JsonSchema;
  if (typeof s[REF] === 'string') into.push(s[REF] as string);
  for (const v of Object.values(s)) if (v !== null && typeof v === 'object') collectRefs(v, into);
}

const inlinable = new WeakMap<SchemaNode, boolean>();

/** Small and without references: cheaper inlined than called. */
function isInlinable(node: SchemaNode): boolean {
  let ok = inlinable.get(node);
  if (ok === undefined) {
    let count = 0;
    const visit = (n: SchemaNode): boolean => {
      if (n.$ref !== undefined || ++count > INLINE_NODES) return false;
      for (const child of Object.values(n.properties ?? {})) if (!visit(child)) return false;
      if (n.items && !visit(n.items)) return false;
      return typeof n.additionalProperties !== 'object' || visit(n.additionalProperties);
    };
    ok = visit(node);
    inlinable.set(node, ok);
  }
  return ok;
}

function convert(defs: Defs, node: SchemaNode): JsonSchema {
  if (node.$ref) {
    const target = defs[node.$ref];
    if (target && isInlinable(target)) return convert(defs, target);
    return { [REF]: node.$ref };
  }
  // The API server decodes the integer of an IntOrString into an int32.
  if (node['x-kubernetes-int-or-string']) return { type: ['integer', 'string'], format: 'int32', nullable: true };
  const out: JsonSchema = {};
  // ajv's OpenAPI `nullable` keeps `type` a single string, which its generated code inlines as a literal.
  if (node.type !== undefined) Object.assign(out, { type: node.type, nullable: true });
  if (node.format && CHECKED_FORMATS.has(node.format)) out.format = node.format;
  if (node.enum) out.enum = [...node.enum, '', null];
  const props = node.properties;
  if (props) {
    const properties: Record<string, JsonSchema> = {};
    for (const [key, child] of Object.entries(props)) properties[key] = convert(defs, child);
    for (const r of node.required ?? []) if (properties[r]) properties[r] = { ...properties[r], [NON_NULL]: true };
    out.properties = properties;
  }
  if (node.required?.length) out.required = [...node.required];
  const extra = node.additionalProperties;
  if (typeof extra === 'object') out.additionalProperties = convert(defs, extra);
  else if (isClosed(node)) out.additionalProperties = false;
  if (node.items) out.items = convert(defs, node.items);
  return out;
}

/** Whether unknown keys are errors: an object with known fields, unless it preserves unknown fields or is a map. */
export function isClosed(node: SchemaNode): boolean {
  if (node['x-kubernetes-preserve-unknown-fields'] === true) return false;
  const extra = node.additionalProperties;
  return extra === false || (extra === undefined && node.properties !== undefined);
}
