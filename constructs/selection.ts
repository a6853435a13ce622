/** How Services, HPAs and rules find a workload's pods: one selector, derived once, used everywhere. */
import { IConstruct } from 'constructs';
import { KubeObject } from '../lib/app/object';
import { LABEL_INSTANCE, LABEL_NAME, LABEL_WORKLOAD, workloadLabelValue } from '../lib/app/labels';
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
