/**
 * ResourceQuota (v1): hard per-namespace totals. `hard` takes Kubernetes' own resource names, typed; the
 * helpers build the names that are easy to get wrong: `limitCount(ApiResource.ofKind('Deployment'), 10)` →
 * `count/deployments.apps`, `limitStorageClass(storageClass, ...)` → `<class>.storageclass.storage.k8s.io/...`.
 * Scopes are checked against the resources they can apply to, as the API server does.
 */
import { Construct } from 'constructs';
import { KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkQuantity, fail } from '../lib/util/check';
import { Quantity, isServerInteger, resourceQuantity } from '../lib/util/quantity';
import { ApiResource } from './rbac';
import { IPriorityClass } from './priority-class';

const OBJECT_COUNTS = ['pods', 'services', 'services.nodeports', 'services.loadbalancers', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims'] as const;
const COMPUTE = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'] as const;
const STANDARD = new Set<string>([...OBJECT_COUNTS, ...COMPUTE, 'ephemeral-storage', 'requests.ephemeral-storage', 'limits.ephemeral-storage', 'requests.storage']);

/** A quota resource name: a standard one, `count/<resource>[.<group>]`, `requests.<extended>`, hugepages, or storage-class scoped. */
export type QuotaResource =
  | (typeof OBJECT_COUNTS)[number] | (typeof COMPUTE)[number]
  | 'ephemeral-storage' | 'requests.ephemeral-storage' | 'limits.ephemeral-storage' | 'requests.storage'
  | `requests.hugepages-${string}` | `count/${string}` | `requests.${string}/${string}` | `${string}.storageclass.storage.k8s.io/${'requests.storage' | 'persistentvolumeclaims'}`;

export type QuotaScope = 'Terminating' | 'NotTerminating' | 'BestEffort' | 'NotBestEffort' | 'PriorityClass' | 'CrossNamespacePodAffinity';
const SCOPES: readonly QuotaScope[] = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];

/** One scopeSelector expression. Only PriorityClass takes values; the other scopes only `Exists`/`DoesNotExist`. */
export interface ScopeSelectorExpression {
  readonly scopeName: QuotaScope;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** @default - none (required for In and NotIn) */
  readonly values?: readonly string[];
}

export class ScopeSelector {
  /** Quota only pods of these priority classes. */
  public static priorityClassIn(...classes: IPriorityClass[]): ScopeSelectorExpression {
    return { scopeName: 'PriorityClass', operator: 'In', values: classes.map((c) => c.name) };
  }

  /** Quota only pods not of these priority classes. */
  public static priorityClassNotIn(...classes: IPriorityClass[]): ScopeSelectorExpression {
    return { scopeName: 'PriorityClass', operator: 'NotIn', values: classes.map((c) => c.name) };
  }
}

export interface ResourceQuotaProps extends KubeObjectProps {
  /** Hard totals by resource name; more with `limit()`, `limitCount()` and `limitStorageClass()`. @default - none (at least one is required) */
  readonly hard?: Readonly<Partial<Record<QuotaResource, Quantity>>>;
  /** Count only pods in these scopes. @default - all pods */
  readonly scopes?: readonly QuotaScope[];
  /** Like scopes, with operators (e.g. `ScopeSelector.priorityClassIn(high)`). @default - none */
  readonly scopeSelector?: readonly ScopeSelectorExpression[];
}

/** Scopes that only track pods and their compute resources (BestEffort pods have no compute to count). */
function scopeAllows(scope: QuotaScope, resource: string): boolean {
  if (!STANDARD.has(resource)) return true;
  if (scope === 'BestEffort') return resource === 'pods';
  return resource === 'pods' || (COMPUTE as readonly string[]).includes(resource);
}

const CONFLICTS: [QuotaScope, QuotaScope][] = [['Terminating', 'NotTerminating'], ['BestEffort', 'NotBestEffort']];
const QUOTA_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export class ResourceQuota extends KubeObject {
  private readonly hard = new Map<string, Quantity>();
  private readonly config: ResourceQuotaProps;

  constructor(scope: Construct, id: string, props: ResourceQuotaProps = {}) {
    super(scope, id, { apiVersion: 'v1', kind: 'ResourceQuota', namespaced: true }, props);
    this.config = props;
    for (const s of props.scopes ?? []) {
      if (!SCOPES.includes(s)) fail(this, 'the quota scope is not valid', s, SCOPES.join(', '), 'use one of the listed scopes', 'quota');
    }
    if (new Set(props.scopes).size !== (props.scopes ?? []).length) fail(this, 'a quota scope is listed twice', props.scopes, 'each scope once', 'remove the duplicate', 'quota');
    for (const e of props.scopeSelector ?? []) this.checkExpression(e);
    const all = [...(props.scopes ?? []), ...(props.scopeSelector ?? []).map((e) => e.scopeName)];
    for (const [a, b] of CONFLICTS) {
      if (all.includes(a) && all.includes(b)) fail(this, `the scopes ${a} and ${b} exclude each other, so the quota would match no pod`, all, 'at most one of them', `remove ${a} or ${b}`, 'quota');
    }
    for (const [k, q] of Object.entries(props.hard ?? {})) if (q !== undefined) this.limit(k as QuotaResource, q);
    if (this.hard.size === 0) fail(this, 'a ResourceQuota needs at least one hard limit', props.hard, 'hard: { pods: 10, "requests.cpu": "4", ... }', "set hard: { 'requests.cpu': '4', 'requests.memory': '8Gi' }", 'quota');
  }

  private checkExpression(e: ScopeSelectorExpression): void {
    if (!e || !SCOPES.includes(e.scopeName)) fail(this, 'a scopeSelector scopeName is not valid', e?.scopeName, SCOPES.join(', '), 'use one of the listed scopes', 'quota');
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) fail(this, 'a scopeSelector operator is not valid', e.operator, 'In, NotIn, Exists, DoesNotExist', 'use one of them', 'quota');
    const withValues = e.operator === 'In' || e.operator === 'NotIn';
    if (withValues && !e.values?.length) fail(this, `scopeSelector operator ${e.operator} needs values`, e, 'one or more values', 'list the priority class names (or use ScopeSelector.priorityClassIn)', 'quota');
    if (!withValues && e.values?.length) fail(this, `scopeSelector operator ${e.operator} takes no values`, e, 'no values', 'remove values, or use In', 'quota');
    if (e.scopeName !== 'PriorityClass' && e.operator !== 'Exists') fail(this, `the ${e.scopeName} scope can only be selected with the Exists operator`, e.operator, 'Exists', 'use operator: Exists (or put the scope in scopes)', 'quota');
  }

  /** Sets a hard limit by resource name (e.g. `limit('requests.cpu', '4')`). */
  public limit(resource: QuotaResource, value: Quantity): void {
    if (typeof resource !== 'string' || !QUOTA_NAME.test(resource) || (!resource.includes('/') && !STANDARD.has(resource) && !resource.startsWith('requests.hugepages-'))) {
      fail(this, 'the quota resource name is not valid', resource, `${[...STANDARD].join(', ')}, count/<resource>, requests.<vendor>/<name> or <class>.storageclass.storage.k8s.io/requests.storage`, 'use limitCount() or limitStorageClass() for object counts and storage classes', 'quota');
    }
    if (this.hard.has(resource)) fail(this, 'the quota resource is limited twice', resource, 'each resource once', 'remove one of the limits', 'quota');
    checkQuantity(this, `hard["${resource}"]`, value);
    // Object counts are whole numbers; the API server rejects "1.5" pods.
    if (((OBJECT_COUNTS as readonly string[]).includes(resource) || resource.startsWith('count/')) && !(typeof value === 'number' ? Number.isInteger(value) : /^\d+$/.test(value))) {
      fail(this, `hard["${resource}"] counts objects and must be a whole number`, value, 'a whole number such as 10', 'write an integer', 'quota');
    }
    // Names outside kubernetes.io that are not requests.* (storage-class limits, count/...) are extended resources,
    // which the API server counts in whole units: "1m" of a storage class's requests.storage is rejected.
    const extended = resource.includes('/') && !resource.includes('kubernetes.io/') && !resource.startsWith('requests.');
    const n = resourceQuantity(value);
    if (extended && n !== undefined && !isServerInteger(n)) {
      fail(this, `hard["${resource}"] is counted in whole units and must be an integer amount`, value, 'a whole amount such as 10 or "500Gi"', 'drop the fraction (and the "m" suffix)', 'quota');
    }
    const scopes = [...(this.config.scopes ?? []), ...(this.config.scopeSelector ?? []).map((e) => e.scopeName)];
    const bad = scopes.find((s) => !scopeAllows(s, resource));
    if (bad) fail(this, `the ${bad} scope does not track ${resource}`, resource, bad === 'BestEffort' ? 'pods only' : 'pods, cpu, memory, requests.cpu/memory, limits.cpu/memory', 'move this limit to a quota without scopes', 'quota');
    this.hard.set(resource, value);
  }

  /** Limits how many objects of a resource the namespace may hold (`count/deployments.apps`). */
  public limitCount(resource: ApiResource, count: number): void {
    const name = resource.apiGroup ? `${resource.resource}.${resource.apiGroup}` : resource.resource;
    if (resource.apiGroup === '*' || resource.resource.includes('*') || resource.resource.includes('/')) fail(this, 'object counts need one concrete resource', name, 'a resource such as ApiResource.ofKind("Deployment")', 'name the kind', 'quota');
    this.limit(`count/${name}`, count);
  }

  /** Limits the claims, and their total requested storage, of one StorageClass. */
  public limitStorageClass(storageClass: { readonly name: string }, limits: { readonly requestsStorage?: Quantity; readonly persistentVolumeClaims?: number }): void {
    const prefix = `${storageClass.name}.storageclass.storage.k8s.io/` as const;
    if (limits.requestsStorage !== undefined) this.limit(`${prefix}requests.storage`, limits.requestsStorage);
    if (limits.persistentVolumeClaims !== undefined) this.limit(`${prefix}persistentvolumeclaims`, limits.persistentVolumeClaims);
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const spec: Record<string, unknown> = { hard: Object.fromEntries(this.hard) };
    if (p.scopes?.length) spec.scopes = [...p.scopes];
    if (p.scopeSelector?.length) {
      spec.scopeSelector = { matchExpressions: p.scopeSelector.map((e) => (e.values?.length ? { scopeName: e.scopeName, operator: e.operator, values: [...e.values] } : { scopeName: e.scopeName, operator: e.operator })) };
    }
    return { spec };
  }
}
