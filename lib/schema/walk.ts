/**
 * Validates one object against the compact schema of its kind the way the API server decodes it: strict
 * (unknown fields are errors, except in maps and preserve-unknown-fields subtrees), null-aware (null means
 * unset), with the spec's formats, enums and required fields. A direct walk of the data, nothing compiled, so
 * the first object costs no more than the next one. The caller's object is only read.
 */
import { Issue, showValue } from '../util/errors';
import { pointerToken } from '../rules/types';
import { SchemaNode } from './data';
import { formatProblem } from './formats';

/** At most this many issues per object, so a garbage document cannot flood a report. */
export const MAX_ISSUES_PER_OBJECT = 50;

export class IssueSink {
  public readonly issues: Issue[] = [];
  private readonly pointers = new Set<string>();
  private truncated = false;
  constructor(private readonly path: string) {}

  /** Records one issue per pointer; later ones for the same pointer are the same problem seen again. */
  public add(ruleId: string, jsonPointer: string, message: string, fix: string): void {
    if (this.pointers.has(jsonPointer)) return;
    if (this.issues.length >= MAX_ISSUES_PER_OBJECT) {
      this.truncated = true;
      return;
    }
    this.pointers.add(jsonPointer);
    this.issues.push({ ruleId, severity: 'error', message, fix, constructPath: this.path, jsonPointer });
  }

  public get full(): boolean {
    return this.issues.length >= MAX_ISSUES_PER_OBJECT;
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

export class Walker {
  // The pointer of the value being checked, as unescaped tokens; the string is built only for an issue.
  private readonly tokens: string[] = [];
  // holders[i]: the schema of the object that holds tokens[i] (undefined in lists), for unknown-field hints.
  private readonly holders: (SchemaNode | undefined)[] = [];

  constructor(
    private readonly defs: Readonly<Record<string, SchemaNode>>,
    private readonly sink: IssueSink,
  ) {}

  /** Checks `value`, found at the current pointer, against `schema`. */
  public check(value: unknown, schema: SchemaNode): void {
    if (value === null || value === undefined || this.sink.full) return;
    let node = schema;
    let typeName: string | undefined;
    while (node.$ref) {
      typeName = node.$ref.slice(node.$ref.lastIndexOf('.') + 1);
      node = this.defs[node.$ref] ?? {};
    }
    if (node['x-kubernetes-int-or-string']) {
      if (!(typeof value === 'string' || Number.isInteger(value))) {
        const fix = typeof value === 'number' ? `use a whole number (e.g. ${Math.round(value)}) or a name` : 'use a whole number or a name, e.g. 8080 or "http"';
        this.typeError(value, 'an integer or a string', fix);
      }
      return;
    }
    const type = node.type;
    if (type !== undefined && !(typeof type === 'string' ? hasType(value, type) : type.some((t) => hasType(value, t)))) {
      const types = typeof type === 'string' ? [type] : type;
      const want = types.map((t) => describeType(t, node.format)).join(' or ');
      this.typeError(value, want, fixFor(value, types[0]));
      return;
    }
    if (node.format) {
      const p = formatProblem(node.format, value);
      if (p) this.add('schema', `field ${this.label()} is ${showValue(value)}, which is not valid (allowed: ${p.allowed})`, p.fix);
    }
    if (node.enum && typeof value === 'string' && value !== '' && !node.enum.includes(value)) {
      const allowed = node.enum.join(', ');
      this.add('schema', `field ${this.label()} is ${showValue(value)}, which is not an allowed value (allowed: ${allowed})`, `use one of ${allowed} (values are case-sensitive)`);
    }
    if (Array.isArray(value)) {
      if (node.items) {
        for (let i = 0; i < value.length; i++) this.child(String(i), undefined, value[i], node.items);
      }
      return;
    }
    if (typeof value === 'object') this.checkObject(value as Record<string, unknown>, node, typeName);
  }

  private child(token: string, holder: SchemaNode | undefined, value: unknown, schema: SchemaNode): void {
    this.tokens.push(token);
    this.holders.push(holder);
    this.check(value, schema);
    this.tokens.pop();
    this.holders.pop();
  }

  private checkObject(obj: Record<string, unknown>, node: SchemaNode, typeName: string | undefined): void {
    const props = node.properties;
    const extra = node.additionalProperties;
    const open = node['x-kubernetes-preserve-unknown-fields'] === true || (!props && extra === undefined) || extra === true;
    for (const key in obj) {
      const known = props?.[key];
      if (known) this.child(key, node, obj[key], known);
      else if (typeof extra === 'object') this.child(key, undefined, obj[key], extra);
      else if (!open) this.unknownField(key, node, typeName);
    }
    for (const r of node.required ?? []) {
      if (obj[r] === undefined || obj[r] === null) {
        const state = obj[r] === null ? 'is null' : 'is missing';
        const under = this.tokens.length ? ` under ${this.label()}` : '';
        this.tokens.push(r);
        this.add('schema', `required field "${r}" of ${typeName ?? 'this object'} ${state}`, `set "${r}"${under}`);
        this.tokens.pop();
      }
    }
  }

  private unknownField(key: string, node: SchemaNode, typeName: string | undefined): void {
    const allowed = Object.keys(node.properties ?? {});
    const list = allowed.length > 20 ? `${allowed.slice(0, 20).join(', ')}, ...` : allowed.join(', ');
    const depth = this.tokens.length;
    const holder = depth > 0 ? this.holders[depth - 1] : undefined;
    const ownKey = this.tokens[depth - 1];
    const near = closest(key, allowed);
    let fix: string;
    if (holder && this.resolve(holder).properties?.[key]) fix = `"${key}" belongs one level up: move it out of "${ownKey}" (unindent it by one level)`;
    else if (near) fix = `did you mean "${near}"? Field names are case-sensitive`;
    else fix = `remove "${key}" or check its indentation; the API server rejects unknown fields`;
    this.tokens.push(key);
    this.add('unknown-field', `"${key}" is not a field of ${typeName ?? 'this object'} (allowed: ${list || 'no fields'})`, fix);
    this.tokens.pop();
  }

  private resolve(s: SchemaNode): SchemaNode {
    while (s.$ref) s = this.defs[s.$ref] ?? {};
    return s;
  }

  private add(ruleId: string, message: string, fix: string): void {
    this.sink.add(ruleId, this.tokens.map((t) => '/' + pointerToken(t)).join(''), message, fix);
  }

  /** `replicas`; list items are named after their list: `ports[0]`. */
  private label(): string {
    let i = this.tokens.length - 1;
    let suffix = '';
    while (i > 0 && /^\d+$/.test(this.tokens[i])) suffix = `[${this.tokens[i--]}]` + suffix;
    return i >= 0 ? `"${this.tokens[i]}${suffix}"` : 'the object';
  }

  private typeError(value: unknown, want: string, fix: string): void {
    this.add('schema', `field ${this.label()} must be ${want}, got ${showValue(value)} (${jsonType(value)})`, fix);
  }
}

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    default:
      return true;
  }
}

function describeType(t: string, format?: string): string {
  const article = t === 'integer' || t === 'array' || t === 'object' ? 'an' : 'a';
  const noun = t === 'object' ? 'object (a mapping)' : t === 'array' ? 'array (a list)' : t;
  return `${article} ${noun}${format && (t === 'integer' || t === 'number') ? ` (${format})` : ''}`;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
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
