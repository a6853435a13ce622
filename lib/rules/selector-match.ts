/**
 * A workload's selector must select its own pod template (the apiserver rejects it otherwise:
 * "selector does not match template labels"). kubeforge derives both from one source; this rule catches a
 * mismatch introduced through an escape hatch, before it reaches a cluster.
 */
import { Issue } from '../util/errors';
import { ObjectRule } from './types';

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

export function matchesSelector(selector: Record<string, any>, labels: Record<string, string>): string | undefined {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return `matchLabels ${k}=${v} but the template has ${k in labels ? `${k}=${labels[k]}` : `no label ${k}`}`;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const val = labels[e.key];
    const ok =
      e.operator === 'In' ? has && (e.values ?? []).includes(val)
      : e.operator === 'NotIn' ? !has || !(e.values ?? []).includes(val)
      : e.operator === 'Exists' ? has
      : e.operator === 'DoesNotExist' ? !has
      : false;
    if (!ok) return `matchExpressions ${e.key} ${e.operator} ${JSON.stringify(e.values ?? [])} is not satisfied by the template labels`;
  }
  return undefined;
}

export const selectorMatchRule: ObjectRule = {
  id: 'selector-match',
  category: 'apiserver',
  defaultSeverity: 'error',
  description: 'A workload has a selector, and it matches its pod template labels.',
  check(obj, path): Issue[] {
    if (!WORKLOADS.has(obj?.kind)) return [];
    const selector = obj.spec?.selector;
    const labels = obj.spec?.template?.metadata?.labels ?? {};
    if (!selector) {
      // batch/v1 Jobs generate their selector; apps/v1 requires one.
      if (obj.kind === 'Job') return [];
      return [{
        ruleId: 'selector-match', severity: 'error', constructPath: path, jsonPointer: '/spec/selector',
        message: `${obj.kind} "${obj.metadata?.name}" has no spec.selector (required for apps/v1)`,
        fix: 'do not remove the selector kubeforge derives; change pod labels with podMetadata instead',
      }];
    }
    const empty = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
    const why = empty ? 'the selector is empty and would select every pod in the namespace' : matchesSelector(selector, labels);
    if (!why) return [];
    return [{
      ruleId: 'selector-match', severity: 'error', constructPath: path, jsonPointer: '/spec/selector',
      message: `${obj.kind} "${obj.metadata?.name}": spec.selector does not match spec.template.metadata.labels: ${why}`,
      fix: 'do not patch selector or template labels separately; kubeforge keeps them in sync (add pod labels with podMetadata)',
    }];
  },
};
