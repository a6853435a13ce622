/**
 * HorizontalPodAutoscaler specs as the API server checks them on create (autoscaling validation, with the
 * options the registry strategy fills in from feature gates): replica bounds (minReplicas 0 only where
 * HPAScaleToZero is on by default in the target version, and then with an Object or External metric), the scale
 * target reference, each metric's source and target per type, and scaling behavior (policies, windows, and the
 * tolerance field where HPAConfigurableTolerance is on).
 */
import { Issue } from '../../util/errors';
import { isDns1123Label, isPathSegmentName } from '../../util/names';
import { exactQuantity } from '../../util/quantity';
import { featureEnabled } from '../../schema/lifecycle';
import { ObjectRule, RuleContext } from '../types';
import { Obj, Sink, isInt, isObj, isStr, list, show, sink } from './support';

/** Metric type -> the field that holds its source, in the order the server looks at the fields. */
const SOURCES = new Map<unknown, string>([
  ['Object', 'object'], ['External', 'external'], ['Pods', 'pods'], ['Resource', 'resource'], ['ContainerResource', 'containerResource'],
]);
const TARGET_TYPES = ['Utilization', 'Value', 'AverageValue'];
const MAX_WINDOW_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;
const set = (v: unknown) => v !== undefined && v !== null;

export const hpaSpecRule: ObjectRule = {
  id: 'hpa-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['HorizontalPodAutoscaler'],
  description: 'An HPA has valid replica bounds (scale to zero where the target version allows it), a scale target with kind, name and an API group, metrics consistent with their type, and valid scaling behavior.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    if (obj?.kind !== 'HorizontalPodAutoscaler' || !isObj(obj.spec)) return [];
    const spec = obj.spec;
    const out = sink('hpa-spec', path);
    const scaleToZero = featureEnabled('HPAScaleToZero', ctx?.k8sVersion);
    checkReplicas(spec, scaleToZero, out);
    checkTargetRef(spec.scaleTargetRef, '/spec/scaleTargetRef', 'scaleTargetRef', out, spec.scaleTargetRef?.kind === 'ReplicationController');
    const v1 = obj.apiVersion === 'autoscaling/v1';
    const t = spec.targetCPUUtilizationPercentage;
    if (v1 && set(t) && (!isInt(t) || t < 1)) {
      out.add('/spec/targetCPUUtilizationPercentage', `targetCPUUtilizationPercentage is ${show(t)}; it must be an integer greater than 0`, 'use a percentage such as 70');
    }
    const metrics = list(spec.metrics);
    metrics.forEach((m, i) => checkMetric(m, `/spec/metrics/${i}`, out));
    // An HPA without metrics gets a CPU metric by default (autoscaling/v1 always has one): never Object or External.
    if (spec.minReplicas === 0 && scaleToZero && !metrics.some((m) => isObj(m) && (m.type === 'Object' || m.type === 'External'))) {
      out.add(v1 || metrics.length === 0 ? '/spec/minReplicas' : '/spec/metrics', 'minReplicas is 0, but scaling to zero needs at least one Object or External metric (a CPU or memory metric has nothing to measure at zero pods)', 'add an Object or External metric, or set minReplicas to 1');
    }
    if (!v1 && isObj(spec.behavior)) {
      const tolerance = featureEnabled('HPAConfigurableTolerance', ctx?.k8sVersion);
      for (const dir of ['scaleUp', 'scaleDown']) if (set(spec.behavior[dir])) checkRules(spec.behavior[dir], `/spec/behavior/${dir}`, dir, tolerance, out);
    }
    return out.issues;
  },
};

function checkReplicas(spec: Obj, scaleToZero: boolean, out: Sink): void {
  const min = spec.minReplicas;
  const lower = scaleToZero ? 0 : 1;
  if (set(min) && isInt(min) && min < lower) {
    out.add('/spec/minReplicas', min === 0
      ? 'minReplicas is 0; this Kubernetes version requires at least 1 (the HPAScaleToZero feature gate, which allows 0, is off by default before 1.37)'
      : `minReplicas is ${show(min)}; it must be at least ${lower}`, 'set minReplicas to 1 or more');
  }
  const max = spec.maxReplicas;
  if (!set(max) || max === 0) {
    out.add('/spec/maxReplicas', `maxReplicas is ${set(max) ? '0' : 'missing'}; it must be set and greater than 0`, 'set maxReplicas, e.g. 10');
  } else if (isInt(max) && max < 0) {
    out.add('/spec/maxReplicas', `maxReplicas is ${max}; it must be at least 1`, 'set maxReplicas, e.g. 10');
  }
  if (isInt(min) && isInt(max) && max > 0 && max < min) {
    out.add('/spec/maxReplicas', `maxReplicas ${max} is less than minReplicas ${min}; it must be greater than or equal to minReplicas`, 'raise maxReplicas or lower minReplicas');
  }
}

/** Why an apiVersion string is not a group/version ("" and "v1" parse; more than one "/" does not). */
function groupVersionProblem(v: string): string | undefined {
  const parts = v.split('/');
  if (parts.length > 2) return `${show(v)} is not of the form group/version`;
  return undefined;
}

/** A CrossVersionObjectReference: kind and name required and usable as path segments; apiVersion a group/version. */
function checkTargetRef(ref: unknown, p: string, field: string, out: Sink, allowEmptyGroup: boolean): void {
  if (!isObj(ref)) return out.add(p, `${field} is ${ref === undefined ? 'missing' : show(ref)}; the API server requires { apiVersion, kind, name }`, 'point it at the workload, e.g. { apiVersion: "apps/v1", kind: "Deployment", name: "web" }');
  for (const f of ['kind', 'name']) {
    const v = ref[f];
    if (!isStr(v) || v === '') out.add(`${p}/${f}`, `${field}.${f} is ${v === undefined ? 'missing' : show(v)}; it is required`, `set ${field}.${f}`);
    else if (!isPathSegmentName(v)) out.add(`${p}/${f}`, `${field}.${f} ${show(v)} may not contain "/" or "%" or be "." or ".."`, `use the target's ${f}`);
  }
  const av = isStr(ref.apiVersion) ? ref.apiVersion : '';
  if (!set(ref.apiVersion) || isStr(ref.apiVersion)) {
    const bad = groupVersionProblem(av);
    if (bad) out.add(`${p}/apiVersion`, `${field}.apiVersion ${bad}`, 'write the group and version, e.g. apps/v1');
    else if (!allowEmptyGroup && !av.includes('/')) {
      out.add(`${p}/apiVersion`, `${field}.apiVersion is ${av === '' ? 'missing' : show(av)}; it must name an API group (only a ReplicationController target may use the core group)`, 'set apiVersion with its group, e.g. apps/v1 for a Deployment');
    }
  }
}

function checkMetric(m: unknown, p: string, out: Sink): void {
  if (!isObj(m)) return out.add(p, `metric ${show(m)} must be an object with a type and its source`, 'write { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }');
  const field = SOURCES.get(m.type);
  if (!field) out.add(`${p}/type`, `metric type ${m.type === undefined ? 'is missing' : show(m.type) + ' is not supported'}; allowed: ${[...SOURCES.keys()].join(', ')}`, 'use one of the listed types (case matters)');
  const present = [...SOURCES.entries()].filter(([, f]) => set(m[f]));
  // The server checks the first source present, and forbids the others only when more than one is set.
  const first = present[0];
  if (first) checkSource(first[0] as string, m[first[1]], `${p}/${first[1]}`, out);
  if (field && !set(m[field])) out.add(`${p}/${field}`, `a ${m.type} metric needs ${field}`, `add ${field} with the metric and its target`);
  if (present.length > 1) {
    for (const [, f] of present.filter(([, f]) => f !== field)) out.add(`${p}/${f}`, `a ${text(m.type)} metric may not also set ${f}; the API server requires the source of its type only`, `remove ${f}, or make it a separate metric`);
  }
}

const text = (v: unknown) => (isStr(v) ? v : show(v));

function checkSource(type: string, src: unknown, sp: string, out: Sink): void {
  if (!isObj(src)) return;
  const t = isObj(src.target) ? src.target : {};
  checkTarget(t, `${sp}/target`, out);
  const tp = `${sp}/target`;
  if (type === 'Resource' || type === 'ContainerResource') {
    if (!isStr(src.name) || src.name === '') out.add(`${sp}/name`, `the ${type} metric has no resource name`, 'set name: "cpu" or "memory"');
    else if (type === 'ContainerResource' && !src.name.includes('/') && !/^(cpu|memory|ephemeral-storage|hugepages-.+)$/.test(src.name)) {
      out.add(`${sp}/name`, `containerResource.name ${show(src.name)} is not a standard container resource (cpu, memory, ephemeral-storage, hugepages-<size>)`, 'use cpu or memory');
    }
    if (type === 'ContainerResource') {
      if (!isStr(src.container) || src.container === '') out.add(`${sp}/container`, 'the ContainerResource metric has no container name', 'set container to the name of the container to watch');
      else if (!isDns1123Label(src.container)) out.add(`${sp}/container`, `container ${show(src.container)} is not a valid container name (a DNS-1123 label: lower case letters, digits and "-", at most 63)`, 'use the name of a container of the pod');
    }
    if (!set(t.averageUtilization) && !set(t.averageValue)) {
      out.add(`${tp}/averageUtilization`, `a ${type} metric target needs averageUtilization or averageValue (value is not used for resource metrics)`, 'use { type: "Utilization", averageUtilization: 70 } or { type: "AverageValue", averageValue: "500m" }');
    } else if (set(t.averageUtilization) && set(t.averageValue)) {
      out.add(`${tp}/averageValue`, `a ${type} metric target sets both averageUtilization and averageValue`, 'keep one of them');
    }
    return;
  }
  checkMetricName(src.metric, `${sp}/metric`, type, out);
  if (type === 'Object') {
    checkTargetRef(src.describedObject, `${sp}/describedObject`, 'describedObject', out, true);
    if (!set(t.value) && !set(t.averageValue)) out.add(`${tp}/averageValue`, 'an Object metric target needs value or averageValue', 'set target.value (the metric of the object) or target.averageValue');
  } else if (type === 'External') {
    if (!set(t.value) && !set(t.averageValue)) out.add(`${tp}/averageValue`, 'an External metric target needs value or averageValue', 'set target.value or target.averageValue');
    else if (set(t.value) && set(t.averageValue)) out.add(`${tp}/value`, 'an External metric target may not set both value and averageValue', 'keep one of them');
  } else if (type === 'Pods' && !set(t.averageValue)) {
    out.add(`${tp}/averageValue`, 'a Pods metric target needs averageValue (a positive quantity per pod)', 'set target: { type: AverageValue, averageValue: "10" }');
  }
}

function checkMetricName(id: unknown, p: string, type: string, out: Sink): void {
  const name = isObj(id) ? id.name : undefined;
  if (!isStr(name) || name === '') out.add(`${p}/name`, `the ${type} metric has no metric.name`, 'set metric.name to the name the metrics API serves');
  else if (!isPathSegmentName(name)) out.add(`${p}/name`, `metric.name ${show(name)} may not contain "/" or "%" or be "." or ".."`, 'use the name the metrics API serves');
}

function checkTarget(t: Obj, p: string, out: Sink): void {
  if (!TARGET_TYPES.includes(t.type)) out.add(`${p}/type`, `target.type ${t.type === undefined ? 'is missing' : show(t.type) + ' is not supported'}; allowed: ${TARGET_TYPES.join(', ')}`, 'use Utilization, Value or AverageValue');
  for (const f of ['value', 'averageValue']) {
    if (set(t[f]) && (exactQuantity(t[f])?.sign ?? 1) <= 0) out.add(`${p}/${f}`, `target.${f} ${show(t[f])} must be a positive quantity`, `give ${f} as a quantity such as "100m" or "500Mi"`);
  }
  const u = t.averageUtilization;
  if (isInt(u) && u < 1) out.add(`${p}/averageUtilization`, `target.averageUtilization ${show(u)} must be greater than 0 (a percentage of the request)`, 'use a percentage such as 70');
}

function checkRules(rules: unknown, p: string, dir: string, tolerance: boolean, out: Sink): void {
  if (!isObj(rules)) return;
  const w = rules.stabilizationWindowSeconds;
  if (isInt(w) && (w < 0 || w > MAX_WINDOW_SECONDS)) {
    out.add(`${p}/stabilizationWindowSeconds`, `behavior.${dir}.stabilizationWindowSeconds ${show(w)} is out of range; allowed: 0 to ${MAX_WINDOW_SECONDS}`, 'use a window such as 300');
  }
  if (set(rules.selectPolicy) && !['Max', 'Min', 'Disabled'].includes(text(rules.selectPolicy))) {
    out.add(`${p}/selectPolicy`, `behavior.${dir}.selectPolicy ${show(rules.selectPolicy)} is not supported; allowed: Max, Min, Disabled`, 'use Max, Min or Disabled');
  }
  if (Array.isArray(rules.policies) && rules.policies.length === 0) {
    out.add(`${p}/policies`, `behavior.${dir}.policies is an empty list; the API server requires at least one policy`, 'add a policy or remove the empty list to get the defaults');
  }
  list(rules.policies).forEach((pol, i) => {
    const pp = `${p}/policies/${i}`;
    if (!isObj(pol)) return;
    if (pol.type !== 'Pods' && pol.type !== 'Percent') out.add(`${pp}/type`, `policy type ${show(pol.type)} is not supported; allowed: Pods, Percent`, 'use Pods or Percent');
    if (!set(pol.value) || (isInt(pol.value) && pol.value <= 0)) out.add(`${pp}/value`, `policy value ${set(pol.value) ? show(pol.value) : 'is missing and'} must be greater than 0`, 'use e.g. 4 (pods) or 100 (percent)');
    const s = pol.periodSeconds;
    if (!set(s) || (isInt(s) && (s <= 0 || s > MAX_PERIOD_SECONDS))) {
      out.add(`${pp}/periodSeconds`, `policy periodSeconds ${set(s) ? show(s) : '(missing)'} is out of range; allowed: 1 to ${MAX_PERIOD_SECONDS}`, 'use e.g. 15 or 60');
    }
  });
  // Without HPAConfigurableTolerance the server drops the field; with it, a negative quantity is rejected.
  const tol = rules.tolerance;
  if (tolerance && set(tol) && (exactQuantity(tol)?.sign ?? 0) < 0) {
    out.add(`${p}/tolerance`, `behavior.${dir}.tolerance ${show(tol)} must be a non-negative quantity`, 'use a fraction such as "0.05" (5%)');
  }
}
