/**
 * A Utilization target is a percentage of the pods' requests. If any container of the target lacks the
 * request, the HPA controller cannot compute it ("missing request for cpu") and never scales. An HPA with no
 * metrics defaults to 80% CPU utilization, so it needs cpu requests too. A LimitRange of the set that defaults
 * the request in that namespace fills the gap; one that only exists in the cluster would too, but is rare.
 */
import { Issue } from '../../util/errors';
import { Located, SetRule } from '../types';
import { appContainersOf, showObject, existingPointer, isRecord, issueAt, list, namespaceOf, str } from './objects';
import { scaledTargets } from './hpa';
import { setIndexOf } from './set-index';
import { hasRequest } from './resources';

const ID = 'hpa-no-requests';

/** A utilization metric: resource name, and the one container it is about (ContainerResource) if any. */
interface UtilizationMetric {
  readonly resource: string;
  readonly container?: string;
  readonly what: string;
}

function utilizationMetrics(hpa: Record<string, any>): UtilizationMetric[] {
  const spec = isRecord(hpa.spec) ? hpa.spec : {};
  if (hpa.apiVersion === 'autoscaling/v1' || 'targetCPUUtilizationPercentage' in spec) {
    const pct = typeof spec.targetCPUUtilizationPercentage === 'number' ? spec.targetCPUUtilizationPercentage : 80;
    return [{ resource: 'cpu', what: `targetCPUUtilizationPercentage ${pct}` }];
  }
  const metrics = list(spec.metrics).filter(isRecord);
  if (metrics.length === 0) return [{ resource: 'cpu', what: 'no metrics (the default: 80% CPU utilization)' }];
  const out: UtilizationMetric[] = [];
  for (const m of metrics) {
    const src = m.type === 'Resource' ? m.resource : m.type === 'ContainerResource' ? m.containerResource : undefined;
    if (!isRecord(src)) continue;
    const resource = str(src.name);
    // autoscaling/v2beta1 spelled the target as targetAverageUtilization.
    const utilization = (isRecord(src.target) && src.target.type === 'Utilization') || typeof src.targetAverageUtilization === 'number';
    if (!resource || !utilization) continue;
    const container = m.type === 'ContainerResource' ? str(src.container) : undefined;
    out.push({ resource, container, what: `a ${resource} Utilization metric${container ? ` on container "${container}"` : ''}` });
  }
  return out;
}

/** Resources a LimitRange of the set gives containers a default request for, by namespace. */
function defaultedRequests(limitRanges: readonly Located[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const o of limitRanges) {
    if (!isRecord(o.json.spec)) continue;
    const ns = namespaceOf(o.json);
    for (const l of list(o.json.spec.limits)) {
      if (!isRecord(l) || l.type !== 'Container') continue;
      // A default limit also becomes the request when no request is given.
      for (const field of [l.defaultRequest, l.default]) {
        if (!isRecord(field)) continue;
        const set = out.get(ns) ?? new Set<string>();
        for (const r of Object.keys(field)) set.add(r);
        out.set(ns, set);
      }
    }
  }
  return out;
}

export const hpaNoRequestsRule: SetRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'error',
  description: 'Every container of an HPA target requests each resource that the HPA scales on by Utilization.',
  check(objects): Issue[] {
    const targets = scaledTargets(objects).filter((t) => t.target);
    if (targets.length === 0) return [];
    const index = setIndexOf(objects);
    const defaulted = defaultedRequests(index.limitRanges);
    const issues: Issue[] = [];
    for (const t of targets) {
      const tpl = index.templateOf(t.target!);
      if (!tpl) continue;
      for (const m of utilizationMetrics(t.hpa.json)) {
        if (defaulted.get(t.namespace)?.has(m.resource)) continue;
        for (const x of appContainersOf(tpl.spec, tpl.pointer)) {
          const { c, name } = x;
          if ((m.container && name !== m.container) || hasRequest(c, m.resource)) continue;
          issues.push(issueAt(t.target!, ID, 'error', existingPointer(c, x.pointer, ['resources', 'requests']),
            `container "${name}" of ${showObject(t.target!.json)} has no ${m.resource} request, but ${showObject(t.hpa.json)} scales on ${m.what}; the HPA cannot compute it ("missing request for ${m.resource}") and never scales`,
            `set resources.requests.${m.resource} on container "${name}", or scale on an AverageValue target instead of Utilization`));
        }
      }
    }
    return issues;
  },
};
