/**
 * PriorityClass (scheduling.k8s.io/v1, cluster-scoped): a named scheduling priority. Pods refer to it by name
 * (`priorityClass.name`). Its value is immutable on the server: a change needs a new class.
 */
import { Construct, IConstruct } from 'constructs';
import { KubeObject, KubeObjectProps } from '../lib/app/object';
import { checkIntRange, checkOneOf, fail } from '../lib/util/check';
import { NamedReference } from './reference';

/** The highest value a user-defined class may have; larger ones are reserved for system classes. */
export const MAX_USER_PRIORITY = 1_000_000_000;

export interface IPriorityClass extends IConstruct {
  readonly name: string;
}

export interface PriorityClassProps extends Omit<KubeObjectProps, 'namespace'> {
  /** The priority: higher schedules first and may preempt lower. From -2147483648 to 1000000000. Immutable. */
  readonly value: number;
  /** Use this class for pods that name none. At most one class in the cluster should set it. @default false */
  readonly globalDefault?: boolean;
  /** `Never` queues the pod ahead of lower ones without evicting them. @default - Kubernetes' default (PreemptLowerPriority) */
  readonly preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  /** What the class is for. @default - none */
  readonly description?: string;
}

export class PriorityClass extends KubeObject implements IPriorityClass {
  /** Refers to an existing class, e.g. `system-cluster-critical`; nothing is emitted for it. */
  public static fromName(scope: Construct, id: string, name: string): IPriorityClass {
    return new NamedReference(scope, id, name);
  }

  private readonly config: PriorityClassProps;

  constructor(scope: Construct, id: string, props: PriorityClassProps) {
    super(scope, id, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', namespaced: false }, props);
    if (this.name.startsWith('system-')) {
      fail(this, 'the "system-" prefix is reserved for the cluster\'s own priority classes', this.name, 'a name not starting with "system-"', 'rename the class, or use PriorityClass.fromName() for a system class', 'name');
    }
    if (props?.value === undefined) fail(this, 'a PriorityClass needs a value', undefined, `an integer up to ${MAX_USER_PRIORITY}`, 'set value: 1000 (higher schedules first)', 'range');
    checkIntRange(this, 'value', props.value, -2147483648, MAX_USER_PRIORITY, `use at most ${MAX_USER_PRIORITY}; larger values are reserved for system classes`);
    checkOneOf(this, 'preemptionPolicy', props.preemptionPolicy, ['PreemptLowerPriority', 'Never']);
    if (props.globalDefault !== undefined && typeof props.globalDefault !== 'boolean') fail(this, 'globalDefault must be true or false', props.globalDefault, 'a boolean', 'write true or false without quotes', 'type');
    if (props.description !== undefined && typeof props.description !== 'string') fail(this, 'description must be a string', props.description, 'a string', 'quote the description', 'type');
    this.config = props;
  }

  public get value(): number {
    return this.config.value;
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const body: Record<string, unknown> = { value: p.value };
    if (p.globalDefault !== undefined) body.globalDefault = p.globalDefault;
    if (p.preemptionPolicy) body.preemptionPolicy = p.preemptionPolicy;
    if (p.description !== undefined) body.description = p.description;
    return body;
  }
}
