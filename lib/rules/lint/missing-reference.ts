/**
 * Pods that reference a ConfigMap, Secret, ServiceAccount or PVC that does not exist do not start
 * (CreateContainerConfigError, FailedMount, or no pod at all for a missing ServiceAccount). The object may already
 * be in the cluster, so this is a warning. References marked optional: true are fine, and so is the
 * "default" ServiceAccount, which every namespace has.
 */
import { Issue } from '../../util/errors';
import { SetRule } from '../types';
import { containersOf, showObject, isRecord, issueAt, keyOf, list, PodTemplate, str } from './objects';
import { setIndexOf } from './set-index';

const ID = 'missing-reference';

type RefKind = 'ConfigMap' | 'Secret' | 'ServiceAccount' | 'PersistentVolumeClaim';

interface Reference {
  readonly kind: RefKind;
  readonly name: string;
  readonly pointer: string;
  /** Where, for the message: `env API_TOKEN of container "app"`. */
  readonly use: string;
  /** What happens when it is missing. */
  readonly effect: string;
}

const NO_CONFIG = 'the container cannot start (CreateContainerConfigError)';
const NO_MOUNT = 'the pod cannot start (FailedMount)';

/**
 * Every non-optional reference a pod spec makes to another object of its namespace that `exists` does not
 * find. Pointer and description are built only for those (most references resolve).
 */
function missingReferencesOf(t: PodTemplate, exists: (kind: RefKind, name: string) => boolean): Reference[] {
  const out: Reference[] = [];
  const add = (kind: RefKind, holder: unknown, field: string, pointer: () => string, use: () => string, effect: string) => {
    if (!isRecord(holder) || holder.optional === true) return;
    const name = str(holder[field]);
    if (name && !exists(kind, name)) out.push({ kind, name, pointer: `${pointer()}/${field}`, use: use(), effect });
  };
  const { spec, pointer } = t;
  for (const x of containersOf(spec, pointer)) {
    const { c, name } = x;
    const container = `container "${name}"`;
    const env = list(c.env);
    for (let i = 0; i < env.length; i++) {
      const e = env[i];
      const from = isRecord(e) && isRecord(e.valueFrom) ? e.valueFrom : undefined;
      if (!from) continue;
      const use = () => `env ${String((e as Record<string, unknown>).name)} of ${container}`;
      add('ConfigMap', from.configMapKeyRef, 'name', () => `${x.pointer}/env/${i}/valueFrom/configMapKeyRef`, use, NO_CONFIG);
      add('Secret', from.secretKeyRef, 'name', () => `${x.pointer}/env/${i}/valueFrom/secretKeyRef`, use, NO_CONFIG);
    }
    const envFrom = list(c.envFrom);
    for (let i = 0; i < envFrom.length; i++) {
      const e = envFrom[i];
      if (!isRecord(e)) continue;
      const use = () => `envFrom of ${container}`;
      add('ConfigMap', e.configMapRef, 'name', () => `${x.pointer}/envFrom/${i}/configMapRef`, use, NO_CONFIG);
      add('Secret', e.secretRef, 'name', () => `${x.pointer}/envFrom/${i}/secretRef`, use, NO_CONFIG);
    }
  }
  const volumes = list(spec.volumes);
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i];
    if (!isRecord(v)) continue;
    const vp = () => `${pointer}/volumes/${i}`;
    const use = () => `volume "${String(v.name)}"`;
    add('ConfigMap', v.configMap, 'name', () => `${vp()}/configMap`, use, NO_MOUNT);
    add('Secret', v.secret, 'secretName', () => `${vp()}/secret`, use, NO_MOUNT);
    // A claim cannot be optional; `optional` is not a field of persistentVolumeClaim.
    if (isRecord(v.persistentVolumeClaim)) add('PersistentVolumeClaim', { claimName: v.persistentVolumeClaim.claimName }, 'claimName', () => `${vp()}/persistentVolumeClaim`, use, 'the pod stays Pending');
    const sources = isRecord(v.projected) ? list(v.projected.sources) : [];
    for (let j = 0; j < sources.length; j++) {
      const s = sources[j];
      if (!isRecord(s)) continue;
      add('ConfigMap', s.configMap, 'name', () => `${vp()}/projected/sources/${j}/configMap`, use, NO_MOUNT);
      add('Secret', s.secret, 'name', () => `${vp()}/projected/sources/${j}/secret`, use, NO_MOUNT);
    }
  }
  const pullSecrets = list(spec.imagePullSecrets);
  for (let i = 0; i < pullSecrets.length; i++) {
    add('Secret', pullSecrets[i], 'name', () => `${pointer}/imagePullSecrets/${i}`, () => 'imagePullSecrets', 'images from private registries fail to pull');
  }
  // serviceAccount is the deprecated spelling; the API server copies one to the other.
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const sa = str(spec[field]);
    if (sa && sa !== 'default') {
      add('ServiceAccount', { [field]: sa }, field, () => pointer, () => field, 'no pod can be created');
      break;
    }
  }
  return out;
}

export const missingReferenceRule: SetRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  description: 'ConfigMaps, Secrets, ServiceAccounts and PVCs that pod templates reference (and do not mark optional) are defined in the set.',
  check(objects): Issue[] {
    const index = setIndexOf(objects);
    if (index.templates.length === 0) return [];
    const issues: Issue[] = [];
    for (const t of index.templates) {
      const reported = new Set<string>();
      for (const r of missingReferencesOf(t, (kind, name) => index.find(kind, t.namespace, name) !== undefined)) {
        const key = keyOf(r.kind, t.namespace, r.name);
        if (reported.has(key)) continue;
        reported.add(key);
        issues.push(issueAt(t.o, ID, 'warning', r.pointer,
          `${showObject(t.o.json)} references ${r.kind} "${r.name}" (${r.use}), which is not defined in namespace "${t.namespace}" in this set; ${r.effect}`,
          `define the ${r.kind} in namespace "${t.namespace}", ${r.kind === 'ConfigMap' || r.kind === 'Secret' ? 'mark the reference optional: true, ' : ''}or ignore this if it already exists in the cluster`));
      }
    }
    return issues;
  },
};
