/**
 * CustomResourceDefinitions as the API server checks the basics on create (ValidateCustomResourceDefinition,
 * validateCustomResourceDefinitionSpec, ValidateCustomResourceDefinitionNames, validateAPIApproval): the name is
 * `<plural>.<group>`, the group a DNS subdomain with a dot, names DNS-1035 labels (kinds in any case), exactly
 * one storage version among unique version names, a schema in every version with a structural skeleton
 * (a type on every property, array item and map value, `object` at the root), and approval annotations for
 * community-owned groups. Deeper schema rules (CEL, defaults, list-map keys) are not checked here.
 */
import { Issue } from '../../util/errors';
import { isDns1035Label, isDns1123Subdomain } from '../../util/names';
import { ObjectRule } from '../types';
import { Obj, Sink, isObj, isStr, list, ptr, show, sink } from './support';

const APPROVAL = 'api-approved.kubernetes.io';

export const crdSpecRule: ObjectRule = {
  id: 'crd-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['CustomResourceDefinition'],
  description: 'A CustomResourceDefinition is named after its plural and group, has valid names, exactly one storage version, and a structural schema in every version.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'CustomResourceDefinition' || !isObj(obj.spec)) return [];
    const out = sink('crd-spec', path);
    const spec = obj.spec;
    const names = isObj(spec.names) ? spec.names : {};
    const group = spec.group;
    if (isStr(group) && group !== '') {
      if (!isDns1123Subdomain(group)) out.add('/spec/group', `group ${show(group)} is not a lowercase DNS-1123 subdomain`, 'use a domain you own, e.g. "example.com"');
      else if (!group.includes('.')) out.add('/spec/group', `group ${show(group)} has no dot; a CRD group must be a domain with at least one dot`, `use e.g. "${group}.example.com"`);
    }
    const meta = isObj(obj.metadata) ? obj.metadata : {};
    if (isStr(meta.name) && isStr(names.plural) && isStr(group) && meta.name !== `${names.plural}.${group}`) {
      out.add('/metadata/name', `name ${show(meta.name)} must be spec.names.plural + "." + spec.group (${show(`${names.plural}.${group}`)})`, `set metadata.name: ${names.plural}.${group}`);
    }
    checkNames(names, out);
    if (isStr(spec.scope) && spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
      out.add('/spec/scope', `scope ${show(spec.scope)} is not supported; allowed: Cluster, Namespaced`, 'use Namespaced or Cluster');
    }
    checkVersions(list(spec.versions), out);
    if (isStr(group) && isProtectedGroup(group)) checkApproval(meta, out);
    return out.issues;
  },
};

function checkNames(names: Obj, out: Sink): void {
  for (const f of ['plural', 'singular']) {
    const v = names[f];
    if (isStr(v) && v !== '' && !isDns1035Label(v)) out.add(`/spec/names/${f}`, `names.${f} ${show(v)} is not a lowercase DNS-1035 label`, `use e.g. ${f === 'plural' ? '"widgets"' : '"widget"'}`);
  }
  for (const f of ['kind', 'listKind']) {
    const v = names[f];
    if (isStr(v) && v !== '' && !isDns1035Label(v.toLowerCase())) out.add(`/spec/names/${f}`, `names.${f} ${show(v)} is invalid: it may have mixed case, but otherwise must be a DNS-1035 label (letters and digits, starting with a letter)`, `use e.g. ${f === 'kind' ? '"Widget"' : '"WidgetList"'}`);
  }
  if (isStr(names.kind) && names.kind !== '' && names.kind === names.listKind) out.add('/spec/names/listKind', `names.listKind equals names.kind (${show(names.kind)})`, `use ${show(`${names.kind}List`)} (the default)`);
  for (const f of ['shortNames', 'categories']) {
    list(names[f]).forEach((v, i) => {
      if (!isStr(v) || !isDns1035Label(v)) out.add(`/spec/names/${f}/${i}`, `names.${f}[${i}] ${show(v)} is not a lowercase DNS-1035 label`, 'use lowercase letters, digits and "-", starting with a letter');
    });
  }
}

function checkVersions(versions: unknown[], out: Sink): void {
  const seen = new Set<unknown>();
  let storage = 0;
  versions.forEach((v, i) => {
    if (!isObj(v)) return;
    const base = `/spec/versions/${i}`;
    if (v.storage === true) storage++;
    if (seen.has(v.name)) out.add(`${base}/name`, `version ${show(v.name)} is listed twice`, 'give each version its own name');
    seen.add(v.name);
    if (isStr(v.name) && !isDns1035Label(v.name)) out.add(`${base}/name`, `version name ${show(v.name)} is not a DNS-1035 label`, 'use e.g. "v1" or "v1alpha1"');
    const schema = isObj(v.schema) ? v.schema.openAPIV3Schema : undefined;
    if (schema === undefined || schema === null) {
      out.add(`${base}/schema/openAPIV3Schema`, `version ${show(v.name)} has no schema.openAPIV3Schema; apiextensions.k8s.io/v1 requires a schema for every version`, 'add schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } } at least');
    } else if (isObj(schema)) {
      checkStructural(schema, `${base}/schema/openAPIV3Schema`, 'root', out);
    }
  });
  if (versions.length > 0 && storage !== 1) {
    out.add('/spec/versions', `${storage} versions are marked storage: true; exactly one must be`, 'set storage: true on the one version stored in etcd, and false on the others');
  }
}

type Level = 'root' | 'field' | 'item';

/** The structural skeleton: every node has a type unless it is int-or-string or preserves unknown fields. */
function checkStructural(s: Obj, pointer: string, level: Level, out: Sink): void {
  const type = s.type;
  const hasType = isStr(type) && type !== '';
  if (s['x-kubernetes-embedded-resource'] === true && type !== 'object') {
    out.add(`${pointer}/type`, `type ${show(type)} must be object when x-kubernetes-embedded-resource is true`, 'set type: object');
  } else if (!hasType && s['x-kubernetes-int-or-string'] !== true && s['x-kubernetes-preserve-unknown-fields'] !== true) {
    const where = level === 'root' ? 'at the root' : level === 'item' ? 'for array items' : 'for object fields';
    out.add(`${pointer}/type`, `the schema has no type; a structural schema needs one ${where}`, 'add a type (object, array, string, integer, number or boolean), or x-kubernetes-preserve-unknown-fields: true');
  }
  if (level === 'root') {
    if (hasType && type !== 'object') out.add(`${pointer}/type`, `the root type is ${show(type)}; it must be object`, 'set type: object at the root');
    if (s.additionalProperties !== undefined && s.additionalProperties !== null) out.add(`${pointer}/additionalProperties`, 'additionalProperties may not be used at the root of a CRD schema', 'describe spec and status under properties');
  }
  if (isObj(s.properties)) {
    for (const [k, v] of Object.entries(s.properties)) if (isObj(v)) checkStructural(v, ptr(`${pointer}/properties`, k), 'field', out);
  }
  if (isObj(s.items)) checkStructural(s.items, `${pointer}/items`, 'item', out);
  if (isObj(s.additionalProperties)) checkStructural(s.additionalProperties, `${pointer}/additionalProperties`, 'field', out);
}

function isProtectedGroup(group: string): boolean {
  return group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
}

function checkApproval(meta: Obj, out: Sink): void {
  const a = isObj(meta.annotations) ? meta.annotations[APPROVAL] : undefined;
  const p = ptr('/metadata/annotations', APPROVAL);
  const fix = `set the ${APPROVAL} annotation to the URL of the approved API review, or to "unapproved, <reason>"; better, use a group of your own domain`;
  if (!isStr(a) || a === '') return out.add(p, `groups under k8s.io and kubernetes.io are reserved for approved community APIs; the ${APPROVAL} annotation is missing`, fix);
  if (a.startsWith('unapproved')) return;
  // Go's url.ParseRequestURI needs an absolute URL with a scheme and a host.
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s]+/.test(a)) out.add(p, `${APPROVAL} ${show(a)} is neither a URL nor a reason starting with "unapproved"`, fix);
}
