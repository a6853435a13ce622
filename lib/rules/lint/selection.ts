/**
 * Which pod templates a Service selector picks. Templates are indexed by namespace and label pair, so a set
 * with thousands of Services and workloads is matched in near-linear time rather than Services x templates.
 */
import { Located } from '../types';
import { isRecord, memo, namespaceOf, PodTemplate, podTemplatesOf } from './objects';

export type Selector = Readonly<Record<string, string>>;

class TemplateIndex {
  private readonly byPair = new Map<string, PodTemplate[]>();

  constructor(templates: readonly PodTemplate[]) {
    for (const t of templates) {
      for (const [k, v] of Object.entries(t.labels)) {
        const key = pairKey(t.namespace, k, v);
        const bucket = this.byPair.get(key);
        if (bucket) bucket.push(t);
        else this.byPair.set(key, [t]);
      }
    }
  }

  /** Templates in `namespace` whose labels include every pair of `selector` (which must not be empty). */
  public select(namespace: string, selector: Selector): PodTemplate[] {
    const pairs = Object.entries(selector);
    let smallest: PodTemplate[] | undefined;
    for (const [k, v] of pairs) {
      const bucket = this.byPair.get(pairKey(namespace, k, v)) ?? [];
      if (!smallest || bucket.length < smallest.length) smallest = bucket;
    }
    return (smallest ?? []).filter((t) => pairs.every(([k, v]) => t.labels[k] === v));
  }
}

/** The index of a set's pod templates (built once per set, shared by the Service lints). */
export const templateIndexOf = memo((objects) => new TemplateIndex(podTemplatesOf(objects)));

function pairKey(namespace: string, k: string, v: string): string {
  return `${namespace}\u0000${k}\u0000${v}`;
}

export interface SelectingService {
  readonly o: Located;
  readonly namespace: string;
  readonly selector: Selector;
}

/**
 * Services that select pods: a non-empty string map selector, and not ExternalName. Services without a
 * selector have their endpoints managed by hand (or by another controller) and are none of our business.
 */
export function selectingServices(objects: readonly Located[]): SelectingService[] {
  const out: SelectingService[] = [];
  for (const o of objects) {
    const j = o.json;
    if (!isRecord(j) || j.kind !== 'Service' || !isRecord(j.spec) || j.spec.type === 'ExternalName') continue;
    const sel = j.spec.selector;
    if (!isRecord(sel)) continue;
    const entries = Object.entries(sel).filter(([, v]) => typeof v === 'string') as [string, string][];
    if (entries.length === 0) continue;
    out.push({ o, namespace: namespaceOf(j), selector: Object.fromEntries(entries) });
  }
  return out;
}

export function showSelector(selector: Selector): string {
  return Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ');
}
