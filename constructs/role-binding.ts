/**
 * RoleBinding (rbac.authorization.k8s.io/v1): grants a Role, or a ClusterRole's rules, to subjects within one
 * namespace. The role reference is IMMUTABLE on the server: changing `role` later makes `kubectl apply` fail
 * and Pulumi replace the binding, so choose it once.
 */
import { Construct, IConstruct } from 'constructs';
import { crossNamespaceProblem, KubeObject, KubeObjectProps } from '../lib/app/object';
import { fail } from '../lib/util/check';
import { IRoleRef, ISubject, roleRefJson } from './rbac';

export interface RoleBindingProps extends KubeObjectProps {
  /** The Role (same namespace) or ClusterRole to grant. Immutable once applied: a change needs a new binding. */
  readonly role: IRoleRef;
  /** ServiceAccounts, `Subject.user(...)`, `Subject.group(...)`; more with `addSubject()`. @default - none (at least one is required at synth) */
  readonly subjects?: readonly ISubject[];
}

/** Subjects and roleRef handling shared with ClusterRoleBinding. */
export abstract class BindingBase extends KubeObject {
  public readonly role: IRoleRef;
  private readonly subjectList: ISubject[] = [];

  protected constructor(scope: Construct, id: string, kind: 'RoleBinding' | 'ClusterRoleBinding', props: RoleBindingProps) {
    super(scope, id, { apiVersion: 'rbac.authorization.k8s.io/v1', kind, namespaced: kind === 'RoleBinding' }, props);
    const role = props?.role;
    if (!role || (role.roleKind !== 'Role' && role.roleKind !== 'ClusterRole')) {
      fail(this, `a ${kind} needs a role`, role, kind === 'RoleBinding' ? 'a Role or ClusterRole object' : 'a ClusterRole object', 'pass role: myRole (or Role.fromName / ClusterRole.fromName)', 'rbac');
    }
    this.role = role;
    // A binding created by role.bind() is the role's child: depending on an ancestor would be a cycle.
    if (role instanceof KubeObject && !this.node.scopes.includes(role)) this.node.addDependency(role);
    for (const s of props.subjects ?? []) this.addSubject(s);
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** Grants the role to another subject. */
  public addSubject(subject: ISubject): void {
    if (!subject || typeof subject._subjectJson !== 'function') {
      fail(this, 'a subject is not a ServiceAccount, user or group', subject, 'a ServiceAccount object, Subject.user(name) or Subject.group(name)', 'wrap names in Subject.user(...) or Subject.group(...)', 'rbac');
    }
    subject._subjectJson(this, this.namespaced);
    this.subjectList.push(subject);
    if (subject instanceof KubeObject) this.node.addDependency(subject);
  }

  public get subjects(): readonly ISubject[] {
    return this.subjectList;
  }

  protected validate(): string[] {
    if (this.subjectList.length > 0) return [];
    return [`${this.node.path}: the ${this.kind} has no subjects, so it grants nothing. Fix: pass subjects: [serviceAccount] or call addSubject().`];
  }

  protected renderBody(): Record<string, unknown> {
    return {
      roleRef: roleRefJson(this.role),
      subjects: this.subjectList.map((s) => s._subjectJson(this, this.namespaced)),
    };
  }
}

export class RoleBinding extends BindingBase {
  constructor(scope: Construct, id: string, props: RoleBindingProps) {
    super(scope, id, 'RoleBinding', props);
  }

  protected validate(): string[] {
    const errors = super.validate();
    // A RoleBinding resolves a Role in its own namespace only.
    const cross = this.role.roleKind === 'Role' ? crossNamespaceProblem(this, this.role as IConstruct, 'binds the Role') : undefined;
    if (cross) errors.push(cross);
    return errors;
  }
}
