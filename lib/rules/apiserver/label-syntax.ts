/**
 * Syntax of label maps and label selectors (apimachinery's ValidateLabels / ValidateLabelSelector), shared by
 * the rules that meet them: object metadata, workload selectors, Service selectors and PVC selectors.
 */
import { checkLabelKey, checkLabelValue } from '../../util/names';
import { Sink, isObj, isStr, list, ptr, show } from './support';

/** Checks every key and value of a label map at `pointer` (`field` names it in messages, e.g. "label"). */
export function checkLabelMap(labels: unknown, pointer: string, field: string, out: Sink): void {
  if (labels === undefined || labels === null) return;
  if (!isObj(labels)) {
    out.add(pointer, `${field}s must be a map of strings to strings (got ${show(labels)})`, 'write them as { key: "value" }');
    return;
  }
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    const keyProblem = checkLabelKey(k);
    if (keyProblem) out.add(ptr(pointer, k), `${field} key ${show(k)} is invalid: ${keyProblem}`, 'use keys like "app.kubernetes.io/name" or "tier"');
    const valueProblem = isStr(v) ? checkLabelValue(v) : 'a label value must be a string';
    if (valueProblem) {
      out.add(ptr(pointer, k), `${field} ${k}=${show(v)} is invalid: ${valueProblem}`, 'shorten the value, replace other characters with "-", or quote numbers and booleans');
    }
  }
}

const SET_OPERATORS = new Set(['In', 'NotIn']);
const EXISTENCE_OPERATORS = new Set(['Exists', 'DoesNotExist']);

/** Checks a LabelSelector ({matchLabels, matchExpressions}) at `pointer`. */
export function checkLabelSelector(selector: unknown, pointer: string, out: Sink): void {
  if (selector === undefined || selector === null) return;
  if (!isObj(selector)) {
    out.add(pointer, `a label selector must be an object with matchLabels and/or matchExpressions (got ${show(selector)})`, 'write { matchLabels: { app: "web" } }');
    return;
  }
  checkLabelMap(selector.matchLabels, `${pointer}/matchLabels`, 'selector label', out);
  list(selector.matchExpressions).forEach((e, i) => {
    const p = `${pointer}/matchExpressions/${i}`;
    if (!isObj(e)) return out.add(p, `matchExpressions[${i}] must be an object with key, operator and values (got ${show(e)})`, 'write { key: "tier", operator: "In", values: ["web"] }');
    const keyProblem = isStr(e.key) ? checkLabelKey(e.key) : 'the key is required and must be a string';
    if (keyProblem) out.add(`${p}/key`, `matchExpressions[${i}].key ${show(e.key)} is invalid: ${keyProblem}`, 'use the label key the pods carry');
    const values = e.values;
    if (SET_OPERATORS.has(e.operator)) {
      if (!Array.isArray(values) || values.length === 0) {
        out.add(`${p}/values`, `matchExpressions[${i}] uses operator ${e.operator} with no values; the API server requires values for In and NotIn`, 'list at least one value, or use Exists / DoesNotExist');
      }
    } else if (EXISTENCE_OPERATORS.has(e.operator)) {
      if (Array.isArray(values) && values.length > 0) {
        out.add(`${p}/values`, `matchExpressions[${i}] uses operator ${e.operator} with values ${show(values)}; the API server forbids values for Exists and DoesNotExist`, 'remove values, or use In / NotIn');
      }
    } else {
      out.add(`${p}/operator`, `matchExpressions[${i}].operator ${show(e.operator)} is not a valid selector operator; allowed: In, NotIn, Exists, DoesNotExist`, 'use one of In, NotIn, Exists, DoesNotExist (case matters)');
    }
    list(values).forEach((v, j) => {
      const problem = isStr(v) ? checkLabelValue(v) : 'a selector value must be a string';
      if (problem) out.add(`${p}/values/${j}`, `matchExpressions[${i}].values[${j}] ${show(v)} is invalid: ${problem}`, 'use a valid label value (quote numbers and booleans)');
    });
  });
}
