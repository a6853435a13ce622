/**
 * Resource names as the API server classifies them (the core helper's standard, native, extended and quota
 * resource sets), for the rules on ResourceQuota and LimitRange. Not a rule.
 */
import { checkLabelKey } from '../../util/names';

const HUGEPAGES = 'hugepages-';
const REQUESTS_HUGEPAGES = 'requests.hugepages-';

const COMPUTE = ['cpu', 'memory', 'ephemeral-storage'];
const COUNTS = ['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers'];
const REQUESTS_LIMITS = [
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
];

/** Names a ResourceQuota's hard list takes without a domain prefix. */
export const STANDARD_QUOTA_RESOURCES: ReadonlySet<string> = new Set([...COMPUTE, ...REQUESTS_LIMITS, 'requests.storage', ...COUNTS]);
/** Every unprefixed resource name the API server knows (the quota names plus "storage"). */
const STANDARD_RESOURCES: ReadonlySet<string> = new Set([...STANDARD_QUOTA_RESOURCES, 'storage']);
const INTEGER_RESOURCES: ReadonlySet<string> = new Set(COUNTS);

const isQuotaHugePages = (n: string): boolean => n.startsWith(HUGEPAGES) || n.startsWith(REQUESTS_HUGEPAGES);
const unprefixed = (n: string): boolean => !n.includes('/');

/** Unprefixed names and names in the kubernetes.io domain. */
export const isNativeResource = (n: string): boolean => unprefixed(n) || n.includes('kubernetes.io/');

export function isExtendedResource(n: string): boolean {
  if (isNativeResource(n) || n.startsWith('requests.')) return false;
  return checkLabelKey(`requests.${n}`) === undefined;
}

/** Resources that may be overcommitted: native ones except huge pages. */
export const overcommitAllowed = (n: string): boolean => isNativeResource(n) && !n.startsWith(HUGEPAGES);

/** Resources counted in whole units (object counts and extended resources). */
export const isIntegerResource = (n: string): boolean => INTEGER_RESOURCES.has(n) || isExtendedResource(n);

/** validateResourceName: a qualified name, and a known one when it has no domain prefix. */
export function resourceNameProblem(n: string): string | undefined {
  const syntax = checkLabelKey(n);
  if (syntax) return syntax;
  if (unprefixed(n) && !STANDARD_RESOURCES.has(n) && !isQuotaHugePages(n)) return 'it must be a standard resource name (cpu, memory, storage, ...) or fully qualified (example.com/gpu)';
  return undefined;
}

/** ValidateContainerResourceName: what a container (or a Pod/Container LimitRange item) may name. */
export function containerResourceNameProblem(n: string): string | undefined {
  const base = resourceNameProblem(n);
  if (base) return base;
  if (unprefixed(n)) {
    if (!COMPUTE.includes(n) && !n.startsWith(HUGEPAGES)) return 'unprefixed, only cpu, memory, ephemeral-storage and hugepages-<size> apply to containers';
  } else if (!isNativeResource(n) && !isExtendedResource(n)) {
    return 'it does not follow the extended resource naming rules (domain/name)';
  }
  return undefined;
}

/** ValidateResourceQuotaResourceName. */
export function quotaResourceNameProblem(n: string): string | undefined {
  const base = resourceNameProblem(n);
  if (base) return base;
  if (unprefixed(n) && !STANDARD_QUOTA_RESOURCES.has(n) && !isQuotaHugePages(n)) {
    return `it is not a resource quota tracks; allowed unprefixed: ${[...STANDARD_QUOTA_RESOURCES].join(', ')}, hugepages-<size>, requests.hugepages-<size>`;
  }
  return undefined;
}

/** Is `n` a standard quota resource (the ones whose scopes the API server checks)? */
export const isStandardQuotaResource = (n: string): boolean => STANDARD_QUOTA_RESOURCES.has(n) || isQuotaHugePages(n);
