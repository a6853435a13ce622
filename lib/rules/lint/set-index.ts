/**
 * What the set lints look up, sorted out of the set in one pass and shared by all of them: objects by name, pod
 * templates, and the objects of the few kinds that some lint starts from. Built once per set (memo).
 */
import { Located } from '../types';
import { isRecord, memo, namespaceOf, PodTemplate, podTemplateOf, str } from './objects';

/** An object that has a name, with its kind (if any) and namespace. */
export interface Named {
  readonly o: Located;
  readonly kind: string | undefined;
  readonly namespace: string;
}

export class SetIndex {
  /** Every named object, by name, in set order. Names are nearly unique, so lookups scan one or two entries. */
  private readonly named = new Map<string, Named[]>();
  private readonly templateByObject = new Map<Located, PodTemplate>();
  public readonly templates: PodTemplate[] = [];
  public readonly services: Located[] = [];
  public readonly hpas: Located[] = [];
  /** PersistentVolumeClaims, PersistentVolumes and StorageClasses, in set order. */
  public readonly storage: Located[] = [];
  public readonly limitRanges: Located[] = [];

  constructor(objects: readonly Located[]) {
    for (const o of objects) {
      const j = o.json;
      if (!isRecord(j)) continue;
      const name = isRecord(j.metadata) ? str(j.metadata.name) : undefined;
      if (name) {
        const entry: Named = { o, kind: str(j.kind), namespace: namespaceOf(j) };
        const same = this.named.get(name);
        if (same) same.push(entry);
        else this.named.set(name, [entry]);
      }
      switch (j.kind) {
        case 'Service': this.services.push(o); break;
        case 'HorizontalPodAutoscaler': this.hpas.push(o); break;
        case 'PersistentVolumeClaim': case 'PersistentVolume': case 'StorageClass': this.storage.push(o); break;
        case 'LimitRange': this.limitRanges.push(o); break;
        default: {
          const t = podTemplateOf(o);
          if (t) {
            this.templates.push(t);
            this.templateByObject.set(o, t);
          }
        }
      }
    }
  }

  /** The first object of the set with this kind, namespace and name. */
  public find(kind: string, namespace: string, name: string): Located | undefined {
    return this.named.get(name)?.find((e) => e.kind === kind && e.namespace === namespace)?.o;
  }

  /** Every object with this name, whatever its kind and namespace, in set order. */
  public withName(name: string): readonly Named[] {
    return this.named.get(name) ?? [];
  }

  /** The pod template of an object of the set, if it has one. */
  public templateOf(o: Located): PodTemplate | undefined {
    return this.templateByObject.get(o);
  }
}

export const setIndexOf = memo((objects) => new SetIndex(objects));
