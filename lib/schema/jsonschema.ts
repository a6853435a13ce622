/**
 * Turns the compact schema of one Kubernetes minor into the JSON Schema that ajv compiles, with the API server's
 * decoding rules spelt out as plain keywords:
 * - null means unset: every typed node is `nullable`, every enum also allows null;
 * - a required field that is null counts as missing: its property gets the keyword `nonNull` (compile.ts);
 * - strict decoding: closed objects get `additionalProperties: false` (maps and preserve-unknown-fields stay open);
 * - IntOrString becomes `integer | string`; an empty string passes an enum (the API server defaults it).
 * The output keeps the compact tree's shape (properties, items, additionalProperties), so an error's instance path
 * can be looked up in the compact data again to word the issue.
 */
import { SchemaNode } from './data';
import { AJV_FORMATS } from './formats';

/** The formats checked; the spec's others (e.g. "double") carry no rule. */
const CHECKED_FORMATS: ReadonlySet<string> = new Set(Object.keys(AJV_FORMATS));

/** The keyword (defined in compile.ts) that rejects null where a required field's property schema is. */
export const NON_NULL = 'nonNull';

export type JsonSchema = { [keyword: string]: unknown };

/** The root document: every definition of the minor, addressed as `#/definitions/<name>`. */
export function toJsonSchema(id: string, defs: Readonly<Record<string, SchemaNode>>): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const [name, node] of Object.entries(defs)) definitions[name] = convert(node);
  return { $id: id, definitions };
}

export function definitionRef(id: string, defName: string): string {
  return `${id}#/definitions/${defName}`;
}

function convert(node: SchemaNode): JsonSchema {
  if (node.$ref) return { $ref: `#/definitions/${node.$ref}` };
  if (node['x-kubernetes-int-or-string']) return { type: ['integer', 'string'], nullable: true };
  const out: JsonSchema = {};
  // ajv's OpenAPI `nullable` keeps `type` a single string, which its generated code inlines as a literal.
  if (node.type !== undefined) Object.assign(out, { type: node.type, nullable: true });
  if (node.format && CHECKED_FORMATS.has(node.format)) out.format = node.format;
  if (node.enum) out.enum = [...node.enum, '', null];
  const props = node.properties;
  if (props) {
    const properties: Record<string, JsonSchema> = {};
    for (const [key, child] of Object.entries(props)) properties[key] = convert(child);
    for (const r of node.required ?? []) if (properties[r]) properties[r] = { ...properties[r], [NON_NULL]: true };
    out.properties = properties;
  }
  if (node.required?.length) out.required = [...node.required];
  const extra = node.additionalProperties;
  if (typeof extra === 'object') out.additionalProperties = convert(extra);
  else if (isClosed(node)) out.additionalProperties = false;
  if (node.items) out.items = convert(node.items);
  return out;
}

/** Whether unknown keys are errors: an object with known fields, unless it preserves unknown fields or is a map. */
export function isClosed(node: SchemaNode): boolean {
  if (node['x-kubernetes-preserve-unknown-fields'] === true) return false;
  const extra = node.additionalProperties;
  return extra === false || (extra === undefined && node.properties !== undefined);
}
