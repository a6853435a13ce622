/**
 * LimitRange (v1): per-namespace defaults and bounds for containers, pods and PVCs. Each type is its own typed
 * prop, so a type appears at most once and `default` cannot be set for pods (the API server forbids both).
 * Bounds are checked like the API server does: min ≤ defaultRequest ≤ default ≤ max, and a limit/request ratio
 * of at least 1 that max/min can satisfy.
 */
import { Construct } from 'constructs';
import { KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkQuantity, fail } from '../lib/util/check';
import { ExactQuantity, Quantity, limitRequestRatioCheck, resourceQuantity } from '../lib/util/quantity';

/** Compute resources by name: cpu, memory, ephemeral-storage, hugepages-<size>, or an extended `vendor/name`. */
export type ComputeResourceList = Readonly<Partial<Record<'cpu' | 'memory' | 'ephemeral-storage' | `hugepages-${string}` | `${string}/${string}`, Quantity>>>;

export interface PodLimits {
  /** Smallest request allowed. @default - no lower bound */
  readonly min?: ComputeResourceList;
  /** Largest limit allowed. @default - no upper bound */
  readonly max?: ComputeResourceList;
  /** Largest limit ÷ request allowed, per resource. @default - no bound */
  readonly maxLimitRequestRatio?: ComputeResourceList;
}

export interface ContainerLimits extends PodLimits {
  /** Limits given to containers that set none. @default - none */
  readonly default?: ComputeResourceList;
  /** Requests given to containers that set none. @default - the default limit, else none */
  readonly defaultRequest?: ComputeResourceList;
}

export interface StorageLimits {
  /** Smallest storage a claim may request. @default - no lower bound (one of min and max is required) */
  readonly min?: { readonly storage: Quantity };
  /** Largest storage a claim may request. @default - no upper bound (one of min and max is required) */
  readonly max?: { readonly storage: Quantity };
}

export interface LimitRangeProps extends KubeObjectProps {
  /** Per-container defaults and bounds. @default - none */
  readonly container?: ContainerLimits;
  /** Bounds on the sum over a pod's containers. @default - none */
  readonly pod?: PodLimits;
  /** Bounds on PersistentVolumeClaim storage requests. @default - none */
  readonly persistentVolumeClaim?: StorageLimits;
}

type Item = { readonly [K in 'default' | 'defaultRequest' | 'min' | 'max' | 'maxLimitRequestRatio']?: Readonly<Record<string, Quantity | undefined>> };
const FIELDS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;
/** cpu, memory and ephemeral-storage (Kubernetes' own resources, hugepages excepted) may have a limit above the request. */
const overcommitAllowed = (name: string) => (!name.includes('/') || name.includes('kubernetes.io/')) && !name.startsWith('hugepages-');
const RESOURCE = /^(cpu|memory|ephemeral-storage|hugepages-.+|[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;

export class LimitRange extends KubeObject {
  private readonly items: { type: string; item: Item }[] = [];

  constructor(scope: Construct, id: string, props: LimitRangeProps = {}) {
    super(scope, id, { apiVersion: 'v1', kind: 'LimitRange', namespaced: true }, props);
    if (props.pod && ('default' in props.pod || 'defaultRequest' in props.pod)) {
      fail(this, 'default and defaultRequest do not exist for pods', props.pod, 'min, max and maxLimitRequestRatio', 'move the defaults to container:', 'limit-range');
    }
    if (props.container) this.add('Container', 'container', props.container);
    if (props.pod) this.add('Pod', 'pod', props.pod);
    if (props.persistentVolumeClaim) {
      const pvc = props.persistentVolumeClaim;
      if (pvc.min?.storage === undefined && pvc.max?.storage === undefined) {
        fail(this, 'persistentVolumeClaim needs min or max storage', pvc, 'min: { storage } and/or max: { storage }', "set max: { storage: '100Gi' }", 'limit-range');
      }
      this.add('PersistentVolumeClaim', 'persistentVolumeClaim', pvc, /^storage$/);
    }
    if (this.items.length === 0) {
      fail(this, 'a LimitRange without limits has no effect', props, 'container, pod or persistentVolumeClaim limits', "set container: { defaultRequest: { cpu: '100m' } }", 'limit-range');
    }
  }

  private add(type: string, prop: string, item: Item, names = RESOURCE): void {
    const keys = new Set<string>();
    for (const f of FIELDS) {
      for (const [k, q] of Object.entries(item[f] ?? {})) {
        if (q === undefined) continue;
        if (!names.test(k)) fail(this, `${prop}.${f} names an unknown resource`, k, names === RESOURCE ? 'cpu, memory, ephemeral-storage, hugepages-<size> or vendor/name' : 'storage', `use ${names === RESOURCE ? '"cpu" or "memory"' : '"storage"'}`, 'limit-range');
        checkQuantity(this, `${prop}.${f}.${k}`, q);
        keys.add(k);
      }
    }
    const v = (f: (typeof FIELDS)[number], k: string) => {
      const q = item[f]?.[k];
      // As the server validates them: rounded up to milli units by its defaulting.
      return q === undefined ? undefined : resourceQuantity(q)!;
    };
    for (const k of keys) {
      const [max, min, def, req, ratio] = FIELDS.map((f) => v(f, k));
      const order: [string, ExactQuantity | undefined, string, ExactQuantity | undefined][] = [
        ['min', min, 'max', max], ['min', min, 'defaultRequest', req], ['defaultRequest', req, 'max', max],
        ['defaultRequest', req, 'default', def], ['min', min, 'default', def], ['default', def, 'max', max],
      ];
      for (const [lo, a, hi, b] of order) {
        if (a !== undefined && b !== undefined && a.cmp(b) > 0) {
          fail(this, `${prop}.${lo}.${k} is greater than ${prop}.${hi}.${k}`, { [lo]: item[lo as 'min']![k], [hi]: item[hi as 'max']![k] }, `${lo} ≤ ${hi}`, `lower ${lo} or raise ${hi}`, 'limit-range');
        }
      }
      // Hugepages and extended resources (vendor/name) cannot be overcommitted: a container's request is its limit.
      // The API server fills a missing default from max (Container items), and then compares it with defaultRequest.
      const effectiveDefault = def ?? (type === 'Container' ? max : undefined);
      if (effectiveDefault !== undefined && req !== undefined && !effectiveDefault.equals(req) && !overcommitAllowed(k)) {
        const given = def !== undefined ? { default: item.default![k], defaultRequest: item.defaultRequest![k] } : { max: item.max![k], defaultRequest: item.defaultRequest![k] };
        fail(this, `${prop}.defaultRequest.${k} differs from ${def !== undefined ? `${prop}.default.${k}` : `${prop}.max.${k} (the default when none is given)`}, but ${k} cannot be overcommitted`, given,
          'defaultRequest equal to default (or to max when there is no default) for hugepages and extended resources', 'give them the same value', 'limit-range');
      }
      if (ratio !== undefined) {
        if (ratio.cmp(ExactQuantity.of(1n)) < 0) fail(this, `${prop}.maxLimitRequestRatio.${k} is below 1, so no container could satisfy it (a limit is never below its request)`, item.maxLimitRequestRatio![k], 'at least 1', 'use e.g. 2', 'limit-range');
        // The API server compares the ratio with max/min in floating point (from MilliValue), so kubeforge does too.
        const check = min !== undefined && max !== undefined ? limitRequestRatioCheck(ratio, min, max) : undefined;
        if (check?.exceeds) {
          fail(this, `${prop}.maxLimitRequestRatio.${k} is larger than max/min allows`, item.maxLimitRequestRatio![k], `at most ${check.limit}`, 'lower the ratio or widen min/max', 'limit-range');
        }
      }
    }
    this.items.push({ type, item });
  }

  protected renderBody(): Record<string, unknown> {
    const limits = this.items.map(({ type, item }) => {
      const out: Record<string, unknown> = { type };
      for (const f of FIELDS) {
        const entries = Object.entries(item[f] ?? {}).filter(([, q]) => q !== undefined);
        if (entries.length) out[f] = Object.fromEntries(entries);
      }
      return out;
    });
    return { spec: { limits } };
  }
}
