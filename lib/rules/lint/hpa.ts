/** HorizontalPodAutoscalers of the set and the workloads they scale. */
import { Located } from '../types';
import { isRecord, memo, namespaceOf, str } from './objects';
import { setIndexOf } from './set-index';

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

/** The HPAs' targets (shared by the HPA lints, which must not modify the list). */
export const scaledTargets = memo((objects: readonly Located[]): readonly ScaledTarget[] => {
  const index = setIndexOf(objects);
  const out: ScaledTarget[] = [];
  for (const hpa of index.hpas) {
    const ref = isRecord(hpa.json.spec) ? hpa.json.spec.scaleTargetRef : undefined;
    const kind = isRecord(ref) ? str(ref.kind) : undefined;
    const name = isRecord(ref) ? str(ref.name) : undefined;
    if (!kind || !name || !SCALABLE_KINDS.has(kind)) continue;
    const namespace = namespaceOf(hpa.json);
    out.push({ hpa, kind, name, namespace, target: index.find(kind, namespace, name) });
  }
  return out;
});
