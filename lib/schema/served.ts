/**
 * Fail-closed API checks: an apiVersion/kind that the target version does not serve is an error. The removed-API
 * facts (last minor that served it, replacement) come from the served-kind history the generator derived from
 * the specs of every minor since 1.15.
 */
import { getHistory, getVersionData, groupOf, gvkKey, minorNumber } from './data';
import { fieldMovesFor } from './moves';

export interface ApiProblem {
  readonly ruleId: 'removed-api' | 'unknown-api';
  readonly message: string;
  readonly fix: string;
}

export function isServedIn(minor: string, apiVersion: string, kind: string): boolean {
  return getVersionData(minor).kinds[gvkKey(apiVersion, kind)] !== undefined;
}

/** Kubernetes' version priority: GA before beta before alpha, then the higher number (v2 > v1 > v2beta2). */
function versionRank(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return -1;
  const stability = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return stability * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

/** Where `kind` is served in `minor`, best first: the same group first, then by version priority. */
export function servedAs(minor: string, kind: string, preferGroup: string): string[] {
  const found: string[] = [];
  for (const key of Object.keys(getVersionData(minor).kinds)) {
    const slash = key.lastIndexOf('/');
    if (key.slice(slash + 1) === kind) found.push(key.slice(0, slash));
  }
  const score = (av: string) => (groupOf(av) === preferGroup ? 1e7 : 0) + versionRank(av.slice(av.lastIndexOf('/') + 1));
  return found.sort((a, b) => score(b) - score(a) || a.localeCompare(b));
}

function nextMinor(minor: string): string {
  return `1.${minorNumber(minor) + 1}`;
}

/**
 * Why `minor` does not serve apiVersion/kind, as a removed-api or unknown-api problem; undefined when it does,
 * or when `customKinds` holds its "group/Kind" (a CustomResourceDefinition in the same set defines it).
 */
export function apiProblem(minor: string, apiVersion: string, kind: string, customKinds?: ReadonlySet<string>): ApiProblem | undefined {
  if (isServedIn(minor, apiVersion, kind)) return undefined;
  const group = groupOf(apiVersion);
  if (customKinds?.has(`${group}/${kind}`)) return undefined;
  const name = `${apiVersion} ${kind}`;
  const replacement = servedAs(minor, kind, group)[0];
  const span = getHistory().apis[gvkKey(apiVersion, kind)];
  if (span && minorNumber(span[1]) < minorNumber(minor)) {
    const moves = fieldMovesFor(gvkKey(apiVersion, kind));
    const removed = `${name} was removed in Kubernetes ${nextMinor(span[1])} (last served by ${span[1]}), so ${minor} does not serve it`;
    if (!replacement) {
      return { ruleId: 'removed-api', message: `${removed}; no API of kind ${kind} replaces it`, fix: moves ?? `remove the ${kind} or target Kubernetes ${span[1]}` };
    }
    return {
      ruleId: 'removed-api',
      message: `${removed}; its replacement is ${replacement} ${kind}`,
      fix: `set apiVersion: ${replacement}; ${moves ?? 'check the Kubernetes deprecated API migration guide for field changes'}`,
    };
  }
  if (span && minorNumber(span[0]) > minorNumber(minor)) {
    const alt = replacement ? ` or use ${replacement}, which ${minor} serves` : '';
    return { ruleId: 'unknown-api', message: `${name} is served from Kubernetes ${span[0]} on, not by ${minor}`, fix: `target Kubernetes ${span[0]} or newer${alt}` };
  }
  if (replacement) {
    return {
      ruleId: 'unknown-api',
      message: `Kubernetes ${minor} does not serve ${kind} as ${apiVersion}: ${kind} is served as ${servedAs(minor, kind, group).join(', ')}`,
      fix: `set apiVersion: ${replacement}`,
    };
  }
  const isBuiltinGroup = Object.keys(getVersionData(minor).kinds).some((k) => groupOf(k.slice(0, k.lastIndexOf('/'))) === group);
  if (isBuiltinGroup || !group) {
    return {
      ruleId: 'unknown-api',
      message: `Kubernetes ${minor} serves no kind ${kind} in ${apiVersion || 'the core group'}`,
      fix: 'check the spelling of kind (it is case-sensitive, e.g. "ConfigMap") and apiVersion',
    };
  }
  return {
    ruleId: 'unknown-api',
    message: `${name} is not a built-in API of Kubernetes ${minor}, and no CustomResourceDefinition in this set defines ${group}/${kind}`,
    fix: `add the CustomResourceDefinition for ${group}/${kind} to the set, or turn off unknown-api if the cluster already has it`,
  };
}
