/**
 * Server-side apply's list semantics (kubectl apply --server-side, Pulumi): before the API server merges an
 * applied object, it reads every list by the schema's `x-kubernetes-list-type`. A `map` list identifies its items
 * by the fields in `x-kubernetes-list-map-keys` (container ports by containerPort + protocol, env by name, volumes
 * by name...), a `set` list by the item itself; two items with the same identity, a null item, or an item of a
 * map list that has none of the key fields (and no default for them) make the request fail ("duplicate entries
 * for key ..."). A key field that is missing counts with its schema default when it has one (a port without
 * protocol is TCP); without a default it is left out of the key, so it identifies another item.
 * (structured-merge-diff typed/helpers.go, keyedAssociativeListItemToPathElement; typed/validate.go.)
 *
 * The object is walked once, by the schema of its kind in the target version, skipping the subtrees whose
 * schema holds no such list.
 */
import { Issue } from '../../util/errors';
import { getVersionData, gvkKey, SchemaNode } from '../../schema/data';
import { DEFAULT_K8S_VERSION } from '../../schema';
import { ObjectRule } from '../types';
import { isObj, ptr, show, Sink, sink } from './support';

const RULE_ID = 'list-map-keys';
const SSA = 'server-side apply (kubectl apply --server-side, Pulumi)';

type Defs = Readonly<Record<string, SchemaNode>>;

export const listMapKeysRule: ObjectRule = {
  id: RULE_ID,
  category: 'apiserver',
  defaultSeverity: 'error',
  description: 'Lists that server-side apply merges by key (x-kubernetes-list-type map or set) hold no two items with the same key (env by name, container ports by containerPort and protocol, volumes by name...) and no item without a key.',
  check(obj, path, ctx): Issue[] {
    if (!isObj(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return [];
    let data;
    try {
      data = getVersionData(ctx?.k8sVersion ?? DEFAULT_K8S_VERSION);
    } catch {
      return [];
    }
    const defName = data.kinds[gvkKey(obj.apiVersion, obj.kind)];
    if (defName === undefined) return [];
    const out = sink(RULE_ID, path);
    walk(data.defs, obj, { $ref: defName }, '', out);
    return out.issues;
  },
};

// Per schema node: whether a map or set list can be found at or below it. Memoized on the data's own nodes.
const holdsLists = new WeakMap<SchemaNode, boolean>();

function resolve(defs: Defs, node: SchemaNode): SchemaNode | undefined {
  return node.$ref === undefined ? node : defs[node.$ref];
}

function mayHoldLists(defs: Defs, node: SchemaNode): boolean {
  const known = holdsLists.get(node);
  if (known !== undefined) return known;
  // A definition that refers back to itself is assumed to hold lists while it is being looked at: the answer can
  // only be too cautious (a longer walk), never miss a list.
  holdsLists.set(node, true);
  const target = resolve(defs, node);
  let found = false;
  if (target !== undefined) {
    if (target !== node) found = mayHoldLists(defs, target);
    else {
      found = target['x-kubernetes-list-type'] !== undefined ||
        (target.items !== undefined && mayHoldLists(defs, target.items)) ||
        (typeof target.additionalProperties === 'object' && mayHoldLists(defs, target.additionalProperties)) ||
        Object.values(target.properties ?? {}).some((p) => mayHoldLists(defs, p));
    }
  }
  holdsLists.set(node, found);
  return found;
}

function walk(defs: Defs, value: unknown, schema: SchemaNode, pointer: string, out: Sink): void {
  if (value === null || typeof value !== 'object' || !mayHoldLists(defs, schema)) return;
  const node = resolve(defs, schema);
  if (node === undefined) return;
  if (Array.isArray(value)) {
    const listType = node['x-kubernetes-list-type'];
    if (listType === 'map') checkMapList(defs, value, node, pointer, out);
    else if (listType === 'set') checkSetList(value, pointer, out);
    const items = node.items;
    if (items !== undefined && mayHoldLists(defs, items)) {
      for (let i = 0; i < value.length; i++) walk(defs, value[i], items, `${pointer}/${i}`, out);
    }
    return;
  }
  const props = node.properties;
  if (props !== undefined) {
    for (const key of Object.keys(value)) {
      const child = props[key];
      if (child !== undefined) walk(defs, (value as Record<string, unknown>)[key], child, ptr(pointer, key), out);
    }
  } else if (typeof node.additionalProperties === 'object') {
    for (const key of Object.keys(value)) walk(defs, (value as Record<string, unknown>)[key], node.additionalProperties, ptr(pointer, key), out);
  }
}

/** A key value as server-side apply compares them: by type, numbers by value (an exact integer read as bigint too). */
function keyText(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'number':
    case 'bigint':
      return `n${String(v)}`;
    case 'boolean':
      return `b${v}`;
    default:
      return v === null ? 'null' : `o${show(v)}`;
  }
}

function listName(pointer: string): string {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1);
  return last === '' ? 'the list' : last.replace(/~1/g, '/').replace(/~0/g, '~');
}

function checkMapList(defs: Defs, items: unknown[], node: SchemaNode, pointer: string, out: Sink): void {
  const keys = node['x-kubernetes-list-map-keys'] ?? [];
  if (keys.length === 0) return;
  const itemSchema = node.items === undefined ? undefined : resolve(defs, node.items);
  const name = listName(pointer);
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null) {
      out.add(`${pointer}/${i}`, `${name}[${i}] is null; ${SSA} identifies the items of ${name} by ${keys.join(' + ')} and rejects a null item`, `remove the null item from ${name}`);
      continue;
    }
    // Not an object: the schema rule reports the type.
    if (!isObj(item)) continue;
    let id = '';
    const shown: string[] = [];
    for (const k of keys) {
      let v: unknown = item[k];
      let defaulted = false;
      if (v === undefined) {
        v = itemSchema?.properties?.[k]?.default;
        defaulted = v !== undefined;
      }
      if (v === undefined) {
        id += '\u0000-';
        continue;
      }
      id += `\u0000${k}=${keyText(v)}`;
      shown.push(`${k}=${show(v)}${defaulted ? ' (the default)' : ''}`);
    }
    if (shown.length === 0) {
      out.add(`${pointer}/${i}`, `${name}[${i}] has none of the key fields ${keys.join(', ')}; ${SSA} identifies the items of ${name} by them and rejects an item without any`,
        `set ${keys.join(' and ')} on ${name}[${i}]`);
      continue;
    }
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      continue;
    }
    out.add(`${pointer}/${i}`,
      `${name}[${i}] (${pointer}/${i}) has the same key as ${name}[${first}] (${pointer}/${first}): ${shown.join(', ')}; ${SSA} identifies the items of ${name} by ${keys.join(' + ')} and rejects a list with two items of the same key`,
      keys.length === 1 ? `merge the two items, or give one another ${keys[0]}` : `merge the two items, or make them differ in ${keys.join(' or ')}`);
  }
}

function checkSetList(items: unknown[], pointer: string, out: Sink): void {
  const name = listName(pointer);
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (v === null) {
      out.add(`${pointer}/${i}`, `${name}[${i}] is null; ${SSA} treats ${name} as a set of values and rejects a null item`, `remove the null item from ${name}`);
      continue;
    }
    // Objects and lists: the schema rule reports the type.
    if (typeof v === 'object') continue;
    const id = keyText(v);
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      continue;
    }
    out.add(`${pointer}/${i}`,
      `${name}[${i}] (${pointer}/${i}) repeats ${name}[${first}] (${pointer}/${first}): ${show(v)}; ${SSA} treats ${name} as a set and rejects a value listed twice`,
      `remove the second ${show(v)} from ${name}`);
  }
}
