/**
 * Deterministic output order: first by kind (what must exist before what uses it, as Helm and kubectl users
 * expect: Namespaces, then storage and config, then workloads), then construct-tree order; explicit
 * construct dependencies (`a.addDependency(b)`) are honoured on top with a stable topological sort.
 */

const KIND_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PriorityClass',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];
const RANK = new Map(KIND_ORDER.map((k, i) => [k, i]));

export function kindRank(kind: string): number {
  return RANK.get(kind) ?? KIND_ORDER.length;
}

export interface Orderable {
  readonly kind: string;
  /** Indexes (into the same array) of items that must come first. */
  readonly after: readonly number[];
}

/**
 * Returns the order as indexes. Throws on a dependency cycle with the items involved.
 * O(n log n); the heap keeps the kind/tree order among items that are free to go.
 */
export function orderObjects(items: readonly Orderable[]): number[] {
  const key = (i: number) => kindRank(items[i].kind) * 1e9 + i;
  const hasDeps = items.some((it) => it.after.length > 0);
  if (!hasDeps) return items.map((_, i) => i).sort((a, b) => key(a) - key(b));

  const indegree = new Array<number>(items.length).fill(0);
  const dependents: number[][] = items.map(() => []);
  items.forEach((it, i) => {
    for (const d of new Set(it.after)) {
      if (d === i) continue;
      indegree[i]++;
      dependents[d].push(i);
    }
  });
  const heap = new MinHeap(key);
  indegree.forEach((d, i) => d === 0 && heap.push(i));
  const out: number[] = [];
  while (heap.size > 0) {
    const i = heap.pop();
    out.push(i);
    for (const j of dependents[i]) if (--indegree[j] === 0) heap.push(j);
  }
  if (out.length !== items.length) {
    const stuck = indegree.map((d, i) => (d > 0 ? i : -1)).filter((i) => i >= 0);
    throw new CycleError(stuck);
  }
  return out;
}

export class CycleError extends Error {
  constructor(public readonly members: number[]) {
    super('dependency cycle');
  }
}

class MinHeap {
  private readonly a: number[] = [];
  constructor(private readonly key: (i: number) => number) {}
  get size(): number {
    return this.a.length;
  }
  push(v: number): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key(a[p]) <= this.key(a[i])) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): number {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.key(a[l]) < this.key(a[m])) m = l;
        if (r < a.length && this.key(a[r]) < this.key(a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}
