/**
 * Turns ajv's error objects into kubeforge issues. ajv says where (instance path) and which keyword failed; the
 * wording comes from the compact schema found again along that path (type names, allowed fields and values),
 * so the messages and fixes name the Kubernetes types, not JSON Schema internals.
 */
import type { ErrorObject } from 'ajv';
import { Issue, showValue } from '../util/errors';
import { pointerToken } from '../rules/types';
import { SchemaNode } from './data';
import { formatProblem } from './formats';

/** At most this many issues per object, so a garbage document cannot flood a report. */
export const MAX_ISSUES_PER_OBJECT = 50;

export class IssueSink {
  public readonly issues: Issue[] = [];
  // Created with the first issue: most objects have none.
  private pointers: Set<string> | undefined;
  private truncated = false;
  constructor(private readonly path: string) {}

  /** Records one issue per pointer; later ones for the same pointer are the same problem seen again. */
  public add(ruleId: string, jsonPointer: string, message: string, fix: string): void {
    this.pointers ??= new Set();
    if (this.pointers.has(jsonPointer)) return;
    if (this.issues.length >= MAX_ISSUES_PER_OBJECT) {
      this.truncated = true;
      return;
    }
    this.pointers.add(jsonPointer);
    this.issues.push({ ruleId, severity: 'error', message, fix, constructPath: this.path, jsonPointer });
  }

  public finish(): Issue[] {
    if (this.truncated) {
      this.issues.push({
        ruleId: 'schema',
        severity: 'error',
        message: `more than ${MAX_ISSUES_PER_OBJECT} schema problems in this object; the rest are not listed`,
        fix: 'fix the listed problems first; the object is probably not the kind its apiVersion/kind claim',
        constructPath: this.path,
        jsonPointer: '',
      });
    }
    return this.issues;
  }
}

/** The schema at one point of the instance path. */
interface Step {
  readonly node: SchemaNode;
  /** The definition's short name when the node was reached through a $ref, e.g. "ObjectMeta". */
  readonly typeName?: string;
  /** The object schema whose property this is (undefined for list items and map values). */
  readonly holder?: SchemaNode;
}

/**
 * Records `errors` (from validating `obj` against definition `rootDef`) as issues, in document order: ajv reports
 * in schema order, but a reader (and the per-object cap) should meet problems in the order of the manifest.
 */
export function addSchemaErrors(sink: IssueSink, errors: readonly ErrorObject[], obj: unknown, defs: Readonly<Record<string, SchemaNode>>, rootDef: string): void {
  const located = errors.map((e) => {
    const tokens = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map(unescapeToken);
    return { e, tokens, order: documentOrder(obj, e, tokens) };
  });
  located.sort((a, b) => compareOrder(a.order, b.order));
  for (const { e, tokens } of located) {
    const value = valueAt(obj, tokens);
    if (isUnset(e, value)) continue;
    const steps = locate(defs, rootDef, tokens);
    const here = steps[steps.length - 1];
    switch (e.keyword) {
      case 'type':
        if (typeof value === 'bigint') bigintIssue(sink, e.instancePath, tokens, here.node, value);
        else typeIssue(sink, e.instancePath, tokens, here.node, value);
        break;
      case 'format': {
        const p = formatProblem(String(e.params.format), value);
        if (p) sink.add('schema', e.instancePath, `field ${label(tokens)} is ${showValue(value)}, which is not valid (allowed: ${p.allowed})`, p.fix);
        break;
      }
      case 'enum': {
        const allowed = (here.node.enum ?? []).join(', ');
        sink.add('schema', e.instancePath, `field ${label(tokens)} is ${showValue(value)}, which is not an allowed value (allowed: ${allowed})`, `use one of ${allowed} (values are case-sensitive)`);
        break;
      }
      case 'required':
        requiredIssue(sink, tokens, here.typeName, String(e.params.missingProperty), 'is missing');
        break;
      case 'nonNull':
        requiredIssue(sink, tokens.slice(0, -1), steps[steps.length - 2].typeName, tokens[tokens.length - 1], 'is null');
        break;
      case 'additionalProperties':
        unknownField(sink, tokens, here, String(e.params.additionalProperty), defs);
        break;
      default:
        sink.add('schema', e.instancePath, `field ${label(tokens)} breaks the schema rule "${e.keyword}"`, 'check the field against the Kubernetes API reference');
    }
  }
}

/**
 * An undefined value is not written to the manifest (a key holding it is left out, a list item becomes null), so
 * it is unset, like null; ajv, a JSON validator, still checks it as a value in maps, lists and unknown keys.
 */
function isUnset(e: ErrorObject, value: unknown): boolean {
  if (e.keyword === 'additionalProperties') {
    return value !== null && typeof value === 'object' && (value as Record<string, unknown>)[String(e.params.additionalProperty)] === undefined;
  }
  return value === undefined && e.keyword !== 'required';
}

/**
 * Where an error's issue sits in the manifest: per level, the key's position in its object (or the list index).
 * A missing or null required field comes after the fields that are there, as a reader checks them last.
 */
function documentOrder(obj: unknown, e: ErrorObject, tokens: readonly string[]): number[] {
  const order: number[] = [];
  let v = obj;
  for (const t of tokens) {
    order.push(Array.isArray(v) ? Number(t) : v !== null && typeof v === 'object' ? Object.keys(v).indexOf(t) : 0);
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[t] : undefined;
  }
  if (e.keyword === 'required') order.push(Infinity);
  else if (e.keyword === 'nonNull') order[order.length - 1] = Infinity;
  else if (e.keyword === 'additionalProperties' && v !== null && typeof v === 'object') {
    order.push(Object.keys(v).indexOf(String(e.params.additionalProperty)));
  }
  return order;
}

/** Lexicographic; a value comes before what is inside it. */
function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The schema nodes along `tokens`, from the root definition down; an unknown step yields an empty schema. */
function locate(defs: Readonly<Record<string, SchemaNode>>, rootDef: string, tokens: readonly string[]): Step[] {
  const steps: Step[] = [resolve(defs, { $ref: rootDef }, undefined)];
  for (const token of tokens) {
    const { node } = steps[steps.length - 1];
    const prop = ownProperty(node, token);
    if (prop) steps.push(resolve(defs, prop, node));
    else if (typeof node.additionalProperties === 'object') steps.push(resolve(defs, node.additionalProperties, undefined));
    else steps.push(resolve(defs, node.items ?? {}, undefined));
  }
  return steps;
}

/** A declared property; not one Object.prototype lends (a field named "toString" is unknown, not a method). */
function ownProperty(node: SchemaNode, key: string): SchemaNode | undefined {
  return node.properties && Object.prototype.hasOwnProperty.call(node.properties, key) ? node.properties[key] : undefined;
}

function resolve(defs: Readonly<Record<string, SchemaNode>>, node: SchemaNode, holder: SchemaNode | undefined): Step {
  let typeName: string | undefined;
  while (node.$ref) {
    typeName = node.$ref.slice(node.$ref.lastIndexOf('.') + 1);
    node = defs[node.$ref] ?? {};
  }
  return { node, typeName, holder };
}

function typeIssue(sink: IssueSink, pointer: string, tokens: readonly string[], node: SchemaNode, value: unknown): void {
  let want: string;
  let fix: string;
  if (node['x-kubernetes-int-or-string']) {
    want = 'an integer or a string';
    fix = typeof value === 'number' ? `use a whole number (e.g. ${Math.round(value)}) or a name` : 'use a whole number or a name, e.g. 8080 or "http"';
  } else {
    const types = typeof node.type === 'string' ? [node.type] : [...(node.type ?? [])];
    want = types.map((t) => describeType(t, node.format)).join(' or ');
    fix = fixFor(value, types[0]);
  }
  sink.add('schema', pointer, `field ${label(tokens)} must be ${want}, got ${showValue(value)} (${jsonType(value)})`, fix);
}

/**
 * An integer the reader kept exact as a bigint (beyond 2^53): ajv's type check knows only numbers, so the integer
 * fields are checked here, against the field's int32/int64 format (an int-or-string holds an int32).
 */
function bigintIssue(sink: IssueSink, pointer: string, tokens: readonly string[], node: SchemaNode, value: bigint): void {
  const types = typeof node.type === 'string' ? [node.type] : [...(node.type ?? [])];
  const format = node['x-kubernetes-int-or-string'] ? 'int32' : node.format;
  if (!node['x-kubernetes-int-or-string'] && !types.includes('integer') && !types.includes('number')) {
    typeIssue(sink, pointer, tokens, node, value);
    return;
  }
  const p = format === 'int32' || format === 'int64' ? formatProblem(format, value) : undefined;
  if (p) sink.add('schema', pointer, `field ${label(tokens)} is ${String(value)}, which is not valid (allowed: ${p.allowed})`, p.fix);
}

function requiredIssue(sink: IssueSink, parent: readonly string[], typeName: string | undefined, field: string, state: string): void {
  const under = parent.length ? ` under ${label(parent)}` : '';
  sink.add('schema', toPointer([...parent, field]), `required field "${field}" of ${typeName ?? 'this object'} ${state}`, `set "${field}"${under}`);
}

function unknownField(sink: IssueSink, tokens: readonly string[], here: Step, key: string, defs: Readonly<Record<string, SchemaNode>>): void {
  const allowed = Object.keys(here.node.properties ?? {});
  const list = allowed.length > 20 ? `${allowed.slice(0, 20).join(', ')}, ...` : allowed.join(', ');
  const near = closest(key, allowed);
  let fix: string;
  if (here.holder && ownProperty(resolve(defs, here.holder, undefined).node, key)) {
    fix = `"${key}" belongs one level up: move it out of "${tokens[tokens.length - 1]}" (unindent it by one level)`;
  } else if (near) fix = `did you mean "${near}"? Field names are case-sensitive`;
  else fix = `remove "${key}" or check its indentation; the API server rejects unknown fields`;
  sink.add('unknown-field', toPointer([...tokens, key]), `"${key}" is not a field of ${here.typeName ?? 'this object'} (allowed: ${list || 'no fields'})`, fix);
}

function unescapeToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

function toPointer(tokens: readonly string[]): string {
  return tokens.map((t) => '/' + pointerToken(t)).join('');
}

function valueAt(obj: unknown, tokens: readonly string[]): unknown {
  let v = obj;
  for (const t of tokens) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[t] : undefined;
  return v;
}

/** `"replicas"`; list items are named after their list: `"ports[0]"`. */
function label(tokens: readonly string[]): string {
  let i = tokens.length - 1;
  let suffix = '';
  while (i > 0 && /^\d+$/.test(tokens[i])) suffix = `[${tokens[i--]}]` + suffix;
  return i >= 0 ? `"${tokens[i]}${suffix}"` : 'the object';
}

function describeType(t: string, format?: string): string {
  const article = t === 'integer' || t === 'array' || t === 'object' ? 'an' : 'a';
  const noun = t === 'object' ? 'object (a mapping)' : t === 'array' ? 'array (a list)' : t;
  return `${article} ${noun}${format && (t === 'integer' || t === 'number') ? ` (${format})` : ''}`;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number' || typeof v === 'bigint') return Number.isInteger(Number(v)) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}

/** The fix for a value of the wrong type: the usual cause is YAML quoting. */
function fixFor(v: unknown, want: string): string {
  if (typeof v === 'string' && (want === 'integer' || want === 'number') && v.trim() !== '' && Number.isFinite(Number(v))) {
    return `write the number without quotes: ${v.trim()}`;
  }
  if (want === 'string' && (typeof v === 'number' || typeof v === 'boolean')) return `quote the value: "${String(v)}"`;
  if (want === 'array') return 'write a list (each item on its own "- " line)';
  if (want === 'object') return 'write a mapping of fields (key: value), not a scalar or a list';
  if (want === 'integer' && typeof v === 'number') return `use a whole number, e.g. ${Math.round(v)}`;
  return 'give a value of the type the field expects';
}

/** A known field the unknown one is probably a misspelling of (same letters ignoring case, or one edit away). */
function closest(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const same = allowed.find((a) => a.toLowerCase() === lower);
  if (same) return same;
  return allowed.find((a) => Math.abs(a.length - key.length) <= 1 && editDistanceAtMostOne(a.toLowerCase(), lower));
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
