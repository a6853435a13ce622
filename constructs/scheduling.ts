/**
 * Pod scheduling: node affinity, pod (anti-)affinity, tolerations and topology spread constraints, checked at
 * construction as the API server checks them (validateAffinity, validateTolerations,
 * validateTopologySpreadConstraints). Pod terms take a workload object, selected by its derived selector
 * labels (and its namespace when it lives in another one), or a raw label selector.
 */
import { IConstruct } from 'constructs';
import { INamespace, namespaceOf } from '../lib/app/object';
import { checkIntRange, checkOneOf, fail } from '../lib/util/check';
import { checkLabelKey, checkLabelValue, isDns1123Label } from '../lib/util/names';
import { checkLabelSelector, IPodSelector, isPodSelector, LabelSelector, renderLabelSelector } from './selection';

export type NodeSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface NodeSelectorRequirement {
  /** A node label key, e.g. `kubernetes.io/arch` or `topology.kubernetes.io/zone`. */
  readonly key: string;
  readonly operator: NodeSelectorOperator;
  /** In/NotIn: one or more; Exists/DoesNotExist: none; Gt/Lt: exactly one integer. @default - none */
  readonly values?: readonly string[];
}

/** The expressions of one term must all hold (AND); several required terms are alternatives (OR). */
export interface NodeSelectorTerm {
  /** Requirements on node labels. @default - none */
  readonly matchExpressions?: readonly NodeSelectorRequirement[];
  /** Requirements on node fields: only `metadata.name` with In/NotIn and one value. @default - none */
  readonly matchFields?: readonly NodeSelectorRequirement[];
}

export interface WeightedNodeSelectorTerm extends NodeSelectorTerm {
  /** 1-100: added to a node's score when the term matches. */
  readonly weight: number;
}

export interface PodAffinityTerm {
  /** The pods: a workload (its own pods, by its selector labels) or a label selector. */
  readonly pods: IPodSelector | LabelSelector;
  /** The node label that defines a domain, e.g. `kubernetes.io/hostname` (same node) or `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /**
   * Namespaces to look for the pods in.
   * @default - a workload's own namespace; for a label selector, this pod's namespace
   */
  readonly namespaces?: readonly INamespace[];
}

export interface WeightedPodAffinityTerm extends PodAffinityTerm {
  /** 1-100: added to a node's score when the term matches. */
  readonly weight: number;
}

/** Hard rules (`required`, the pod stays Pending until they hold) and soft ones (`preferred`, weighted). */
export interface AffinityRules<R, P> {
  /** @default - none */
  readonly required?: readonly R[];
  /** @default - none */
  readonly preferred?: readonly P[];
}

export interface Affinity {
  /** Which nodes the pod may run on (required terms are ORed). @default - any node */
  readonly nodeAffinity?: AffinityRules<NodeSelectorTerm, WeightedNodeSelectorTerm>;
  /** Run in the same topology domain as these pods. @default - none */
  readonly podAffinity?: AffinityRules<PodAffinityTerm, WeightedPodAffinityTerm>;
  /** Stay out of the topology domains of these pods. @default - none */
  readonly podAntiAffinity?: AffinityRules<PodAffinityTerm, WeightedPodAffinityTerm>;
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Toleration {
  /** The taint key. An empty key with operator Exists tolerates every taint. @default - every key (needs Exists) */
  readonly key?: string;
  /** @default 'Equal' */
  readonly operator?: 'Equal' | 'Exists';
  /** The taint value (Equal only). @default '' */
  readonly value?: string;
  /** @default - every effect */
  readonly effect?: TaintEffect;
  /** How long the pod stays bound after a NoExecute taint appears (NoExecute only). @default - forever */
  readonly tolerationSeconds?: number;
}

export interface TopologySpreadConstraint {
  /** The node label that defines a domain, e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /** The pods counted: a workload or a label selector. @default - this workload's own pods */
  readonly pods?: IPodSelector | LabelSelector;
  /** How uneven the domains may get (at least 1). @default 1 */
  readonly maxSkew?: number;
  /** @default 'DoNotSchedule' (Kubernetes has no default; this is the hard form) */
  readonly whenUnsatisfiable?: 'DoNotSchedule' | 'ScheduleAnyway';
  /** Fewer eligible domains count as skew (DoNotSchedule only). @default - Kubernetes' default (1) */
  readonly minDomains?: number;
  /** Pod label keys whose values narrow the count to pods like this one, e.g. `pod-template-hash`. @default - none */
  readonly matchLabelKeys?: readonly string[];
  /** @default - Kubernetes' default (Honor) */
  readonly nodeAffinityPolicy?: 'Honor' | 'Ignore';
  /** @default - Kubernetes' default (Ignore) */
  readonly nodeTaintsPolicy?: 'Honor' | 'Ignore';
}

/** Options of `workload.spread()`: the workload's own pods, spread over topology domains. */
export interface SpreadOptions {
  /** @default 'topology.kubernetes.io/zone' */
  readonly topologyKey?: string;
  /** @default 1 */
  readonly maxSkew?: number;
  /** @default 'ScheduleAnyway' (a spread never blocks scheduling unless asked to) */
  readonly whenUnsatisfiable?: 'DoNotSchedule' | 'ScheduleAnyway';
  /** DoNotSchedule only. @default - Kubernetes' default (1) */
  readonly minDomains?: number;
  /** @default - `pod-template-hash` for a Deployment (old and new ReplicaSets spread apart during a rollout), else none */
  readonly matchLabelKeys?: readonly string[];
  /** @default - Kubernetes' default (Honor) */
  readonly nodeAffinityPolicy?: 'Honor' | 'Ignore';
  /** @default - Kubernetes' default (Ignore) */
  readonly nodeTaintsPolicy?: 'Honor' | 'Ignore';
}

const NODE_OPERATORS: readonly NodeSelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function checkQualifiedKey(where: IConstruct, field: string, key: unknown, example: string): void {
  const bad = typeof key === 'string' && key !== '' ? checkLabelKey(key) : 'a non-empty label key';
  if (bad) fail(where, `${field} is not a valid label key`, key, bad, `use a node label key such as "${example}"`, 'label');
}

function checkWeight(where: IConstruct, field: string, w: unknown): void {
  if (w === undefined) fail(where, `${field} needs a weight`, w, 'an integer from 1 to 100', 'set weight, e.g. 50');
  checkIntRange(where, `${field}.weight`, w as number, 1, 100, 'use a weight from 1 to 100');
}

function checkNodeRequirement(where: IConstruct, field: string, r: NodeSelectorRequirement, isField: boolean): void {
  if (typeof r !== 'object' || r === null) fail(where, `${field} must be a requirement`, r, '{ key, operator, values? }', "write { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }");
  checkOneOf(where, `${field}.operator`, r.operator, isField ? ['In', 'NotIn'] : NODE_OPERATORS);
  const values = r.values ?? [];
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) fail(where, `${field}.values must be strings`, values, 'an array of strings', 'quote the values, e.g. ["2"]');
  if (isField) {
    if (r.key !== 'metadata.name') fail(where, `${field}.key is not a supported node field`, r.key, 'metadata.name', "use matchExpressions for node labels, or key 'metadata.name'");
    if (values.length !== 1) fail(where, `${field} needs exactly one value (a node name)`, values, 'one value', 'list one node name per requirement');
    return;
  }
  checkQualifiedKey(where, `${field}.key`, r.key, 'kubernetes.io/arch');
  const op = r.operator;
  if ((op === 'In' || op === 'NotIn') && values.length === 0) fail(where, `${field}: operator ${op} needs values`, r.key, 'at least one value', 'add values, or use Exists');
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) fail(where, `${field}: operator ${op} takes no values`, values, 'no values', 'remove values, or use In');
  if (op === 'Gt' || op === 'Lt') {
    if (values.length !== 1 || !/^[+-]?\d{1,18}$/.test(values[0])) {
      fail(where, `${field}: operator ${op} needs exactly one integer value`, values, 'one value that is an integer, e.g. ["4"]', 'give a single whole number as a string');
    }
  }
}

function checkNodeTerm(where: IConstruct, field: string, t: NodeSelectorTerm): void {
  if (typeof t !== 'object' || t === null) fail(where, `${field} must be a node selector term`, t, '{ matchExpressions?, matchFields? }', "write { matchExpressions: [{ key, operator, values }] }");
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  // An empty term matches no node at all: always a mistake.
  if (exprs.length + fields.length === 0) fail(where, `${field} has no requirements, so it matches no node`, t, 'at least one matchExpressions or matchFields entry', 'add a requirement, or remove the term');
  exprs.forEach((r, i) => checkNodeRequirement(where, `${field}.matchExpressions[${i}]`, r, false));
  fields.forEach((r, i) => checkNodeRequirement(where, `${field}.matchFields[${i}]`, r, true));
}

function checkPodTerm(where: IConstruct, field: string, t: PodAffinityTerm): void {
  if (typeof t !== 'object' || t === null) fail(where, `${field} must be a pod affinity term`, t, '{ pods, topologyKey }', "write { pods: otherWorkload, topologyKey: 'kubernetes.io/hostname' }");
  if (t.pods === undefined) fail(where, `${field} needs pods`, undefined, 'a workload or a label selector', 'set pods: to a Deployment (or another workload) or a { matchLabels } selector');
  if (!isPodSelector(t.pods)) checkLabelSelector(where, `${field}.pods`, t.pods);
  checkQualifiedKey(where, `${field}.topologyKey`, t.topologyKey, 'kubernetes.io/hostname');
  for (const ns of t.namespaces ?? []) {
    if (typeof ns?.name !== 'string' || !isDns1123Label(ns.name)) fail(where, `${field}.namespaces holds an invalid namespace`, ns?.name, 'Namespace objects', 'pass Namespace objects or Namespace.fromName(...)');
  }
}

/** Checks one Affinity as the API server would (weights 1-100, topologyKey required, operator/value rules). */
export function checkAffinity(where: IConstruct, a: Affinity): void {
  if (typeof a !== 'object' || a === null) fail(where, 'affinity must be an object', a, '{ nodeAffinity?, podAffinity?, podAntiAffinity? }', 'pass { nodeAffinity: { required: [...] } }');
  const na = a.nodeAffinity;
  (na?.required ?? []).forEach((t, i) => checkNodeTerm(where, `affinity.nodeAffinity.required[${i}]`, t));
  (na?.preferred ?? []).forEach((t, i) => {
    checkWeight(where, `affinity.nodeAffinity.preferred[${i}]`, t?.weight);
    checkNodeTerm(where, `affinity.nodeAffinity.preferred[${i}]`, t);
  });
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    (a[kind]?.required ?? []).forEach((t, i) => checkPodTerm(where, `affinity.${kind}.required[${i}]`, t));
    (a[kind]?.preferred ?? []).forEach((t, i) => {
      checkWeight(where, `affinity.${kind}.preferred[${i}]`, t?.weight);
      checkPodTerm(where, `affinity.${kind}.preferred[${i}]`, t);
    });
  }
}

export function checkToleration(where: IConstruct, field: string, t: Toleration): void {
  if (typeof t !== 'object' || t === null) fail(where, `${field} must be a toleration`, t, '{ key?, operator?, value?, effect?, tolerationSeconds? }', "write { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }");
  checkOneOf(where, `${field}.operator`, t.operator, ['Equal', 'Exists']);
  checkOneOf(where, `${field}.effect`, t.effect, EFFECTS);
  const op = t.operator ?? 'Equal';
  if (t.key !== undefined && t.key !== '') checkQualifiedKey(where, `${field}.key`, t.key, 'node.kubernetes.io/not-ready');
  else if (op !== 'Exists') fail(where, `${field} has no key, which needs operator Exists (tolerate every taint)`, t, 'a key, or operator Exists', "set key, or operator: 'Exists'");
  if (op === 'Exists' && t.value !== undefined && t.value !== '') fail(where, `${field}: operator Exists takes no value`, t.value, 'no value', "remove value, or use operator 'Equal'");
  if (op === 'Equal' && t.value !== undefined) {
    const bad = typeof t.value === 'string' ? checkLabelValue(t.value) : 'a string';
    if (bad) fail(where, `${field}.value is not a valid taint value`, t.value, bad, 'use the taint\'s value as written on the node');
  }
  if (t.tolerationSeconds !== undefined) {
    if (t.effect !== 'NoExecute') fail(where, `${field}: tolerationSeconds needs effect NoExecute`, t.effect ?? '(every effect)', 'NoExecute', "set effect: 'NoExecute', or remove tolerationSeconds");
    checkIntRange(where, `${field}.tolerationSeconds`, t.tolerationSeconds, 0, Number.MAX_SAFE_INTEGER, 'give whole seconds, e.g. 300');
  }
}

export function checkTopologySpread(where: IConstruct, field: string, c: TopologySpreadConstraint): void {
  if (typeof c !== 'object' || c === null) fail(where, `${field} must be a topology spread constraint`, c, '{ topologyKey, maxSkew?, whenUnsatisfiable? }', "write { topologyKey: 'topology.kubernetes.io/zone' }");
  checkQualifiedKey(where, `${field}.topologyKey`, c.topologyKey, 'topology.kubernetes.io/zone');
  checkIntRange(where, `${field}.maxSkew`, c.maxSkew, 1, 2147483647, 'use maxSkew 1 (even) or more');
  checkOneOf(where, `${field}.whenUnsatisfiable`, c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']);
  checkOneOf(where, `${field}.nodeAffinityPolicy`, c.nodeAffinityPolicy, ['Honor', 'Ignore']);
  checkOneOf(where, `${field}.nodeTaintsPolicy`, c.nodeTaintsPolicy, ['Honor', 'Ignore']);
  if (c.minDomains !== undefined) {
    checkIntRange(where, `${field}.minDomains`, c.minDomains, 1, 2147483647, 'use minDomains of at least 1');
    if ((c.whenUnsatisfiable ?? 'DoNotSchedule') !== 'DoNotSchedule') fail(where, `${field}: minDomains needs whenUnsatisfiable DoNotSchedule`, c.whenUnsatisfiable, 'DoNotSchedule', "remove minDomains, or set whenUnsatisfiable: 'DoNotSchedule'");
  }
  if (c.pods !== undefined && !isPodSelector(c.pods)) checkLabelSelector(where, `${field}.pods`, c.pods);
  for (const k of c.matchLabelKeys ?? []) checkQualifiedKey(where, `${field}.matchLabelKeys`, k, 'pod-template-hash');
}

/** What a pod spec needs to render its scheduling: the owner, for its selector labels and namespace. */
export class PodScheduling {
  private readonly nodeRequired: NodeSelectorTerm[] = [];
  private readonly nodePreferred: WeightedNodeSelectorTerm[] = [];
  private readonly pod = { podAffinity: { required: [] as PodAffinityTerm[], preferred: [] as WeightedPodAffinityTerm[] }, podAntiAffinity: { required: [] as PodAffinityTerm[], preferred: [] as WeightedPodAffinityTerm[] } };
  private readonly tolerations: Toleration[] = [];
  private readonly spreads: TopologySpreadConstraint[] = [];

  constructor(private readonly owner: IPodSelector) {}

  public addAffinity(a: Affinity): void {
    checkAffinity(this.owner, a);
    this.nodeRequired.push(...(a.nodeAffinity?.required ?? []));
    this.nodePreferred.push(...(a.nodeAffinity?.preferred ?? []));
    for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
      this.pod[kind].required.push(...(a[kind]?.required ?? []));
      this.pod[kind].preferred.push(...(a[kind]?.preferred ?? []));
    }
  }

  public addToleration(t: Toleration): void {
    checkToleration(this.owner, `tolerations[${this.tolerations.length}]`, t);
    this.tolerations.push(t);
  }

  public addTopologySpreadConstraint(c: TopologySpreadConstraint): void {
    const field = `topologySpreadConstraints[${this.spreads.length}]`;
    checkTopologySpread(this.owner, field, c);
    const when = c.whenUnsatisfiable ?? 'DoNotSchedule';
    if (this.spreads.some((s) => s.topologyKey === c.topologyKey && (s.whenUnsatisfiable ?? 'DoNotSchedule') === when)) {
      fail(this.owner, `${field} repeats topologyKey "${c.topologyKey}" with whenUnsatisfiable ${when}`, c.topologyKey, 'each topologyKey/whenUnsatisfiable pair once', 'merge the two constraints, or use another topologyKey');
    }
    // The owner's own selector labels are not known while it is being constructed: checked at synth then.
    const overlap = c.pods === undefined || c.pods === this.owner ? undefined : this.labelKeyOverlap(c);
    if (overlap) fail(this.owner, `${field}: matchLabelKeys repeats "${overlap}", which the pod selector already uses`, overlap, 'keys the selector does not use', `remove "${overlap}" from matchLabelKeys`);
    this.spreads.push(c);
  }

  /** A matchLabelKeys entry that the constraint's selector already uses (the API server rejects that). */
  private labelKeyOverlap(c: TopologySpreadConstraint): string | undefined {
    const sel = this.selectorOf(c.pods ?? this.owner);
    const used = [...Object.keys(sel.matchLabels ?? {}), ...(sel.matchExpressions ?? []).map((e) => e.key)];
    return (c.matchLabelKeys ?? []).find((k) => used.includes(k));
  }

  /** Synth-time checks: pod terms that point at workloads in namespaces that cannot be named. */
  public validate(): string[] {
    const errors: string[] = [];
    const own = namespaceOf(this.owner);
    for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
      for (const t of [...this.pod[kind].required, ...this.pod[kind].preferred]) {
        if (isPodSelector(t.pods) && !t.namespaces && namespaceOf(t.pods) === undefined && own !== undefined) {
          errors.push(`${this.owner.node.path}: a ${kind} term selects the pods of ${t.pods.node.path}, which has no namespace, while this pod is in namespace ${own}; the term cannot say where to look. Fix: give ${t.pods.node.path} a namespace, or pass namespaces: [...] in the term.`);
        }
      }
    }
    this.spreads.forEach((c, i) => {
      const overlap = c.pods === undefined || c.pods === this.owner ? this.labelKeyOverlap(c) : undefined;
      if (overlap) errors.push(`${this.owner.node.path}: topologySpreadConstraints[${i}] lists "${overlap}" in matchLabelKeys, but the pod selector already uses that key; the API server rejects it. Fix: remove "${overlap}" from matchLabelKeys.`);
    });
    return errors;
  }

  private selectorOf(pods: IPodSelector | LabelSelector): LabelSelector {
    return isPodSelector(pods) ? { matchLabels: { ...pods.selectorLabels } } : pods;
  }

  private podTermJson(t: PodAffinityTerm): Record<string, unknown> {
    const out: Record<string, unknown> = { labelSelector: renderLabelSelector(this.selectorOf(t.pods)) };
    let namespaces = t.namespaces?.map((n) => n.name);
    if (!namespaces && isPodSelector(t.pods)) {
      const theirs = namespaceOf(t.pods);
      if (theirs !== undefined && theirs !== namespaceOf(this.owner)) namespaces = [theirs];
    }
    if (namespaces?.length) out.namespaces = namespaces;
    out.topologyKey = t.topologyKey;
    return out;
  }

  /** @internal the scheduling fields of the pod spec, omitting empty ones. */
  public _toJson(): Record<string, unknown> {
    const spec: Record<string, unknown> = {};
    const affinity: Record<string, unknown> = {};
    const node: Record<string, unknown> = {};
    if (this.nodeRequired.length) node.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: this.nodeRequired.map(nodeTermJson) };
    if (this.nodePreferred.length) node.preferredDuringSchedulingIgnoredDuringExecution = this.nodePreferred.map((t) => ({ weight: t.weight, preference: nodeTermJson(t) }));
    if (Object.keys(node).length) affinity.nodeAffinity = node;
    for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
      const k: Record<string, unknown> = {};
      const { required, preferred } = this.pod[kind];
      if (required.length) k.requiredDuringSchedulingIgnoredDuringExecution = required.map((t) => this.podTermJson(t));
      if (preferred.length) k.preferredDuringSchedulingIgnoredDuringExecution = preferred.map((t) => ({ weight: t.weight, podAffinityTerm: this.podTermJson(t) }));
      if (Object.keys(k).length) affinity[kind] = k;
    }
    if (Object.keys(affinity).length) spec.affinity = affinity;
    if (this.tolerations.length) spec.tolerations = this.tolerations.map(tolerationJson);
    if (this.spreads.length) spec.topologySpreadConstraints = this.spreads.map((c) => this.spreadJson(c));
    return spec;
  }

  private spreadJson(c: TopologySpreadConstraint): Record<string, unknown> {
    const out: Record<string, unknown> = {
      maxSkew: c.maxSkew ?? 1,
      topologyKey: c.topologyKey,
      whenUnsatisfiable: c.whenUnsatisfiable ?? 'DoNotSchedule',
      labelSelector: renderLabelSelector(this.selectorOf(c.pods ?? this.owner)),
    };
    if (c.minDomains !== undefined) out.minDomains = c.minDomains;
    if (c.matchLabelKeys?.length) out.matchLabelKeys = [...c.matchLabelKeys];
    if (c.nodeAffinityPolicy) out.nodeAffinityPolicy = c.nodeAffinityPolicy;
    if (c.nodeTaintsPolicy) out.nodeTaintsPolicy = c.nodeTaintsPolicy;
    return out;
  }
}

function requirementJson(r: NodeSelectorRequirement): Record<string, unknown> {
  return { key: r.key, operator: r.operator, ...(r.values?.length ? { values: [...r.values] } : {}) };
}

function nodeTermJson(t: NodeSelectorTerm): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (t.matchExpressions?.length) out.matchExpressions = t.matchExpressions.map(requirementJson);
  if (t.matchFields?.length) out.matchFields = t.matchFields.map(requirementJson);
  return out;
}

function tolerationJson(t: Toleration): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (t.key) out.key = t.key;
  out.operator = t.operator ?? 'Equal';
  if (t.value) out.value = t.value;
  if (t.effect) out.effect = t.effect;
  if (t.tolerationSeconds !== undefined) out.tolerationSeconds = t.tolerationSeconds;
  return out;
}
