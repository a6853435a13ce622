/**
 * Which pod templates a Service selector picks. Templates are indexed by namespace and label, so a set with
 * thousands of Services and workloads is matched in near-linear time rather than Services x templates.
 */
import { Located } from '../types';
import { isRecord, memo, namespaceOf, PodTemplate } from './objects';
import { setIndexOf } from './set-index';

export type Selector = Readonly<Record<string, string>>;

/**
 * Pod templates by namespace and one label at a time. A label key gets its map the first time a selector uses
 * it, so only the keys that selectors mention are indexed.
 */
class TemplateIndex {
  private readonly byKey = new Map<string, Map<string, Map<string, PodTemplate[]>>>();
  private readonly selected = new Map<SelectingService, PodTemplate[]>();

  constructor(private readonly templates: readonly PodTemplate[]) {}

  /** Templates in the Service's namespace whose labels include every pair of its selector (never empty). */
  public select(s: SelectingService): PodTemplate[] {
    const hit = this.selected.get(s);
    if (hit) return hit;
    const pairs = Object.entries(s.selector);
    // Any pair's templates contain the answer; the smallest set is the cheapest to filter (and one of at most
    // one template cannot be beaten, so the search stops there).
    let smallest: readonly PodTemplate[] | undefined;
    for (const [k, v] of pairs) {
      const bucket = this.withLabel(k).get(s.namespace)?.get(v) ?? [];
      if (!smallest || bucket.length < smallest.length) smallest = bucket;
      if (smallest.length <= 1) break;
    }
    const out = (smallest ?? []).filter((t) => pairs.every(([k, v]) => t.labels[k] === v));
    this.selected.set(s, out);
    return out;
  }

  /** Templates with label `key`, by namespace and value. */
  private withLabel(key: string): Map<string, Map<string, PodTemplate[]>> {
    let byNamespace = this.byKey.get(key);
    if (byNamespace) return byNamespace;
    byNamespace = new Map();
    for (const t of this.templates) {
      const v = t.labels[key];
      if (v === undefined || !Object.prototype.hasOwnProperty.call(t.labels, key)) continue;
      let byValue = byNamespace.get(t.namespace);
      if (!byValue) byNamespace.set(t.namespace, (byValue = new Map()));
      const bucket = byValue.get(v);
      if (bucket) bucket.push(t);
      else byValue.set(v, [t]);
    }
    this.byKey.set(key, byNamespace);
    return byNamespace;
  }
}

/** The index of a set's pod templates (built once per set, shared by the Service lints). */
export const templateIndexOf = memo((objects) => new TemplateIndex(setIndexOf(objects).templates));

export interface SelectingService {
  readonly o: Located;
  readonly namespace: string;
  readonly selector: Selector;
}

/**
 * Services that select pods: a non-empty string map selector, and not ExternalName. Services without a
 * selector have their endpoints managed by hand (or by another controller) and are none of our business.
 */
export const selectingServices = memo((objects: readonly Located[]): readonly SelectingService[] => {
  const out: SelectingService[] = [];
  for (const o of setIndexOf(objects).services) {
    const j = o.json;
    if (!isRecord(j.spec) || j.spec.type === 'ExternalName') continue;
    const sel = j.spec.selector;
    if (!isRecord(sel)) continue;
    const keys = Object.keys(sel);
    const strings = keys.filter((k) => typeof sel[k] === 'string');
    if (strings.length === 0) continue;
    // The selector itself when every value is a string (the usual case), else a copy of the string pairs.
    const selector = strings.length === keys.length ? sel : Object.fromEntries(strings.map((k) => [k, sel[k]]));
    out.push({ o, namespace: namespaceOf(j), selector });
  }
  return out;
});

export function showSelector(selector: Selector): string {
  return Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ');
}
