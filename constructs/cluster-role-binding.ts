/**
 * ClusterRoleBinding (rbac.authorization.k8s.io/v1): grants a ClusterRole in every namespace. Its roleRef is
 * IMMUTABLE on the server (a change needs a new binding). ServiceAccount subjects must have a namespace here.
 */
import { Construct } from 'constructs';
import { KubeObjectProps } from '../lib/app/object';
import { fail } from '../lib/util/check';
import { IRoleRef, ISubject } from './rbac';
import { BindingBase } from './role-binding';

export interface ClusterRoleBindingProps extends Omit<KubeObjectProps, 'namespace'> {
  /** The ClusterRole to grant. Immutable once applied: a change needs a new binding. */
  readonly role: IRoleRef;
  /** ServiceAccounts (with a namespace), `Subject.user(...)`, `Subject.group(...)`. @default - none (at least one is required at synth) */
  readonly subjects?: readonly ISubject[];
}

export class ClusterRoleBinding extends BindingBase {
  constructor(scope: Construct, id: string, props: ClusterRoleBindingProps) {
    super(scope, id, 'ClusterRoleBinding', props);
    if (this.role.roleKind !== 'ClusterRole') {
      fail(this, 'a ClusterRoleBinding can only grant a ClusterRole', this.role.node.path, 'a ClusterRole', 'use a RoleBinding for a Role, or make the Role a ClusterRole', 'rbac');
    }
  }
}
