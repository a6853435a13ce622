/**
 * ClusterRole (rbac.authorization.k8s.io/v1): cluster-wide permissions, including non-resource URLs such as
 * `/metrics`. `bind()` grants it cluster-wide (ClusterRoleBinding); `bindInNamespace()` grants it in one
 * namespace only (a RoleBinding that references the ClusterRole).
 */
import { Construct } from 'constructs';
import { INamespace, KubeObjectProps } from '../lib/app/object';
import { ClusterRoleBinding } from './cluster-role-binding';
import { IRoleRef, ISubject, PolicyRule, Verb } from './rbac';
import { NamedReference } from './reference';
import { RoleBase } from './role';
import { RoleBinding } from './role-binding';

export interface ClusterRoleProps extends Omit<KubeObjectProps, 'namespace'> {
  /** Rules written out; the allow methods add more. @default - none */
  readonly rules?: readonly PolicyRule[];
}

class ClusterRoleReference extends NamedReference implements IRoleRef {
  public readonly roleKind = 'ClusterRole' as const;
}

export class ClusterRole extends RoleBase {
  /** Refers to an existing ClusterRole, e.g. the built-in `view`, `edit`, `admin` or `cluster-admin`. */
  public static fromName(scope: Construct, id: string, name: string): IRoleRef {
    return new ClusterRoleReference(scope, id, name);
  }

  public readonly roleKind = 'ClusterRole' as const;

  constructor(scope: Construct, id: string, props: ClusterRoleProps = {}) {
    super(scope, id, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', namespaced: false }, props);
    for (const r of props.rules ?? []) this.addRule(r);
  }

  /** Grants `verbs` (usually `get`) on non-resource paths such as `/healthz` or `/metrics`. */
  public allowNonResourceURLs(verbs: readonly Verb[], ...urls: string[]): void {
    this.addRule({ verbs: [...verbs], nonResourceURLs: urls });
  }

  /** Creates a ClusterRoleBinding granting this role cluster-wide (construct id 'binding' by default). */
  public bind(...subjects: ISubject[]): ClusterRoleBinding {
    return new ClusterRoleBinding(this, freeId(this, 'binding'), { role: this, subjects });
  }

  /** Creates a RoleBinding in `namespace` granting this role's rules there only. */
  public bindInNamespace(namespace: INamespace, ...subjects: ISubject[]): RoleBinding {
    return new RoleBinding(this, freeId(this, `binding-${namespace.name}`), { role: this, subjects, namespace });
  }
}

function freeId(scope: Construct, base: string): string {
  let id = base;
  for (let i = 2; scope.node.tryFindChild(id); i++) id = `${base}${i}`;
  return id;
}
