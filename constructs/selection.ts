/** How Services, HPAs and rules find a workload's pods: one selector, derived once, used everywhere. */
import { IConstruct } from 'constructs';
import { KubeObject } from '../lib/app/object';
import { LABEL_INSTANCE, LABEL_NAME, LABEL_WORKLOAD, workloadLabelValue } from '../lib/app/labels';
import { checkLabels, checkOneOf, fail } from '../lib/util/check';
import { checkLabelKey, checkLabelValue } from '../lib/util/names';
import { Container } from './container';

/** Something whose pods can be selected: Pod, Deployment, ... */
export interface IPodSelector extends IConstruct {
  readonly name: string;
  /** The labels that select exactly this workload's pods. */
  readonly selectorLabels: Readonly<Record<string, string>>;
  readonly containers: readonly Container[];
}

/** Something an HPA can scale. */
export interface IScalable extends IPodSelector {
  readonly apiVersion: string;
  readonly kind: string;
  /** @internal called by HorizontalPodAutoscaler: the workload then leaves `replicas` to it. */
  _markAutoscaled(hpa: IConstruct): void;
}

/**
 * Selector labels: name and instance (stable for the life of the workload) plus the workload's own object
 * name, which makes two workloads under one component never select each other's pods.
 */
export function selectorLabelsOf(obj: KubeObject): Record<string, string> {
  const std = obj.standardLabels();
  const sel: Record<string, string> = {};
  if (std[LABEL_NAME]) sel[LABEL_NAME] = std[LABEL_NAME];
  if (std[LABEL_INSTANCE]) sel[LABEL_INSTANCE] = std[LABEL_INSTANCE];
  sel[LABEL_WORKLOAD] = workloadLabelValue(obj.name);
  return sel;
}

/** Pod template metadata: standard labels, the pod's own labels, and the selector labels last (they always win). */
export function podTemplateMetadata(obj: KubeObject, selector: Record<string, string>, podLabels?: Readonly<Record<string, string>>, podAnnotations?: Readonly<Record<string, string>>): Record<string, unknown> {
  const md: Record<string, unknown> = { labels: { ...obj.standardLabels(), ...podLabels, ...selector } };
  if (podAnnotations && Object.keys(podAnnotations).length) md.annotations = { ...podAnnotations };
  return md;
}

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Required (non-empty) for In and NotIn, forbidden otherwise. @default - none */
  readonly values?: readonly string[];
}

/** A label selector. An empty one (`{}`) selects everything. */
export interface LabelSelector {
  /** @default - no label constraint */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /** @default - no expression constraint */
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** True for a workload (or anything else whose pods have derived selector labels), false for a raw selector. */
export function isPodSelector(x: unknown): x is IPodSelector {
  return typeof x === 'object' && x !== null && 'selectorLabels' in x && 'node' in x;
}

/** The API server's label selector rules (ValidateLabelSelector), checked at construction. */
export function checkLabelSelector(where: IConstruct | string, field: string, s: LabelSelector): void {
  if (typeof s !== 'object' || s === null) fail(where, `${field} must be a label selector`, s, '{ matchLabels?, matchExpressions? }', 'pass {} to select everything');
  checkLabels(where, `${field}.matchLabels`, s.matchLabels);
  for (const e of s.matchExpressions ?? []) {
    const keyProblem = typeof e?.key === 'string' ? checkLabelKey(e.key) : 'a label key (a string)';
    if (keyProblem) fail(where, `${field}: expression key "${e?.key}" is not a valid label key`, e?.key, keyProblem, 'use a label key such as "tier"', 'label');
    checkOneOf(where, `${field}: expression operator`, e.operator, ['In', 'NotIn', 'Exists', 'DoesNotExist']);
    const values = e.values ?? [];
    if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) {
      fail(where, `${field}: operator ${e.operator} needs values`, e.key, 'at least one value', 'add values, or use Exists');
    }
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) {
      fail(where, `${field}: operator ${e.operator} takes no values`, values, 'no values', 'remove values, or use In');
    }
    for (const v of values) {
      const bad = typeof v === 'string' ? checkLabelValue(v) : 'a string';
      if (bad) fail(where, `${field}: expression value is not a valid label value`, v, bad, 'shorten it or replace other characters with "-"', 'label');
    }
  }
}

export function renderLabelSelector(s: LabelSelector): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.matchLabels && Object.keys(s.matchLabels).length) out.matchLabels = { ...s.matchLabels };
  if (s.matchExpressions?.length) {
    out.matchExpressions = s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values?.length ? { values: [...e.values] } : {}) }));
  }
  return out;
}
