/**
 * A workload's selector must select its own pod template (the API server rejects it otherwise:
 * "`selector` does not match template `labels`"). kubeforge derives both from one source; this rule catches a
 * mismatch introduced through an escape hatch or a hand-written manifest. Jobs and CronJobs get generated
 * selectors, so there the rule rejects hand-written ones the API server would refuse.
 */
import { Issue } from '../../util/errors';
import { ObjectRule } from '../types';
import { APPS_WORKLOADS, Obj, Sink, isObj, keys, list, show, sink, text, what } from './support';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Why `selector` does not select `labels`, or undefined when it does. */
export function matchesSelector(selector: Record<string, any>, labels: Record<string, string>): string | undefined {
  const matchLabels = selector.matchLabels;
  for (const k of keys(matchLabels)) {
    const v = matchLabels[k];
    if (labels[k] !== v) return `matchLabels ${k}=${text(v)} but the template has ${k in labels ? `${k}=${text(labels[k])}` : `no label ${k}`}`;
  }
  for (const e of list(selector.matchExpressions)) {
    if (!isObj(e)) continue;
    const has = e.key in labels;
    const values = list(e.values);
    const ok =
      e.operator === 'In' ? has && values.includes(labels[e.key])
      : e.operator === 'NotIn' ? !has || !values.includes(labels[e.key])
      : e.operator === 'Exists' ? has
      : !has;
    if (!ok) return `matchExpressions ${e.key} ${e.operator} ${JSON.stringify(values)} is not satisfied by the template labels`;
  }
  return undefined;
}

/** A selector the API server cannot parse is reported by object-metadata; matching it would only add noise. */
function parses(selector: Obj): boolean {
  return list(selector.matchExpressions).every((e) => isObj(e) && typeof e.key === 'string' && OPERATORS.has(e.operator));
}

export const selectorMatchRule: ObjectRule = {
  id: 'selector-match',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: [...APPS_WORKLOADS, 'Job', 'CronJob'],
  description: 'A workload has a non-empty selector that matches its pod template labels; Jobs and CronJobs leave the selector to the API server.',
  check(obj, path): Issue[] {
    if (!isObj(obj) || !isObj(obj.spec)) return [];
    const out = sink('selector-match', path);
    if (APPS_WORKLOADS.has(obj.kind)) checkAppsSelector(obj, out);
    else if (obj.kind === 'Job') checkJobSelector(obj, out);
    else if (obj.kind === 'CronJob') checkCronJobSelector(obj, out);
    return out.issues;
  },
};

function templateLabels(spec: Obj): Record<string, string> {
  const labels = spec.template?.metadata?.labels;
  return isObj(labels) ? labels : {};
}

function checkMatch(obj: Obj, selector: Obj, spec: Obj, out: Sink): void {
  if (!parses(selector)) return;
  const why = matchesSelector(selector, templateLabels(spec));
  if (why) {
    out.add('/spec/selector', `${what(obj)}: spec.selector does not match spec.template.metadata.labels: ${why}`, 'do not patch selector or template labels separately; kubeforge keeps them in sync (add pod labels with podMetadata)');
  }
}

function checkAppsSelector(obj: Obj, out: Sink): void {
  const selector = obj.spec.selector;
  if (selector === undefined || selector === null) {
    return out.add('/spec/selector', `${what(obj)} has no spec.selector (required for apps/v1)`, 'do not remove the selector kubeforge derives; change pod labels with podMetadata instead');
  }
  if (!isObj(selector)) return; // object-metadata reports the wrong type
  if (keys(selector.matchLabels).length === 0 && list(selector.matchExpressions).length === 0) {
    return out.add('/spec/selector', `${what(obj)} has an empty spec.selector; the API server rejects it because it would select every pod in the namespace`, 'select on the pod template\'s labels, e.g. matchLabels: { app: "web" }');
  }
  checkMatch(obj, selector, obj.spec, out);
}

function checkJobSelector(obj: Obj, out: Sink): void {
  const { selector, manualSelector } = obj.spec;
  if (manualSelector === true) {
    if (!isObj(selector)) return out.add('/spec/selector', `${what(obj)} sets manualSelector: true but has no spec.selector`, 'add a selector matching the pod template labels, or remove manualSelector');
    return checkMatch(obj, selector, obj.spec, out);
  }
  if (selector !== undefined && selector !== null) {
    out.add('/spec/selector', `${what(obj)} sets spec.selector ${show(selector)} without manualSelector: true; the API server generates a Job's selector and rejects this one ("selector not auto-generated")`, 'remove spec.selector (recommended), or set spec.manualSelector: true and make sure the selector matches only this Job\'s pods');
  }
}

function checkCronJobSelector(obj: Obj, out: Sink): void {
  const jobSpec = obj.spec.jobTemplate?.spec;
  if (!isObj(jobSpec)) return;
  if (jobSpec.selector !== undefined && jobSpec.selector !== null) {
    out.add('/spec/jobTemplate/spec/selector', `${what(obj)} sets jobTemplate.spec.selector; the API server forbids it because each Job's selector is generated`, 'remove jobTemplate.spec.selector');
  }
  if (jobSpec.manualSelector === true) {
    out.add('/spec/jobTemplate/spec/manualSelector', `${what(obj)} sets jobTemplate.spec.manualSelector: true; allowed: unset or false`, 'remove manualSelector');
  }
}
