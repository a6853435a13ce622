/**
 * Turns the OpenAPI v3 component schemas of one Kubernetes version into the compact form kubeforge ships:
 * no descriptions or patch metadata, `allOf: [{$ref}]` wrappers unwrapped, references by definition name, and
 * only the keywords validation reads. Server-side apply's list semantics stay: `x-kubernetes-list-type` (map and
 * set; atomic is the default and dropped), `x-kubernetes-list-map-keys`, and the defaults of list-map key fields
 * (SSA keys an item missing a defaulted key field by its default, e.g. a container port's protocol TCP).
 */
'use strict';

const REF_PREFIX = '#/components/schemas/';
const KEEP_EXTENSIONS = [
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
];

function refName(ref) {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`unexpected $ref ${ref}`);
  return ref.slice(REF_PREFIX.length);
}

function compactSchema(s) {
  // `allOf` with a single reference is how the v3 spec attaches a default to a referenced type.
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && s.allOf[0].$ref) {
    return { ...compactSchema(s.allOf[0]), ...(s.nullable ? { nullable: true } : {}) };
  }
  if (s.$ref) return { $ref: refName(s.$ref) };
  const out = {};
  // IntOrString and Quantity are spelt as `oneOf` of primitive types; the format (or the definition) says it all.
  if (s.format === 'int-or-string') out['x-kubernetes-int-or-string'] = true;
  else if (Array.isArray(s.oneOf)) out.type = s.oneOf.map((o) => o.type);
  if (s.type) out.type = s.type;
  if (s.format && s.format !== 'int-or-string') out.format = s.format;
  if (s.enum) out.enum = s.enum;
  if (s.nullable) out.nullable = true;
  if (s.required && s.required.length) out.required = [...s.required].sort();
  if (s.properties) {
    out.properties = {};
    for (const k of Object.keys(s.properties).sort()) out.properties[k] = compactSchema(s.properties[k]);
  }
  if (s.additionalProperties !== undefined) {
    out.additionalProperties = typeof s.additionalProperties === 'object' ? compactSchema(s.additionalProperties) : s.additionalProperties;
  }
  if (s.items) out.items = compactSchema(s.items);
  for (const x of KEEP_EXTENSIONS) if (s[x]) out[x] = true;
  const listType = s['x-kubernetes-list-type'];
  if (listType === 'map' || listType === 'set') out['x-kubernetes-list-type'] = listType;
  if (listType === 'map' && Array.isArray(s['x-kubernetes-list-map-keys'])) {
    out['x-kubernetes-list-map-keys'] = [...s['x-kubernetes-list-map-keys']];
  }
  for (const k of Object.keys(s)) {
    if (['anyOf', 'not', 'patternProperties'].includes(k)) throw new Error(`keyword ${k} is not handled`);
  }
  return out;
}

/**
 * Merges the component schemas of every v3 file (each file repeats the shared definitions) into one map, and
 * lists the group/version/kinds the version serves: `{ "apps/v1/Deployment": "io.k8s.api.apps.v1.Deployment" }`.
 */
function compactVersion(v3Files) {
  const defs = {};
  const seen = {};
  const kinds = {};
  for (const [file, doc] of Object.entries(v3Files)) {
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      const compact = compactSchema(schema);
      const text = JSON.stringify(compact);
      if (seen[name] !== undefined && seen[name] !== text) throw new Error(`${file}: ${name} differs between files`);
      seen[name] = text;
      defs[name] = compact;
      for (const g of schema['x-kubernetes-group-version-kind'] ?? []) {
        if (!isObjectKind(name, g.kind)) continue;
        kinds[gvkKey(g)] = name;
      }
    }
  }
  keepKeyDefaults(defs, v3Files);
  return { defs: sortKeys(defs), kinds: sortKeys(kinds) };
}

/** The raw (uncompacted) component schema `name`, from whichever file has it. */
function rawSchema(v3Files, name) {
  for (const doc of Object.values(v3Files)) {
    const s = doc.components?.schemas?.[name];
    if (s) return s;
  }
  return undefined;
}

/**
 * Copies the scalar defaults of list-map key fields into the compact item definitions: server-side apply fills a
 * missing key from the schema default when it builds the item's key.
 */
function keepKeyDefaults(defs, v3Files) {
  const visit = (s) => {
    if (!s || typeof s !== 'object') return;
    if (s['x-kubernetes-list-map-keys'] && s.items?.$ref) {
      const item = defs[s.items.$ref];
      const raw = rawSchema(v3Files, s.items.$ref);
      for (const key of s['x-kubernetes-list-map-keys']) {
        const d = raw?.properties?.[key]?.default;
        if (item?.properties?.[key] && d !== undefined && typeof d !== 'object') {
          item.properties[key] = { ...item.properties[key], default: d };
        }
      }
    }
    for (const v of Object.values(s.properties ?? {})) visit(v);
    visit(s.items);
    if (typeof s.additionalProperties === 'object') visit(s.additionalProperties);
  };
  for (const d of Object.values(defs)) visit(d);
}

/** Kinds a manifest can hold: not the shared meta types (DeleteOptions, WatchEvent, Status) and not list types. */
function isObjectKind(defName, kind) {
  return !defName.startsWith('io.k8s.apimachinery.pkg.apis.meta.') && !kind.endsWith('List');
}

function gvkKey(g) {
  return `${g.group ? g.group + '/' : ''}${g.version}/${g.kind}`;
}

function sortKeys(o) {
  const out = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

/** Only the definitions reachable from a served kind: the v3 files also carry request/response-only types. */
function reachable(defs, roots) {
  const keep = new Set();
  const visit = (s) => {
    if (!s || typeof s !== 'object') return;
    if (s.$ref) {
      if (!keep.has(s.$ref)) {
        keep.add(s.$ref);
        visit(defs[s.$ref]);
      }
      return;
    }
    for (const v of Object.values(s.properties ?? {})) visit(v);
    visit(s.items);
    if (typeof s.additionalProperties === 'object') visit(s.additionalProperties);
  };
  for (const r of roots) visit({ $ref: r });
  const out = {};
  for (const k of Object.keys(defs).sort()) if (keep.has(k)) out[k] = defs[k];
  return out;
}

module.exports = { compactVersion, reachable, isObjectKind, gvkKey };
