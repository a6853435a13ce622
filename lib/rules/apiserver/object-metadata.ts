/**
 * Names, namespaces, labels and annotations as the API server checks them (ValidateObjectMeta), after
 * escape-hatch patches have been applied. Also the syntax of workload selectors, which the OpenAPI schema
 * types only as strings.
 */
import { Issue } from '../../util/errors';
import { checkLabelKey, checkName, isDns1035Label, isDns1123Label, isDns1123Subdomain, isPathSegmentName, namePolicyFor } from '../../util/names';
import { featureEnabled } from '../../schema/lifecycle';
import { ObjectRule } from '../types';
import { finalizerProblem } from './core-objects';
import { checkLabelMap, checkLabelSelector } from './label-syntax';
import { APPS_WORKLOADS, Obj, Sink, isObj, isStr, list, podTemplateOf, ptr, show, sink } from './support';

/** metadata.annotations may hold at most 256 KiB of keys plus values (TotalAnnotationSizeLimitB). */
export const ANNOTATION_SIZE_LIMIT = 256 * 1024;

const SELECTOR_KINDS = new Set([...APPS_WORKLOADS, 'Job', 'PodDisruptionBudget']);

export const objectMetadataRule: ObjectRule = {
  id: 'object-metadata',
  category: 'apiserver',
  defaultSeverity: 'error',
  description: 'Object names, generateName, namespaces, labels, annotations, finalizers, owner references and selectors follow the API server\'s syntax rules; apply needs a name (generateName alone works only with kubectl create).',
  check(obj, path, ctx): Issue[] {
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
    checkIdentity(obj, md ?? {}, out, featureEnabled('RelaxedServiceNameValidation', ctx?.k8sVersion));
    checkMeta(md ?? {}, '/metadata', out);
    checkFinalizers(obj, md ?? {}, out);
    checkOwnerReferences(md ?? {}, out);
    if (obj.kind === 'CronJob' && isObj(obj.spec?.jobTemplate?.metadata)) checkMeta(obj.spec.jobTemplate.metadata, '/spec/jobTemplate/metadata', out);
    const tpl = podTemplateOf(obj);
    if (tpl && isObj(tpl.template.metadata)) checkMeta(tpl.template.metadata, `${tpl.pointer}/metadata`, out);
    if (SELECTOR_KINDS.has(obj.kind) && isObj(obj.spec)) checkLabelSelector(obj.spec.selector, '/spec/selector', out);
    return out.issues;
  },
};

/**
 * Service names: DNS-1035 labels (no leading digit) where the RelaxedServiceNameValidation gate is off (to 1.35),
 * DNS-1123 labels where it is on by default (from 1.36).
 */
const RELAXED_SERVICE_NAME = { rule: 'dns1123-label', maxLength: 63 } as const;

/**
 * checkName, which builds its explanation even for valid names: most names are valid, so ask first.
 * `relaxedServiceNames`: the target version's RelaxedServiceNameValidation gate.
 */
function nameProblem(kind: string, name: string, relaxedServiceNames = true): ReturnType<typeof checkName> {
  const { rule, maxLength } = kind === 'Service' && relaxedServiceNames ? RELAXED_SERVICE_NAME : namePolicyFor(kind);
  const valid = name.length > 0 && name.length <= maxLength && (
    rule === 'dns1123-label' ? isDns1123Label(name)
    : rule === 'dns1035-label' ? isDns1035Label(name)
    : rule === 'dns1123-subdomain' ? isDns1123Subdomain(name)
    : isPathSegmentName(name));
  if (valid) return undefined;
  if (kind !== 'Service' || !relaxedServiceNames) return checkName(kind, name);
  const allowed = 'lowercase letters, digits and "-", starting and ending with a letter or digit (DNS-1123 label), at most 63 characters';
  return { problem: name.length > 63 ? `a Service name is ${name.length} characters long, more than 63` : `"${name}" is not a valid Service name`, allowed };
}

function checkIdentity(obj: Obj, md: Obj, out: Sink, relaxedServiceNames: boolean): void {
  const { name, generateName, namespace } = md;
  if (name === undefined || name === null || name === '') {
    if (!isStr(generateName) || generateName === '') {
      out.add('/metadata/name', `${obj.kind} has no metadata.name (and no metadata.generateName); the API server requires one`, 'give the object a name');
    } else {
      // The API server fills in a name from generateName on create, but kubectl apply (client- or server-side)
      // refuses the object ("cannot use generate name with apply"), and server-side apply addresses objects by name.
      out.add('/metadata/name', `${obj.kind} has only metadata.generateName (${show(generateName)}); kubectl apply refuses it ("cannot use generate name with apply") and server-side apply needs metadata.name; generateName works only with kubectl create`, 'set metadata.name; keep generateName only for objects you create with kubectl create');
    }
  } else if (!isStr(name)) {
    out.add('/metadata/name', `metadata.name must be a string (got ${show(name)})`, 'quote the name');
  } else {
    const bad = nameProblem(obj.kind, name, relaxedServiceNames);
    if (bad) out.add('/metadata/name', `${bad.problem}; allowed: ${bad.allowed}`, 'rename the object, or omit the name to let kubeforge generate a valid one');
  }
  if (isStr(generateName) && generateName !== '') {
    // generateName is a prefix: the API server accepts a trailing "-" because a random suffix follows it.
    const masked = generateName.endsWith('-') && generateName.length > 1 ? `${generateName.slice(0, -1)}a` : generateName;
    const bad = nameProblem(obj.kind, masked, relaxedServiceNames);
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

/** API groups whose validation runs core's ValidateObjectMeta, which also limits unqualified finalizer names. */
const CORE_META_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io',
  'node.k8s.io', 'discovery.k8s.io', 'certificates.k8s.io', 'flowcontrol.apiserver.k8s.io', 'resource.k8s.io',
]);

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

/** metadata.finalizers: qualified names, standard ones only without a domain, not orphan and foregroundDeletion together. */
function checkFinalizers(obj: Obj, md: Obj, out: Sink): void {
  const finalizers = list(md.finalizers);
  const coreRules = CORE_META_GROUPS.has(groupOf(obj.apiVersion));
  finalizers.forEach((f, i) => {
    if (!isStr(f)) return;
    const problem = coreRules ? finalizerProblem(f) : checkLabelKey(f);
    if (problem) out.add(`/metadata/finalizers/${i}`, `finalizer ${show(f)} is invalid: ${problem}`, 'use a domain-qualified name such as "example.com/cleanup"');
  });
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    out.add('/metadata/finalizers', 'finalizers orphan and foregroundDeletion are both set; the API server allows only one of them', 'keep orphan (leave dependents) or foregroundDeletion (delete them first)');
  }
}

/** metadata.ownerReferences: complete references, no Event owners, at most one controller. */
function checkOwnerReferences(md: Obj, out: Sink): void {
  let controller: string | undefined;
  list(md.ownerReferences).forEach((ref, i) => {
    if (!isObj(ref)) return;
    const p = `/metadata/ownerReferences/${i}`;
    for (const f of ['apiVersion', 'kind', 'name', 'uid']) {
      if (ref[f] === '') out.add(`${p}/${f}`, `ownerReferences[${i}].${f} is empty; the API server requires it`, `set ${f} to the owner's ${f}`);
    }
    const av = ref.apiVersion;
    if (isStr(av) && av !== '') {
      const parts = av.split('/');
      if (parts.length > 2 || parts[parts.length - 1] === '') {
        out.add(`${p}/apiVersion`, `ownerReferences[${i}].apiVersion ${show(av)} is invalid; allowed: <group>/<version> or <version>`, 'use e.g. "apps/v1" or "v1"');
      } else if (av === 'v1' && ref.kind === 'Event') {
        out.add(p, 'an Event may not own other objects (v1 Event is banned as an owner)', 'point the owner reference at the object that created this one');
      }
    }
    if (ref.controller === true) {
      const here = `${show(ref.kind)}/${show(ref.name)}`;
      if (controller !== undefined) out.add('/metadata/ownerReferences', `only one owner reference may have controller: true; found it on ${controller} and ${here}`, 'set controller: true on one owner only');
      else controller = here;
    }
  });
}
