/**
 * What an env variable's valueFrom source names (validateEnvVarValueFrom and the selectors it calls), shared
 * with downward API volumes: the pod fields and container resources a value may come from, and the ConfigMap
 * or Secret name and key syntax.
 */
import { checkDataKey, checkLabelKey, isDns1123Subdomain } from '../../util/names';
import { Obj, Sink, isObj, isStr, show } from './support';

/** Pod fields an env variable may read (spec.nodeName etc.); labels and annotations only with a subscript. */
const ENV_FIELDS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
/** Pod fields a downward API volume file may hold. */
export const VOLUME_FIELDS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels', 'metadata.annotations'];
const RESOURCE_FIELDS = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
/** The API versions whose field labels the server converts (fieldRef.apiVersion). */
const FIELD_API_VERSIONS = ['v1'];

/** A fieldRef (env or volume): why it is invalid (with the field it concerns), or undefined. */
export function fieldRefProblem(ref: Obj, allowed: readonly string[]): { field: string; problem: string } | undefined {
  const apiVersion = ref.apiVersion ?? 'v1';
  if (!FIELD_API_VERSIONS.includes(apiVersion)) return { field: 'apiVersion', problem: `apiVersion ${show(apiVersion)} is not supported for field references; use v1` };
  const fp = ref.fieldPath;
  if (!isStr(fp) || fp === '') return { field: 'fieldPath', problem: 'fieldPath is required' };
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fp);
  if (sub) {
    const key = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2];
    const bad = checkLabelKey(key);
    return bad ? { field: 'fieldPath', problem: `the key ${show(sub[2])} in ${show(fp)} is not a valid qualified name: ${bad}` } : undefined;
  }
  if (/\[/.test(fp)) return { field: 'fieldPath', problem: `${show(fp)} does not support a subscript; only metadata.labels['key'] and metadata.annotations['key'] do` };
  if (!allowed.includes(fp)) return { field: 'fieldPath', problem: `fieldPath ${show(fp)} is not supported; allowed: ${allowed.join(', ')}, metadata.labels['<key>'], metadata.annotations['<key>']` };
  return undefined;
}

/** A resourceFieldRef (env or volume): why it is invalid (with the field it concerns), or undefined. */
export function resourceRefProblem(ref: Obj, volume: boolean): { field: string; problem: string } | undefined {
  if (volume && (!isStr(ref.containerName) || ref.containerName === '')) return { field: 'containerName', problem: 'containerName is required in a downward API volume' };
  const r = ref.resource;
  if (!isStr(r) || r === '') return { field: 'resource', problem: 'resource is required' };
  const huge = r.startsWith('requests.hugepages-') || r.startsWith('limits.hugepages-');
  if (!RESOURCE_FIELDS.includes(r) && !huge) return { field: 'resource', problem: `resource ${show(r)} is not supported; allowed: ${RESOURCE_FIELDS.join(', ')}, requests.hugepages-<size>, limits.hugepages-<size>` };
  const d = ref.divisor;
  if (d === undefined || d === null || d === '' || d === 0 || d === '0') return undefined;
  const divisors = r.endsWith('.cpu') ? CPU_DIVISORS : BYTE_DIVISORS;
  if (!divisors.includes(String(d))) return { field: 'divisor', problem: `divisor ${show(d)} is not supported for ${r}; allowed: ${divisors.join(', ')}` };
  return undefined;
}

/** The valueFrom sources of every env variable of a container. */
export function checkEnvSources(c: Obj, p: string, out: Sink): void {
  const env = Array.isArray(c.env) ? c.env : [];
  env.forEach((e: unknown, j: number) => {
    if (!isObj(e) || !isObj(e.valueFrom)) return;
    const vp = `${p}/env/${j}/valueFrom`;
    const vf = e.valueFrom;
    const who = `env variable ${show(e.name)} of container ${show(c.name)}`;
    if (isObj(vf.fieldRef)) {
      const bad = fieldRefProblem(vf.fieldRef, ENV_FIELDS);
      if (bad) out.add(`${vp}/fieldRef/${bad.field}`, `${who}: ${bad.problem}`, 'use a supported pod field, e.g. metadata.name or status.podIP');
    }
    if (isObj(vf.resourceFieldRef)) {
      const bad = resourceRefProblem(vf.resourceFieldRef, false);
      if (bad) out.add(`${vp}/resourceFieldRef/${bad.field}`, `${who}: ${bad.problem}`, 'use e.g. resource: limits.memory with divisor 1Mi');
    }
    for (const k of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = vf[k];
      if (!isObj(ref)) continue;
      const kind = k === 'configMapKeyRef' ? 'ConfigMap' : 'Secret';
      if (!isStr(ref.name) || !isDns1123Subdomain(ref.name)) {
        const what = ref.name === undefined || ref.name === '' ? 'has no name' : `names ${show(ref.name)}, which is not a valid ${kind} name (DNS-1123 subdomain)`;
        out.add(`${vp}/${k}/name`, `${who}: ${k} ${what}; the API server requires one even when the reference is optional`, `name the ${kind}, e.g. "app-config"`);
      }
      const bad = isStr(ref.key) && ref.key !== '' ? checkDataKey(ref.key) ?? (ref.key.startsWith('..') ? 'a key must not start with ".."' : undefined) : 'a key is required';
      if (bad) out.add(`${vp}/${k}/key`, `${who}: ${k}.key ${show(ref.key)} is invalid: ${bad}`, `use a key of the ${kind}, e.g. "LOG_LEVEL"`);
    }
  });
}
