/**
 * Shared RBAC vocabulary: the API resource a rule names (group + PLURAL resource, derived from a kind, an
 * object or a class), typed policy rules, and the subjects a binding grants to. RBAC matches resources by their
 * plural REST name, so a singular (`horizontalpodautoscaler`, cdk8s-plus's bug) silently grants nothing.
 */
import { IConstruct } from 'constructs';
import { KubeObject } from '../lib/app/object';
import { fail } from '../lib/util/check';

/** Verbs the API server knows; custom verbs (e.g. `use`, `bind`, `escalate`, `impersonate`) are accepted too. */
export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | '*' | (string & {});

export const READ_VERBS: readonly Verb[] = ['get', 'list', 'watch'];
export const WRITE_VERBS: readonly Verb[] = ['create', 'update', 'patch', 'delete'];

/** Built-in kinds: [API group, plural resource]. Kinds not listed get the API server's own pluralization. */
const BUILTIN: Record<string, readonly [string, string]> = {
  Pod: ['', 'pods'],
  Service: ['', 'services'],
  ConfigMap: ['', 'configmaps'],
  Secret: ['', 'secrets'],
  Namespace: ['', 'namespaces'],
  Node: ['', 'nodes'],
  Endpoints: ['', 'endpoints'],
  Event: ['', 'events'],
  ServiceAccount: ['', 'serviceaccounts'],
  PersistentVolume: ['', 'persistentvolumes'],
  PersistentVolumeClaim: ['', 'persistentvolumeclaims'],
  ResourceQuota: ['', 'resourcequotas'],
  LimitRange: ['', 'limitranges'],
  ReplicationController: ['', 'replicationcontrollers'],
  Deployment: ['apps', 'deployments'],
  StatefulSet: ['apps', 'statefulsets'],
  DaemonSet: ['apps', 'daemonsets'],
  ReplicaSet: ['apps', 'replicasets'],
  ControllerRevision: ['apps', 'controllerrevisions'],
  Job: ['batch', 'jobs'],
  CronJob: ['batch', 'cronjobs'],
  HorizontalPodAutoscaler: ['autoscaling', 'horizontalpodautoscalers'],
  Ingress: ['networking.k8s.io', 'ingresses'],
  IngressClass: ['networking.k8s.io', 'ingressclasses'],
  NetworkPolicy: ['networking.k8s.io', 'networkpolicies'],
  StorageClass: ['storage.k8s.io', 'storageclasses'],
  CSIDriver: ['storage.k8s.io', 'csidrivers'],
  VolumeAttachment: ['storage.k8s.io', 'volumeattachments'],
  PodDisruptionBudget: ['policy', 'poddisruptionbudgets'],
  PriorityClass: ['scheduling.k8s.io', 'priorityclasses'],
  Role: ['rbac.authorization.k8s.io', 'roles'],
  ClusterRole: ['rbac.authorization.k8s.io', 'clusterroles'],
  RoleBinding: ['rbac.authorization.k8s.io', 'rolebindings'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io', 'clusterrolebindings'],
  Lease: ['coordination.k8s.io', 'leases'],
  EndpointSlice: ['discovery.k8s.io', 'endpointslices'],
  CustomResourceDefinition: ['apiextensions.k8s.io', 'customresourcedefinitions'],
  CertificateSigningRequest: ['certificates.k8s.io', 'certificatesigningrequests'],
};

/**
 * English pluralization for kinds outside the table (CRDs mostly follow it). A CRD declares its own plural: when
 * it differs, name it with `ApiResource.custom(group, plural)`.
 */
export function pluralOf(kind: string): string {
  const k = kind.toLowerCase();
  if (k.endsWith('s')) return `${k}es`;
  if (k.endsWith('y') && !/[aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → the core group ""). */
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

const RESOURCE_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[a-z0-9]([-a-z0-9]*[a-z0-9])?)?$|^\*$/;
const GROUP_NAME = /^$|^\*$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A REST resource of the API: a group and a plural resource name (optionally with a subresource, `pods/log`). */
export class ApiResource {
  /** The resource of a built-in or custom kind; a group is required for kinds outside the table. */
  public static ofKind(kind: string, apiGroup?: string): ApiResource {
    const known = BUILTIN[kind];
    if (known && (apiGroup === undefined || apiGroup === known[0])) return new ApiResource(known[0], known[1]);
    if (apiGroup === undefined) {
      fail('ApiResource.ofKind', `the kind "${kind}" is not a built-in kind, so its API group is unknown`, kind, `a built-in kind (${Object.keys(BUILTIN).join(', ')}) or an explicit apiGroup`, `pass the group: ApiResource.ofKind('${kind}', 'example.com')`, 'rbac');
    }
    return ApiResource.custom(apiGroup, pluralOf(kind));
  }

  /** The resource of an object's kind (a kubeforge construct or anything with apiVersion and kind). */
  public static of(obj: { readonly apiVersion: string; readonly kind: string }): ApiResource {
    return ApiResource.ofKind(obj.kind, groupOf(obj.apiVersion));
  }

  /** A resource given by its REST name, e.g. `custom('cert-manager.io', 'certificates')` or `custom('', 'pods/log')`. */
  public static custom(apiGroup: string, resource: string): ApiResource {
    if (typeof apiGroup !== 'string' || !GROUP_NAME.test(apiGroup)) {
      fail('ApiResource.custom', 'the API group is not valid', apiGroup, '"" (the core group), "*" or a DNS subdomain such as "apps"', 'use the part of apiVersion before the "/"', 'rbac');
    }
    if (typeof resource !== 'string' || !RESOURCE_NAME.test(resource)) {
      fail('ApiResource.custom', 'the resource is not a valid REST resource name', resource, 'a lower-case plural such as "deployments", "pods/log" or "*"', 'use the plural name kubectl api-resources shows', 'rbac');
    }
    return new ApiResource(apiGroup, resource);
  }

  /** Every resource of every group. */
  public static readonly ALL = new ApiResource('*', '*');

  private constructor(public readonly apiGroup: string, public readonly resource: string) {}

  /** A subresource of this resource, e.g. `ApiResource.ofKind('Pod').sub('log')`. */
  public sub(name: string): ApiResource {
    return ApiResource.custom(this.apiGroup, `${this.resource}/${name}`);
  }
}

/** What a rule grants on: a whole resource type, or one object (its name goes to resourceNames). */
export type RbacTarget = ApiResource | KubeObject | { readonly apiVersion: string; readonly kind: string; readonly name: string };

/** A resource rule as Kubernetes writes it, with typed verbs. */
export interface PolicyRule {
  readonly verbs: readonly Verb[];
  /** @default - none: a resource rule needs at least one group ("" is the core group) */
  readonly apiGroups?: readonly string[];
  /** Plural resource names. @default - none */
  readonly resources?: readonly string[];
  /** Restricts the rule to these object names (`list`/`watch` then need a metadata.name field selector). @default - all names */
  readonly resourceNames?: readonly string[];
  /** Non-resource paths such as `/healthz` or `/metrics` (ClusterRole only). @default - none */
  readonly nonResourceURLs?: readonly string[];
}

/** Turns targets into rules: one per group and resource set, and one per named object. */
export function rulesFor(verbs: readonly Verb[], targets: readonly RbacTarget[]): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const t of targets) {
    if (t instanceof ApiResource) rules.push({ apiGroups: [t.apiGroup], resources: [t.resource], verbs: [...verbs] });
    else {
      const r = ApiResource.of(t);
      rules.push({ apiGroups: [r.apiGroup], resources: [r.resource], resourceNames: [t.name], verbs: [...verbs] });
    }
  }
  return rules;
}

/** The API server's checks on one rule; `namespaced` is true for a Role. */
export function checkRule(where: IConstruct, rule: PolicyRule, namespaced: boolean): void {
  const list = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((s) => typeof s === 'string'));
  for (const f of ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
    if (!list(rule[f])) fail(where, `rule ${f} must be a list of strings`, rule[f], 'an array of strings', `write ${f}: ['...']`, 'rbac');
  }
  if (!rule.verbs?.length) fail(where, 'a rule needs at least one verb', rule, 'verbs such as get, list, watch', "add verbs: ['get', 'list', 'watch']", 'rbac');
  if (rule.verbs.some((v) => v === '')) fail(where, 'a rule verb is empty', rule.verbs, 'non-empty verbs', 'remove the empty string', 'rbac');
  if (rule.nonResourceURLs?.length) {
    if (namespaced) fail(where, 'a Role cannot grant non-resource URLs; they are cluster-wide', rule.nonResourceURLs, 'nonResourceURLs only in a ClusterRole', 'move the rule to a ClusterRole', 'rbac');
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      fail(where, 'a rule cannot name both resources and non-resource URLs', rule, 'either apiGroups + resources, or nonResourceURLs', 'split it into two rules', 'rbac');
    }
    for (const u of rule.nonResourceURLs) {
      if (!u.startsWith('/') && u !== '*') fail(where, 'a non-resource URL must start with "/"', u, 'a path such as "/healthz" or "/metrics", optionally ending in "*"', `write "/${u}"`, 'rbac');
      if (u.indexOf('*') >= 0 && u.indexOf('*') !== u.length - 1) fail(where, 'a "*" is allowed only at the end of a non-resource URL', u, 'a path such as "/api/*"', 'move the "*" to the end', 'rbac');
    }
    return;
  }
  if (!rule.apiGroups?.length) fail(where, 'a resource rule needs at least one API group', rule, '"" for the core group, or e.g. "apps"', "add apiGroups: [''] (core) or use allow(...) with an ApiResource", 'rbac');
  if (!rule.resources?.length) fail(where, 'a resource rule needs at least one resource', rule, 'plural resources such as "pods"', "add resources: ['pods']", 'rbac');
  for (const g of rule.apiGroups) if (!GROUP_NAME.test(g)) fail(where, 'a rule API group is not valid', g, '"", "*" or a DNS subdomain', 'use the part of apiVersion before the "/"', 'rbac');
  for (const r of rule.resources) {
    if (!RESOURCE_NAME.test(r)) fail(where, 'a rule resource is not a valid REST resource name', r, 'a lower-case plural such as "deployments" or "pods/log"', 'use ApiResource.ofKind(kind) to get the plural', 'rbac');
    const singular = Object.entries(BUILTIN).find(([k, [, plural]]) => r === k.toLowerCase() && r !== plural);
    if (singular) fail(where, `the rule names "${r}", a singular; RBAC matches plural resource names only, so it would grant nothing`, r, `"${singular[1][1]}"`, `use "${singular[1][1]}" or ApiResource.ofKind('${singular[0]}')`, 'rbac');
  }
}

/** Renders a rule with only the fields that are set. */
export function ruleJson(rule: PolicyRule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rule.apiGroups) out.apiGroups = [...rule.apiGroups];
  if (rule.resources?.length) out.resources = [...rule.resources];
  if (rule.resourceNames?.length) out.resourceNames = [...rule.resourceNames];
  if (rule.nonResourceURLs?.length) out.nonResourceURLs = [...rule.nonResourceURLs];
  out.verbs = [...rule.verbs];
  return out;
}

/** Someone a binding grants a role to: a ServiceAccount object, or a user or group known to the authenticator. */
export interface ISubject {
  /** @internal the subject as a RoleBinding writes it; `bindingNamespaced` is false for a ClusterRoleBinding. */
  _subjectJson(where: IConstruct, bindingNamespaced: boolean): Record<string, unknown>;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A user or group name from the cluster's authenticator (certificates, OIDC, ...). */
export class Subject implements ISubject {
  /** A user, e.g. `alice@example.com`. */
  public static user(name: string): Subject {
    return new Subject('User', name);
  }

  /** A group, e.g. `system:authenticated` or an OIDC group. */
  public static group(name: string): Subject {
    return new Subject('Group', name);
  }

  private constructor(public readonly kind: 'User' | 'Group', public readonly name: string) {
    if (typeof name !== 'string' || name.length === 0) {
      fail(`Subject.${kind.toLowerCase()}`, `a ${kind} subject needs a name`, name, 'a non-empty name as the authenticator reports it', `pass the ${kind.toLowerCase()} name`, 'rbac');
    }
  }

  /** @internal */
  public _subjectJson(): Record<string, unknown> {
    return { kind: this.kind, apiGroup: RBAC_GROUP, name: this.name };
  }
}

/** Something a binding can reference as its roleRef. */
export interface IRoleRef extends IConstruct {
  readonly name: string;
  readonly roleKind: 'Role' | 'ClusterRole';
}

export function roleRefJson(role: IRoleRef): Record<string, unknown> {
  return { apiGroup: RBAC_GROUP, kind: role.roleKind, name: role.name };
}
