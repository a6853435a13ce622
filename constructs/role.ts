/**
 * Role (rbac.authorization.k8s.io/v1): namespaced permissions. Rules are derived from objects and kinds, so
 * resource names are always the plural REST names and groups always match: `role.allowRead(deployment)`,
 * `role.allowRead(ApiResource.ofKind('Pod'))`. `role.bind(serviceAccount)` creates the RoleBinding.
 */
import { Construct, IConstruct } from 'constructs';
import { crossNamespaceProblem, KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkRule, IRoleRef, ISubject, PolicyRule, RbacTarget, READ_VERBS, ruleJson, rulesFor, Verb, WRITE_VERBS } from './rbac';
import { NamedReference } from './reference';
import { RoleBinding } from './role-binding';

export interface RoleProps extends KubeObjectProps {
  /** Rules written out; `allow()`, `allowRead()` and `allowReadWrite()` add more. @default - none */
  readonly rules?: readonly PolicyRule[];
}

/** The rule-building methods Role and ClusterRole share. */
export abstract class RoleBase extends KubeObject implements IRoleRef {
  public abstract readonly roleKind: 'Role' | 'ClusterRole';
  protected readonly ruleList: PolicyRule[] = [];
  private readonly targets: IConstruct[] = [];

  /** Adds a rule as Kubernetes writes it (checked like the API server does). */
  public addRule(rule: PolicyRule): void {
    checkRule(this, rule, this.namespaced);
    this.ruleList.push({ ...rule });
  }

  /** Grants `verbs` on each target: a whole resource type (ApiResource) or one object (by name). */
  public allow(verbs: readonly Verb[], ...targets: RbacTarget[]): void {
    for (const t of targets) if (t instanceof KubeObject) this.targets.push(t);
    for (const r of rulesFor(verbs, targets)) this.addRule(r);
  }

  /** get, list and watch on each target. */
  public allowRead(...targets: RbacTarget[]): void {
    this.allow(READ_VERBS, ...targets);
  }

  /** get, list, watch, create, update, patch and delete on each target. */
  public allowReadWrite(...targets: RbacTarget[]): void {
    this.allow([...READ_VERBS, ...WRITE_VERBS], ...targets);
  }

  public get rules(): readonly PolicyRule[] {
    return this.ruleList;
  }

  /** A Role only grants within its own namespace: an object elsewhere would not be covered. */
  protected validateTargets(): string[] {
    if (!this.namespaced) return [];
    return this.targets.map((t) => crossNamespaceProblem(this, t, 'grants access to')).filter((m): m is string => m !== undefined);
  }

  protected renderBody(): Record<string, unknown> {
    return { rules: this.ruleList.map(ruleJson) };
  }
}

/** A Role that already exists in the namespace; nothing is emitted for it. */
class RoleReference extends NamedReference implements IRoleRef {
  public readonly roleKind = 'Role' as const;
}

export class Role extends RoleBase {
  /** Refers to an existing Role (in the binding's namespace). */
  public static fromName(scope: Construct, id: string, name: string): IRoleRef {
    return new RoleReference(scope, id, name);
  }

  public readonly roleKind = 'Role' as const;

  constructor(scope: Construct, id: string, props: RoleProps = {}) {
    super(scope, id, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', namespaced: true }, props);
    for (const r of props.rules ?? []) this.addRule(r);
    this.node.addValidation({ validate: () => this.validateTargets() });
  }

  /** Creates a RoleBinding in this Role's namespace granting it to the subjects (construct id 'binding' by default). */
  public bind(...subjects: ISubject[]): RoleBinding {
    let id = 'binding';
    for (let i = 2; this.node.tryFindChild(id); i++) id = `binding${i}`;
    return new RoleBinding(this, id, { role: this, subjects });
  }
}
