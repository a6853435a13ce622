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
    const plan = planOf(data.defs, data.defs[defName] ?? {});
    if (!plan.holds) return [];
    const out = sink(RULE_ID, path);
    walk(obj, plan, [], out);
    return out.issues;
  },
};

/**
 * What to look at below one schema node, precomputed once per node: the node's own list semantics, and only the
 * children whose schema can hold a map or set list (most fields cannot, and are never visited).
 */
interface Plan {
  listType?: 'map' | 'set';
  keys?: readonly string[];
  /** The schema defaults of the key fields (index-aligned with keys). */
  keyDefaults?: readonly unknown[];
  items?: Plan;
  props?: ReadonlyArray<readonly [string, Plan]>;
  values?: Plan;
  /** Whether a list can be found at or below the node. */
  holds: boolean;
}

const plans = new WeakMap<SchemaNode, Plan>();
const NOTHING: Plan = { holds: false };

function resolve(defs: Defs, node: SchemaNode): SchemaNode | undefined {
  return node.$ref === undefined ? node : defs[node.$ref];
}

function planOf(defs: Defs, schema: SchemaNode): Plan {
  const node = resolve(defs, schema);
  if (node === undefined) return NOTHING;
  let plan = plans.get(node);
  if (plan) return plan;
  // Stored before the children are planned: a definition that refers back to itself finds its own plan, which
  // counts as holding lists until it is complete (a longer walk at worst, never a missed list).
  const p: Plan = { holds: true };
  plans.set(node, p);
  const listType = node['x-kubernetes-list-type'];
  if (listType === 'map' || listType === 'set') p.listType = listType;
  if (listType === 'map') {
    p.keys = node['x-kubernetes-list-map-keys'] ?? [];
    const item = node.items === undefined ? undefined : resolve(defs, node.items);
    p.keyDefaults = p.keys.map((k) => item?.properties?.[k]?.default);
  }
  if (node.items !== undefined) {
    const items = planOf(defs, node.items);
    if (items.holds) p.items = items;
  }
  if (typeof node.additionalProperties === 'object') {
    const values = planOf(defs, node.additionalProperties);
    if (values.holds) p.values = values;
  }
  const props: Array<readonly [string, Plan]> = [];
  for (const [k, child] of Object.entries(node.properties ?? {})) {
    const c = planOf(defs, child);
    if (c.holds) props.push([k, c]);
  }
  if (props.length > 0) p.props = props;
  p.holds = p.listType !== undefined || p.items !== undefined || p.values !== undefined || p.props !== undefined;
  plan = p.holds ? p : NOTHING;
  plans.set(node, plan);
  return plan;
}

/** The JSON pointer of a walk position: tokens are kept as a stack and joined only for a finding. */
function pointerOf(tokens: readonly (string | number)[]): string {
  return ptr('', ...tokens);
}

function walk(value: unknown, plan: Plan, at: (string | number)[], out: Sink): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (plan.listType === 'map') checkMapList(value, plan, at, out);
    else if (plan.listType === 'set') checkSetList(value, at, out);
    const items = plan.items;
    if (items !== undefined) {
      for (let i = 0; i < value.length; i++) {
        at.push(i);
        walk(value[i], items, at, out);
        at.pop();
      }
    }
    return;
  }
  const v = value as Record<string, unknown>;
  if (plan.props !== undefined) {
    for (const [key, child] of plan.props) {
      const c = v[key];
      if (c === null || typeof c !== 'object') continue;
      at.push(key);
      walk(c, child, at, out);
      at.pop();
    }
  } else if (plan.values !== undefined) {
    for (const key of Object.keys(v)) {
      at.push(key);
      walk(v[key], plan.values, at, out);
      at.pop();
    }
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

function listName(at: readonly (string | number)[]): string {
  return at.length === 0 ? 'the list' : String(at[at.length - 1]);
}

function checkMapList(items: unknown[], plan: Plan, at: readonly (string | number)[], out: Sink): void {
  const keys = plan.keys ?? [];
  const defaults = plan.keyDefaults ?? [];
  if (keys.length === 0) return;
  const name = listName(at);
  let seen: Map<string, number> | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null) {
      out.add(`${pointerOf(at)}/${i}`, `${name}[${i}] is null; ${SSA} identifies the items of ${name} by ${keys.join(' + ')} and rejects a null item`, `remove the null item from ${name}`);
      continue;
    }
    // Not an object: the schema rule reports the type.
    if (!isObj(item)) continue;
    let id = '';
    let present = 0;
    for (let k = 0; k < keys.length; k++) {
      const v = item[keys[k]] ?? (item[keys[k]] === null ? null : defaults[k]);
      if (v === undefined) id += '\u0000-';
      else {
        id += `\u0000${keyText(v)}`;
        present++;
      }
    }
    if (present === 0) {
      out.add(`${pointerOf(at)}/${i}`, `${name}[${i}] has none of the key fields ${keys.join(', ')}; ${SSA} identifies the items of ${name} by them and rejects an item without any`,
        `set ${keys.join(' and ')} on ${name}[${i}]`);
      continue;
    }
    seen ??= new Map();
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      continue;
    }
    const pointer = pointerOf(at);
    const shown = keys.flatMap((k, j) => {
      if (item[k] !== undefined) return [`${k}=${show(item[k])}`];
      return defaults[j] === undefined ? [] : [`${k}=${show(defaults[j])} (the default)`];
    });
    out.add(`${pointer}/${i}`,
      `${name}[${i}] (${pointer}/${i}) has the same key as ${name}[${first}] (${pointer}/${first}): ${shown.join(', ')}; ${SSA} identifies the items of ${name} by ${keys.join(' + ')} and rejects a list with two items of the same key`,
      keys.length === 1 ? `merge the two items, or give one another ${keys[0]}` : `merge the two items, or make them differ in ${keys.join(' or ')}`);
  }
}

function checkSetList(items: unknown[], at: readonly (string | number)[], out: Sink): void {
  const name = listName(at);
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (v === null) {
      out.add(`${pointerOf(at)}/${i}`, `${name}[${i}] is null; ${SSA} treats ${name} as a set of values and rejects a null item`, `remove the null item from ${name}`);
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
    const pointer = pointerOf(at);
    out.add(`${pointer}/${i}`,
      `${name}[${i}] (${pointer}/${i}) repeats ${name}[${first}] (${pointer}/${first}): ${show(v)}; ${SSA} treats ${name} as a set and rejects a value listed twice`,
      `remove the second ${show(v)} from ${name}`);
  }
}
