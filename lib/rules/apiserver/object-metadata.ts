/**
 * Names, namespaces, labels and annotations as the API server checks them (ValidateObjectMeta), after
 * escape-hatch patches have been applied. Also the syntax of workload selectors, which the OpenAPI schema
 * types only as strings.
 */
import { Issue } from '../../util/errors';
import { checkLabelKey, checkName, isDns1035Label, isDns1123Label, isDns1123Subdomain, isPathSegmentName, namePolicyFor } from '../../util/names';
import { ObjectRule } from '../types';
import { checkLabelMap, checkLabelSelector } from './label-syntax';
import { APPS_WORKLOADS, Obj, Sink, isObj, isStr, podTemplateOf, ptr, show, sink } from './support';

/** metadata.annotations may hold at most 256 KiB of keys plus values (TotalAnnotationSizeLimitB). */
export const ANNOTATION_SIZE_LIMIT = 256 * 1024;

const SELECTOR_KINDS = new Set([...APPS_WORKLOADS, 'Job', 'PodDisruptionBudget']);

export const objectMetadataRule: ObjectRule = {
  id: 'object-metadata',
  category: 'apiserver',
  defaultSeverity: 'error',
  description: 'Object names, generateName, namespaces, labels, annotations and selectors follow the API server\'s syntax rules.',
  check(obj, path): Issue[] {
    const out = sink('object-metadata', path);
    if (!isObj(obj) || !isStr(obj.apiVersion) || !isStr(obj.kind) || obj.kind === '') {
      out.add('', 'the object has no apiVersion or kind; the API server cannot decode it', 'set apiVersion and kind, e.g. apiVersion: v1, kind: ConfigMap');
      return out.issues;
    }
    const md = obj.metadata;
    if (md !== undefined && !isObj(md)) {
      out.add('/metadata', `metadata must be an object (got ${show(md)})`, 'write metadata as a map with name, labels, ...');
      return out.issues;
    }
    checkIdentity(obj, md ?? {}, out);
    checkMeta(md ?? {}, '/metadata', out);
    if (obj.kind === 'CronJob' && isObj(obj.spec?.jobTemplate?.metadata)) checkMeta(obj.spec.jobTemplate.metadata, '/spec/jobTemplate/metadata', out);
    const tpl = podTemplateOf(obj);
    if (tpl && isObj(tpl.template.metadata)) checkMeta(tpl.template.metadata, `${tpl.pointer}/metadata`, out);
    if (SELECTOR_KINDS.has(obj.kind) && isObj(obj.spec)) checkLabelSelector(obj.spec.selector, '/spec/selector', out);
    return out.issues;
  },
};

/** checkName, which builds its explanation even for valid names: most names are valid, so ask first. */
function nameProblem(kind: string, name: string): ReturnType<typeof checkName> {
  const { rule, maxLength } = namePolicyFor(kind);
  const valid = name.length > 0 && name.length <= maxLength && (
    rule === 'dns1123-label' ? isDns1123Label(name)
    : rule === 'dns1035-label' ? isDns1035Label(name)
    : rule === 'dns1123-subdomain' ? isDns1123Subdomain(name)
    : isPathSegmentName(name));
  return valid ? undefined : checkName(kind, name);
}

function checkIdentity(obj: Obj, md: Obj, out: Sink): void {
  const { name, generateName, namespace } = md;
  if (name === undefined || name === '') {
    if (!isStr(generateName) || generateName === '') {
      out.add('/metadata/name', `${obj.kind} has no metadata.name (and no metadata.generateName); the API server requires one`, 'give the object a name');
    }
  } else if (!isStr(name)) {
    out.add('/metadata/name', `metadata.name must be a string (got ${show(name)})`, 'quote the name');
  } else {
    const bad = nameProblem(obj.kind, name);
    if (bad) out.add('/metadata/name', `${bad.problem}; allowed: ${bad.allowed}`, 'rename the object, or omit the name to let kubeforge generate a valid one');
  }
  if (isStr(generateName) && generateName !== '') {
    // generateName is a prefix: the API server accepts a trailing "-" because a random suffix follows it.
    const masked = generateName.endsWith('-') && generateName.length > 1 ? `${generateName.slice(0, -1)}a` : generateName;
    const bad = nameProblem(obj.kind, masked);
    if (bad) out.add('/metadata/generateName', `generateName ${show(generateName)} is not a valid ${obj.kind} name prefix; allowed: ${bad.allowed} (a trailing "-" is fine)`, 'use a prefix such as "job-"');
  } else if (generateName !== undefined && !isStr(generateName)) {
    out.add('/metadata/generateName', `metadata.generateName must be a string (got ${show(generateName)})`, 'quote the prefix');
  }
  if (namespace !== undefined && namespace !== '') {
    const bad = isStr(namespace) ? nameProblem('Namespace', namespace) : { problem: 'a namespace must be a string', allowed: 'a DNS-1123 label of at most 63 characters' };
    if (bad) out.add('/metadata/namespace', `namespace ${show(namespace)} is invalid: ${bad.problem}; allowed: ${bad.allowed}`, 'use a valid namespace name, e.g. "team-a"');
  }
}

/** Labels and annotations of one metadata block (the object's, a job template's or a pod template's). */
function checkMeta(md: Obj, pointer: string, out: Sink): void {
  checkLabelMap(md.labels, `${pointer}/labels`, 'label', out);
  const annotations = md.annotations;
  if (annotations === undefined || annotations === null) return;
  if (!isObj(annotations)) {
    out.add(`${pointer}/annotations`, `annotations must be a map of strings to strings (got ${show(annotations)})`, 'write them as { key: "value" }');
    return;
  }
  let size = 0;
  for (const k of Object.keys(annotations)) {
    const v = annotations[k];
    // The API server checks annotation keys lowercased, so "Example.com/Key" passes.
    const problem = checkLabelKey(k.toLowerCase());
    if (problem) out.add(ptr(`${pointer}/annotations`, k), `annotation key ${show(k)} is invalid: ${problem}`, 'use keys like "example.com/owner"');
    if (!isStr(v)) out.add(ptr(`${pointer}/annotations`, k), `annotation ${show(k)} has a non-string value ${show(v)}`, 'quote the value; annotation values are always strings');
    size += Buffer.byteLength(k) + (isStr(v) ? Buffer.byteLength(v) : 0);
  }
  if (size > ANNOTATION_SIZE_LIMIT) {
    out.add(`${pointer}/annotations`, `annotations total ${size} bytes; the API server allows at most ${ANNOTATION_SIZE_LIMIT} bytes (256 KiB) of keys and values`, 'move large data into a ConfigMap and reference it');
  }
}
