/** HorizontalPodAutoscalers of the set and the workloads they scale. */
import { Located } from '../types';
import { indexObjects, isRecord, keyOf, namespaceOf, str } from './objects';

/** Kinds whose pods the HPA can find in a manifest set (custom resources with a scale subresource are skipped). */
export const SCALABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

export interface ScaledTarget {
  readonly hpa: Located;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** The target when the set defines it (same kind, name and namespace). */
  readonly target?: Located;
}

export function scaledTargets(objects: readonly Located[]): ScaledTarget[] {
  const hpas = objects.filter((o) => isRecord(o.json) && o.json.kind === 'HorizontalPodAutoscaler');
  if (hpas.length === 0) return [];
  const index = indexObjects(objects);
  const out: ScaledTarget[] = [];
  for (const hpa of hpas) {
    const ref = isRecord(hpa.json.spec) ? hpa.json.spec.scaleTargetRef : undefined;
    const kind = isRecord(ref) ? str(ref.kind) : undefined;
    const name = isRecord(ref) ? str(ref.name) : undefined;
    if (!kind || !name || !SCALABLE_KINDS.has(kind)) continue;
    const namespace = namespaceOf(hpa.json);
    out.push({ hpa, kind, name, namespace, target: index.get(keyOf(kind, namespace, name)) });
  }
  return out;
}
