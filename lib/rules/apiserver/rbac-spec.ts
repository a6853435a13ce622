/**
 * RBAC objects as the API server checks them (ValidateRole, ValidateClusterRole, ValidatePolicyRule,
 * ValidateRoleBinding, ValidateClusterRoleBinding, ValidateRoleBindingSubject): rules with verbs and either
 * resources (with apiGroups) or non-resource URLs (ClusterRoles only), aggregation selectors, role references
 * and subjects of a known kind with the right apiGroup and, for service accounts in cluster bindings, a
 * namespace. Empty apiGroups of role references and User/Group subjects are filled in by the API server.
 */
import { Issue } from '../../util/errors';
import { isDns1123Subdomain, isPathSegmentName } from '../../util/names';
import { ObjectRule } from '../types';
import { checkLabelSelector } from './label-syntax';
import { Obj, Sink, isObj, isStr, list, show, sink } from './support';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'];

export const rbacSpecRule: ObjectRule = {
  id: 'rbac-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  description: 'RBAC rules have verbs and resources with apiGroups (non-resource URLs only in ClusterRoles); bindings reference a Role or ClusterRole and name valid subjects.',
  check(obj, path): Issue[] {
    if (!isObj(obj)) return [];
    const out = sink('rbac-spec', path);
    switch (obj.kind) {
      case 'Role':
      case 'ClusterRole':
        list(obj.rules).forEach((r, i) => { if (isObj(r)) checkRule(r, `/rules/${i}`, obj.kind === 'Role', out); });
        if (obj.kind === 'ClusterRole' && isObj(obj.aggregationRule)) checkAggregation(obj.aggregationRule, out);
        break;
      case 'RoleBinding':
      case 'ClusterRoleBinding':
        checkBinding(obj, obj.kind === 'RoleBinding', out);
        break;
      default:
        break;
    }
    return out.issues;
  },
};

const nonEmpty = (v: unknown): boolean => Array.isArray(v) && v.length > 0;

function checkRule(r: Obj, base: string, namespaced: boolean, out: Sink): void {
  if (Array.isArray(r.verbs) && r.verbs.length === 0) {
    out.add(`${base}/verbs`, 'verbs is empty; every rule needs at least one verb', 'list the verbs to allow, e.g. ["get", "list", "watch"]');
  }
  if (nonEmpty(r.nonResourceURLs)) {
    if (namespaced) {
      out.add(`${base}/nonResourceURLs`, `a Role cannot grant non-resource URLs (${show(r.nonResourceURLs)}); they are not namespaced`, 'move the rule to a ClusterRole bound with a ClusterRoleBinding');
    }
    const mixed = ['apiGroups', 'resources', 'resourceNames'].filter((f) => nonEmpty(r[f]));
    if (mixed.length > 0) {
      out.add(`${base}/nonResourceURLs`, `the rule combines nonResourceURLs with ${mixed.join(', ')}; a rule applies to resources or to non-resource URLs, not both`, 'split it into two rules');
    }
    return;
  }
  if (!nonEmpty(r.apiGroups)) {
    out.add(`${base}/apiGroups`, `the rule has no apiGroups${r.apiGroups === undefined ? '' : ` (got ${show(r.apiGroups)})`}; a resource rule needs at least one API group`, 'add apiGroups: [""] for core resources (pods, services, ...), or the group of the resources, e.g. ["apps"]');
  }
  if (!nonEmpty(r.resources)) {
    out.add(`${base}/resources`, `the rule has no resources${r.resources === undefined ? '' : ` (got ${show(r.resources)})`}; a resource rule needs at least one resource`, 'list the resources, e.g. ["pods"], or use nonResourceURLs in a ClusterRole');
  }
}

function checkAggregation(a: Obj, out: Sink): void {
  const selectors = list(a.clusterRoleSelectors);
  if (selectors.length === 0) {
    out.add('/aggregationRule/clusterRoleSelectors', 'aggregationRule has no clusterRoleSelectors; at least one is required when aggregationRule is set', 'add a selector, e.g. { matchLabels: { "rbac.example.com/aggregate-to-view": "true" } }, or remove aggregationRule');
  }
  selectors.forEach((s, i) => checkLabelSelector(s, `/aggregationRule/clusterRoleSelectors/${i}`, out));
}

function checkBinding(obj: Obj, namespaced: boolean, out: Sink): void {
  const ref = obj.roleRef;
  if (isObj(ref)) {
    const group = ref.apiGroup ?? '';
    if (group !== '' && group !== RBAC_GROUP) {
      out.add('/roleRef/apiGroup', `roleRef.apiGroup ${show(group)} is not supported; allowed: ${RBAC_GROUP}`, `set apiGroup: ${RBAC_GROUP}`);
    }
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (isStr(ref.kind) && !kinds.includes(ref.kind)) {
      out.add('/roleRef/kind', `roleRef.kind ${show(ref.kind)} is not supported in a ${obj.kind}; allowed: ${kinds.join(', ')}`, namespaced ? 'use Role or ClusterRole' : 'use ClusterRole (a ClusterRoleBinding cannot bind a namespaced Role)');
    }
    if (ref.name === '') out.add('/roleRef/name', 'roleRef.name is empty', 'set the name of the role to bind');
    else if (isStr(ref.name) && !isPathSegmentName(ref.name)) out.add('/roleRef/name', `roleRef.name ${show(ref.name)} is invalid: it may not be "." or ".." and may not contain "/" or "%"`, 'use the name of the role');
  }
  list(obj.subjects).forEach((s, i) => { if (isObj(s)) checkSubject(s, `/subjects/${i}`, namespaced, out); });
}

function checkSubject(s: Obj, base: string, namespaced: boolean, out: Sink): void {
  if (s.name === '') out.add(`${base}/name`, 'the subject name is empty', 'set the name of the user, group or service account');
  const group = s.apiGroup ?? '';
  switch (s.kind) {
    case 'ServiceAccount':
      if (isStr(s.name) && s.name !== '' && !isDns1123Subdomain(s.name)) {
        out.add(`${base}/name`, `service account name ${show(s.name)} is invalid; allowed: a lowercase DNS-1123 subdomain`, 'use the name of the ServiceAccount, e.g. "deployer"');
      }
      if (group !== '') out.add(`${base}/apiGroup`, `a ServiceAccount subject has apiGroup ${show(group)}; it must be empty (ServiceAccounts are in the core group)`, 'remove apiGroup');
      if (!namespaced && (s.namespace === undefined || s.namespace === null || s.namespace === '')) {
        out.add(`${base}/namespace`, 'a ServiceAccount subject of a ClusterRoleBinding needs a namespace', 'set namespace to the namespace of the ServiceAccount');
      }
      break;
    case 'User':
    case 'Group':
      if (group !== '' && group !== RBAC_GROUP) {
        out.add(`${base}/apiGroup`, `a ${s.kind} subject has apiGroup ${show(group)}; allowed: ${RBAC_GROUP}`, `set apiGroup: ${RBAC_GROUP} (or leave it out)`);
      }
      break;
    default:
      if (isStr(s.kind)) out.add(`${base}/kind`, `subject kind ${show(s.kind)} is not supported; allowed: ${SUBJECT_KINDS.join(', ')}`, 'use ServiceAccount, User or Group (case matters)');
  }
}
