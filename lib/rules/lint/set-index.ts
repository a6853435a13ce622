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

/** The kinds that lints look up by name (HPA targets, and what pod templates reference). */
const LOOKED_UP = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim']);

export class SetIndex {
  /**
   * Named objects of the looked-up kinds by name, in set order (names are nearly unique, so lookups scan one or
   * two entries); every named object only when some lint asks for another kind or for all of them.
   */
  private readonly named = new Map<string, Named[]>();
  private allNamed: Map<string, Named[]> | undefined;
  private readonly templateByObject = new Map<Located, PodTemplate>();
  public readonly templates: PodTemplate[] = [];
  public readonly services: Located[] = [];
  public readonly hpas: Located[] = [];
  /** PersistentVolumeClaims, PersistentVolumes and StorageClasses, in set order. */
  public readonly storage: Located[] = [];
  public readonly limitRanges: Located[] = [];

  constructor(private readonly objects: readonly Located[]) {
    for (const o of objects) {
      const j = o.json;
      if (!isRecord(j)) continue;
      if (LOOKED_UP.has(j.kind)) addNamed(this.named, o);
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
    const named = LOOKED_UP.has(kind) ? this.named : this.everyNamed();
    return named.get(name)?.find((e) => e.kind === kind && e.namespace === namespace)?.o;
  }

  /** Every object with this name, whatever its kind and namespace, in set order. */
  public withName(name: string): readonly Named[] {
    return this.everyNamed().get(name) ?? [];
  }

  private everyNamed(): Map<string, Named[]> {
    if (!this.allNamed) {
      this.allNamed = new Map();
      for (const o of this.objects) if (isRecord(o.json)) addNamed(this.allNamed, o);
    }
    return this.allNamed;
  }

  /** The pod template of an object of the set, if it has one. */
  public templateOf(o: Located): PodTemplate | undefined {
    return this.templateByObject.get(o);
  }
}

function addNamed(named: Map<string, Named[]>, o: Located): void {
  const name = isRecord(o.json.metadata) ? str(o.json.metadata.name) : undefined;
  if (!name) return;
  const entry: Named = { o, kind: str(o.json.kind), namespace: namespaceOf(o.json) };
  const same = named.get(name);
  if (same) same.push(entry);
  else named.set(name, [entry]);
}

export const setIndexOf = memo((objects) => new SetIndex(objects));
