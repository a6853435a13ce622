/**
 * The app.kubernetes.io/* recommended labels, derived from the construct tree:
 * - part-of:  the chart (the application), or the chart's `partOf`;
 * - name:     the first construct under the chart (e.g. `web`, or a grouping construct `shop`);
 * - component: the object's id inside such a grouping construct (`shop/db` → `db`);
 * - instance: `<part-of>-<name>`, unique per chart;
 * - version:  the policy's version, else the first container image's tag (workloads only);
 * - managed-by: kubeforge.
 * Selection uses only labels that never change for the life of a workload (name, instance, and the
 * workload's own object name), because a Deployment's selector is immutable.
 */
import { IConstruct } from 'constructs';
import { toLabelValue, shortHash } from '../util/names';

export const LABEL_NAME = 'app.kubernetes.io/name';
export const LABEL_INSTANCE = 'app.kubernetes.io/instance';
export const LABEL_VERSION = 'app.kubernetes.io/version';
export const LABEL_COMPONENT = 'app.kubernetes.io/component';
export const LABEL_PART_OF = 'app.kubernetes.io/part-of';
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
export const LABEL_WORKLOAD = 'kubeforge.io/workload';

export interface TreeIdentity {
  readonly partOf?: string;
  readonly name?: string;
  readonly instance?: string;
  readonly component?: string;
}

/**
 * Computes the tree-derived part of the standard labels.
 * @param scopes the construct's scopes from the root to itself (construct.node.scopes)
 * @param chartIndex index of the owning chart in `scopes`
 * @param isObject tells which scopes are Kubernetes objects (not grouping constructs)
 */
export function treeIdentity(scopes: readonly IConstruct[], chartIndex: number, partOf: string | undefined, isObject: (c: IConstruct) => boolean): TreeIdentity {
  const chart = scopes[chartIndex];
  const below = scopes.slice(chartIndex + 1);
  const part = toLabelValue(partOf ?? chart?.node.id ?? '');
  if (below.length === 0) return { partOf: part };
  const root = below[0];
  const name = toLabelValue(root.node.id);
  let component: string | undefined;
  if (!isObject(root)) {
    const firstObject = below.find(isObject);
    if (firstObject) component = toLabelValue(firstObject.node.id);
  }
  const instance = part && name ? toLabelValue(`${part}-${name}`) : name;
  return { partOf: part, name, instance, component };
}

/** A label value that identifies one workload, unique when its object name is. */
export function workloadLabelValue(objectName: string): string {
  if (objectName.length <= 63) return objectName;
  return `${objectName.slice(0, 54).replace(/[^a-z0-9]+$/, '')}-${shortHash(objectName)}`;
}
