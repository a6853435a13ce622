/**
 * HorizontalPodAutoscaler specs as the API server checks them (autoscaling validation): replica bounds, the
 * scale target reference, metric sources that match their type, targets with positive values, and scaling
 * behavior policies.
 */
import { Issue } from '../../util/errors';
import { isPathSegmentName } from '../../util/names';
import { isQuantity, quantityValue } from '../../util/quantity';
import { ObjectRule } from '../types';
import { Obj, Sink, isInt, isObj, isStr, list, show, sink } from './support';

/** Metric type → the field that holds its source. */
const SOURCES = new Map<unknown, string>([
  ['Resource', 'resource'], ['ContainerResource', 'containerResource'], ['Pods', 'pods'], ['Object', 'object'], ['External', 'external'],
]);
const TARGET_TYPES = ['Utilization', 'Value', 'AverageValue'];
const MAX_WINDOW_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;

export const hpaSpecRule: ObjectRule = {
  id: 'hpa-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['HorizontalPodAutoscaler'],
  description: 'An HPA has valid replica bounds, a scale target with kind and name, metrics consistent with their type, and valid scaling policies.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'HorizontalPodAutoscaler' || !isObj(obj.spec)) return [];
    const spec = obj.spec;
    const out = sink('hpa-spec', path);
    checkReplicas(spec, out);
    checkTargetRef(spec.scaleTargetRef, '/spec/scaleTargetRef', 'scaleTargetRef', out);
    const t = spec.targetCPUUtilizationPercentage;
    if (t !== undefined && t !== null && (!isInt(t) || t < 1)) {
      out.add('/spec/targetCPUUtilizationPercentage', `targetCPUUtilizationPercentage is ${show(t)}; it must be an integer greater than 0`, 'use a percentage such as 70');
    }
    list(spec.metrics).forEach((m, i) => checkMetric(m, `/spec/metrics/${i}`, out));
    if (isObj(spec.behavior)) {
      for (const dir of ['scaleUp', 'scaleDown']) if (spec.behavior[dir] != null) checkRules(spec.behavior[dir], `/spec/behavior/${dir}`, dir, out);
    }
    return out.issues;
  },
};

function checkReplicas(spec: Obj, out: Sink): void {
  const min = spec.minReplicas;
  if (min !== undefined && min !== null) {
    if (min === 0) {
      out.add('/spec/minReplicas', 'minReplicas is 0; the API server requires at least 1 unless the HPAScaleToZero feature gate is enabled (and then an Object or External metric is needed)', 'set minReplicas to 1 or more (scaling to zero needs the HPAScaleToZero feature gate)');
    } else if (!isInt(min) || min < 1) {
      out.add('/spec/minReplicas', `minReplicas is ${show(min)}; it must be an integer of at least 1`, 'set minReplicas to 1 or more');
    }
  }
  const max = spec.maxReplicas;
  if (!isInt(max) || max < 1) {
    out.add('/spec/maxReplicas', `maxReplicas is ${max === undefined ? 'missing' : show(max)}; it must be an integer greater than 0`, 'set maxReplicas, e.g. 10');
  } else if (isInt(min) && max < min) {
    out.add('/spec/maxReplicas', `maxReplicas ${max} is less than minReplicas ${min}; it must be greater than or equal to minReplicas`, 'raise maxReplicas or lower minReplicas');
  }
}

/** A CrossVersionObjectReference: kind and name required, each usable as a URL path segment. */
function checkTargetRef(ref: unknown, p: string, field: string, out: Sink): void {
  if (!isObj(ref)) return out.add(p, `${field} is ${ref === undefined ? 'missing' : show(ref)}; the API server requires { apiVersion, kind, name }`, 'point it at the workload, e.g. { apiVersion: "apps/v1", kind: "Deployment", name: "web" }');
  for (const f of ['kind', 'name']) {
    const v = ref[f];
    if (!isStr(v) || v === '') out.add(`${p}/${f}`, `${field}.${f} is ${v === undefined ? 'missing' : show(v)}; it is required`, `set ${field}.${f}`);
    else if (!isPathSegmentName(v)) out.add(`${p}/${f}`, `${field}.${f} ${show(v)} may not contain "/" or "%" or be "." or ".."`, `use the target's ${f}`);
  }
}

function checkMetric(m: unknown, p: string, out: Sink): void {
  if (!isObj(m)) return out.add(p, `metric ${show(m)} must be an object with a type and its source`, 'write { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }');
  const field = SOURCES.get(m.type);
  if (!field) return out.add(`${p}/type`, `metric type ${show(m.type)} is not supported; allowed: ${[...SOURCES.keys()].join(', ')}`, 'use one of the listed types (case matters)');
  const present = [...SOURCES.values()].filter((f) => m[f] !== undefined && m[f] !== null);
  for (const extra of present.filter((f) => f !== field)) out.add(`${p}/${extra}`, `a ${m.type} metric may not also set ${extra}; the API server requires the source of its type only`, `remove ${extra}, or make it a separate metric`);
  const src = m[field];
  if (!isObj(src)) return out.add(`${p}/${field}`, `a ${m.type} metric needs ${field} (got ${show(src)})`, `add ${field} with the metric and its target`);
  const sp = `${p}/${field}`;
  if (m.type === 'Resource' || m.type === 'ContainerResource') {
    if (!isStr(src.name) || src.name === '') out.add(`${sp}/name`, `the ${m.type} metric has no resource name`, 'set name: "cpu" or "memory"');
    if (m.type === 'ContainerResource' && (!isStr(src.container) || src.container === '')) out.add(`${sp}/container`, 'the ContainerResource metric has no container name', 'set container to the name of the container to watch');
  } else {
    if (!isStr(src.metric?.name) || src.metric.name === '') out.add(`${sp}/metric/name`, `the ${m.type} metric has no metric.name`, 'set metric.name to the name the metrics API serves');
    if (m.type === 'Object') checkTargetRef(src.describedObject, `${sp}/describedObject`, 'describedObject', out);
  }
  checkTarget(m.type, src.target, `${sp}/target`, out);
}

function checkTarget(type: string, t: unknown, p: string, out: Sink): void {
  if (!isObj(t)) return out.add(p, `the ${type} metric has no target (got ${show(t)})`, 'add target, e.g. { type: "Utilization", averageUtilization: 70 }');
  if (!TARGET_TYPES.includes(t.type)) out.add(`${p}/type`, `target.type ${show(t.type)} is not supported; allowed: ${TARGET_TYPES.join(', ')}`, 'use Utilization, Value or AverageValue');
  for (const f of ['value', 'averageValue']) {
    if (t[f] !== undefined && t[f] !== null && !(isQuantity(t[f]) && quantityValue(t[f])! > 0)) out.add(`${p}/${f}`, `target.${f} ${show(t[f])} must be a positive quantity`, `give ${f} as a quantity such as "100m" or "500Mi"`);
  }
  const u = t.averageUtilization;
  if (u !== undefined && u !== null && (!isInt(u) || u < 1)) out.add(`${p}/averageUtilization`, `target.averageUtilization ${show(u)} must be an integer greater than 0 (a percentage of the request)`, 'use a percentage such as 70');
  const resource = type === 'Resource' || type === 'ContainerResource';
  if (t.type === 'Utilization' && (u === undefined || u === null)) {
    out.add(`${p}/averageUtilization`, 'target.type is Utilization but averageUtilization is not set', 'set averageUtilization (a percentage such as 70), or use type AverageValue with averageValue');
  } else if (resource && (u === undefined || u === null) && (t.averageValue === undefined || t.averageValue === null)) {
    out.add(p, `a ${type} metric target needs averageUtilization or averageValue; the API server does not accept value for resource metrics`, 'use { type: "Utilization", averageUtilization: 70 } or { type: "AverageValue", averageValue: "500m" }');
  }
  if (resource && u != null && t.averageValue != null) out.add(`${p}/averageValue`, `a ${type} metric target sets both averageUtilization and averageValue`, 'keep one of them');
}

function checkRules(rules: unknown, p: string, dir: string, out: Sink): void {
  if (!isObj(rules)) return out.add(p, `behavior.${dir} must be an object (got ${show(rules)})`, 'write { stabilizationWindowSeconds: 300, policies: [...] }');
  const w = rules.stabilizationWindowSeconds;
  if (w !== undefined && w !== null && (!isInt(w) || w < 0 || w > MAX_WINDOW_SECONDS)) {
    out.add(`${p}/stabilizationWindowSeconds`, `behavior.${dir}.stabilizationWindowSeconds ${show(w)} is out of range; allowed: 0 to ${MAX_WINDOW_SECONDS}`, 'use a window such as 300');
  }
  if (rules.selectPolicy !== undefined && !['Max', 'Min', 'Disabled'].includes(rules.selectPolicy)) {
    out.add(`${p}/selectPolicy`, `behavior.${dir}.selectPolicy ${show(rules.selectPolicy)} is not supported; allowed: Max, Min, Disabled`, 'use Max, Min or Disabled');
  }
  if (Array.isArray(rules.policies) && rules.policies.length === 0) {
    out.add(`${p}/policies`, `behavior.${dir}.policies is an empty list; the API server requires at least one policy`, 'add a policy or remove the empty list to get the defaults');
  }
  list(rules.policies).forEach((pol, i) => {
    const pp = `${p}/policies/${i}`;
    if (!isObj(pol)) return out.add(pp, `behavior.${dir}.policies[${i}] must be an object (got ${show(pol)})`, 'write { type: "Percent", value: 100, periodSeconds: 15 }');
    if (pol.type !== 'Pods' && pol.type !== 'Percent') out.add(`${pp}/type`, `policy type ${show(pol.type)} is not supported; allowed: Pods, Percent`, 'use Pods or Percent');
    if (!isInt(pol.value) || pol.value <= 0) out.add(`${pp}/value`, `policy value ${show(pol.value)} must be an integer greater than 0`, 'use e.g. 4 (pods) or 100 (percent)');
    if (!isInt(pol.periodSeconds) || pol.periodSeconds <= 0 || pol.periodSeconds > MAX_PERIOD_SECONDS) {
      out.add(`${pp}/periodSeconds`, `policy periodSeconds ${show(pol.periodSeconds)} is out of range; allowed: 1 to ${MAX_PERIOD_SECONDS}`, 'use e.g. 15 or 60');
    }
  });
}
