/**
 * KubeObject: the base of every kubeforge kind. It is a cdk8s ApiObject (so `ApiObject.of(x).addJsonPatch()`,
 * `metadata.addLabel()`, dependencies and the cdk8s CLI all keep working), but it renders itself from plain data
 * instead of cdk8s's token resolver, which is what makes synth of 25k objects fast. JSON patches are applied last
 * and never filtered, so any field a user patches in survives to the output.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { KubeforgeError } from '../util/errors';
import { checkLabels, checkObjectName, pathOf } from '../util/check';
import { generateName } from '../util/names';
import { policyOf, ResolvedPolicy } from './policy';
import { LABEL_COMPONENT, LABEL_INSTANCE, LABEL_MANAGED_BY, LABEL_NAME, LABEL_PART_OF, LABEL_VERSION, TreeIdentity, treeIdentity } from './labels';

/** A Namespace, created in the app or referenced with `Namespace.fromName`. */
export interface INamespace extends IConstruct {
  readonly name: string;
}

/** Props every kind accepts. */
export interface KubeObjectProps {
  /**
   * The object's name. Checked against the kind's naming rule at construction.
   * @default - generated from the construct path: valid for the kind, deterministic, and stable when other
   * constructs are added or removed
   */
  readonly name?: string;
  /**
   * The namespace the object lives in (ignored for cluster-scoped kinds).
   * @default - the chart's namespace, else none (kubectl's current namespace)
   */
  readonly namespace?: INamespace;
  /** Extra labels. @default - the standard app.kubernetes.io labels and the policy's labels only */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface GroupVersionKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** False for cluster-scoped kinds (Namespace, PersistentVolume, StorageClass, ...). */
  readonly namespaced: boolean;
}

/** Structural checks for "is this a kubeforge chart" without importing chart.ts (avoids a cycle). */
interface ChartLike extends IConstruct {
  readonly partOf?: string;
  readonly isKubeforgeChart: true;
}
function isChartLike(c: IConstruct): c is ChartLike {
  return (c as Partial<ChartLike>).isKubeforgeChart === true;
}

export function isKubeObject(c: IConstruct): c is KubeObject {
  return c instanceof KubeObject;
}

/** Path components below the app root, used for names (scopes[0] is the App). */
export function nameComponents(scope: IConstruct, id: string): string[] {
  const comps = scope.node.scopes.slice(1).map((s) => s.node.id);
  comps.push(id);
  return comps;
}

/**
 * Objects created inside another object (a Service from `exposeViaService()`, an HPA from `autoscale()`) live
 * in that object's namespace unless told otherwise.
 */
function inheritedNamespace(scope: IConstruct): string | undefined {
  for (let s: IConstruct | undefined = scope; s; s = s.node.scope) {
    if (isKubeObject(s) && s.namespaced) return s.metadata.namespace;
  }
  return undefined;
}

/** The namespace an object will be applied to, or undefined (kubectl's current one, or cluster-scoped). */
export function namespaceOf(c: IConstruct): string | undefined {
  return isKubeObject(c) && c.namespaced ? c.metadata.namespace : undefined;
}

/**
 * A reference from one namespaced object to another in the app must stay within one namespace: Kubernetes
 * resolves selectors, key references and claims in the referrer's own namespace. Returns an error message or
 * undefined. References to objects outside the app (fromName) cannot be checked here.
 */
export function crossNamespaceProblem(from: IConstruct, to: IConstruct, what: string): string | undefined {
  if (!isKubeObject(to) || !to.namespaced || !isKubeObject(from)) return undefined;
  const a = namespaceOf(from) ?? '(current namespace)';
  const b = namespaceOf(to) ?? '(current namespace)';
  if (a === b) return undefined;
  return `${from.node.path}: ${what} ${to.node.path}, which is in namespace ${b}, but this object is in namespace ${a}; Kubernetes only looks in the object's own namespace. Fix: put both in the same namespace (namespace: on both, or on the Chart).`;
}

/** The fields of cdk8s's ApiObjectMetadataDefinition (private there; read-only here). */
interface CdkMetadataFields {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, unknown>;
  readonly annotations?: Record<string, unknown>;
  readonly finalizers?: unknown[];
  readonly ownerReferences?: unknown[];
  readonly _additionalAttributes?: Record<string, unknown>;
}
const STANDARD_META = new Set(['name', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences']);

export abstract class KubeObject extends ApiObject {
  /** The object's Kubernetes name. */
  declare public readonly name: string;
  /** True for namespaced kinds. */
  public readonly namespaced: boolean;
  /** The namespace object, when one was given. */
  public readonly namespaceObject?: INamespace;
  private readonly ownPatches: JsonPatch[] = [];
  private cachedPolicy?: ResolvedPolicy;
  private identity?: TreeIdentity;

  protected constructor(scope: Construct, id: string, gvk: GroupVersionKind, props: KubeObjectProps = {}) {
    // Checked before super(): constructs' own message for a duplicate id does not say how to fix it.
    if (scope.node.tryFindChild(id)) {
      throw new KubeforgeError({
        path: `${pathOf(scope)}/${id}`,
        problem: `another construct in "${pathOf(scope)}" already has the id "${id}"`,
        value: id,
        allowed: 'ids unique among siblings',
        fix: 'give each construct a different id within its parent',
        ruleId: 'duplicate-id',
      });
    }
    const where = `${pathOf(scope)}/${id}`;
    if (props.name !== undefined) checkObjectName(where, gvk.kind, props.name);
    checkLabels(where, 'labels', props.labels);
    const hashed = policyOf(scope).names !== 'readable';
    const name = props.name ?? generateName(nameComponents(scope, id), gvk.kind, { hash: hashed });
    super(scope, id, {
      apiVersion: gvk.apiVersion,
      kind: gvk.kind,
      metadata: {
        name,
        namespace: gvk.namespaced ? (props.namespace?.name ?? inheritedNamespace(scope)) : undefined,
        labels: props.labels ? { ...props.labels } : undefined,
        annotations: props.annotations ? { ...props.annotations } : undefined,
      },
    });
    this.namespaced = gvk.namespaced;
    if (gvk.namespaced && props.namespace) {
      this.namespaceObject = props.namespace;
      if (props.namespace instanceof KubeObject) this.node.addDependency(props.namespace);
    }
  }

  /** The defaults policy in force for this object. */
  public get policy(): ResolvedPolicy {
    return (this.cachedPolicy ??= policyOf(this));
  }

  /** Applies RFC-6902 patches after rendering; nothing is filtered afterwards. */
  public addJsonPatch(...ops: JsonPatch[]): void {
    this.ownPatches.push(...ops);
  }

  /** The spec part of the manifest (everything except apiVersion, kind and metadata). */
  protected abstract renderBody(): Record<string, unknown>;

  /** `app.kubernetes.io/version` for this object, if any. */
  protected versionLabel(): string | undefined {
    return this.policy.version;
  }

  /** Labels that must win over user labels (a Pod's selector labels). */
  protected extraLabels(): Record<string, string> | undefined {
    return undefined;
  }

  protected extraAnnotations(): Record<string, string> | undefined {
    return undefined;
  }

  /** The standard labels: tree-derived identity, version, managed-by, then the policy's labels. */
  public standardLabels(): Record<string, string> {
    const t = (this.identity ??= this.computeIdentity());
    const labels: Record<string, string> = {};
    if (t.name) labels[LABEL_NAME] = t.name;
    if (t.instance) labels[LABEL_INSTANCE] = t.instance;
    const version = this.versionLabel();
    if (version) labels[LABEL_VERSION] = version;
    if (t.component) labels[LABEL_COMPONENT] = t.component;
    if (t.partOf) labels[LABEL_PART_OF] = t.partOf;
    labels[LABEL_MANAGED_BY] = 'kubeforge';
    return Object.assign(labels, this.policy.labels);
  }

  /** The tree never changes under an object once it exists, so its identity is computed once. */
  private computeIdentity(): TreeIdentity {
    const scopes = this.node.scopes;
    let chartIndex = -1;
    for (let i = scopes.length - 1; i >= 0; i--) {
      if (isChartLike(scopes[i])) {
        chartIndex = i;
        break;
      }
    }
    const chart = chartIndex >= 0 ? (scopes[chartIndex] as ChartLike) : undefined;
    return treeIdentity(scopes, chartIndex >= 0 ? chartIndex : 0, chart?.partOf, isKubeObject);
  }

  /**
   * The metadata as cdk8s holds it. Plain strings are read directly; anything else (finalizers, owner references,
   * extra attributes, tokens) goes through cdk8s's own resolver, which is correct but costs ~10 µs per object.
   */
  private metadataJson(): Record<string, any> {
    const m = this.metadata as unknown as CdkMetadataFields;
    const plain = (o: Record<string, unknown> | undefined) => !o || Object.values(o).every((v) => typeof v === 'string');
    const extra = Object.keys(m._additionalAttributes ?? {}).some((k) => !STANDARD_META.has(k));
    if (!m.labels || extra || m.finalizers?.length || m.ownerReferences?.length || !plain(m.labels) || !plain(m.annotations)) {
      return this.metadata.toJson();
    }
    const out: Record<string, any> = { name: m.name };
    if (m.namespace) out.namespace = m.namespace;
    if (Object.keys(m.labels).length) out.labels = m.labels;
    if (m.annotations && Object.keys(m.annotations).length) out.annotations = m.annotations;
    return out;
  }

  public toJson(): any {
    const meta = this.metadataJson();
    const metadata: Record<string, unknown> = { name: meta.name };
    if (this.namespaced && meta.namespace) metadata.namespace = meta.namespace;
    metadata.labels = { ...this.standardLabels(), ...meta.labels, ...this.extraLabels() };
    const extraAnnotations = this.extraAnnotations();
    if (extraAnnotations) metadata.annotations = { ...extraAnnotations, ...meta.annotations };
    for (const [k, v] of Object.entries(meta)) {
      if (!(k in metadata) && k !== 'namespace') metadata[k] = v;
    }
    const obj: Record<string, unknown> = { apiVersion: this.apiVersion, kind: this.kind, metadata, ...this.renderBody() };
    if (this.ownPatches.length === 0) return obj;
    try {
      return JsonPatch.apply(obj, ...this.ownPatches);
    } catch (e) {
      throw new KubeforgeError({
        path: this.node.path,
        problem: `a JSON patch could not be applied: ${(e as Error).message.split('\n')[0]}`,
        allowed: 'RFC-6902 operations whose paths exist (use "add" to create a field)',
        fix: 'check the patch path against the rendered object (kubeforge synth --stdout)',
        ruleId: 'json-patch',
      });
    }
  }
}
