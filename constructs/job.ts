/**
 * Job (batch/v1): run pods to completion, with completions/parallelism, Indexed mode, retry limits, typed pod
 * failure policy rules, deadlines and clean-up. The job spec part is shared with CronJob's jobTemplate.
 * Job pods get no default probes: the policy's readiness probe is for long-running servers, and a batch
 * container usually listens on nothing.
 */
import { Construct, IConstruct } from 'constructs';
import { KubeObjectProps, nameComponents } from '../lib/app/object';
import { policyOf, ResolvedPolicy } from '../lib/app/policy';
import { checkIntRange, checkOneOf, checkSeconds, fail } from '../lib/util/check';
import { checkLabelKey, generateName, isDns1123Label } from '../lib/util/names';
import { checkManagedBy, checkSuccessPolicy, JobSuccessRule, successPolicyJson } from './job-success-policy';
import { PodSpec, PodSpecProps } from './pod-spec';
import { podTemplateMetadata, selectorLabelsOf } from './selection';
import { Workload } from './workload';

export type PodFailureAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface OnExitCodesOptions {
  /** `In`: the rule matches these exit codes; `NotIn`: any other non-zero code. @default 'In' */
  readonly operator?: 'In' | 'NotIn';
  /** Only this container's (or init container's) exit code counts. @default - every container */
  readonly containerName?: string;
}

export interface PodConditionPattern {
  /** A pod condition type, e.g. `DisruptionTarget`. */
  readonly type: string;
  /** @default 'True' */
  readonly status?: 'True' | 'False' | 'Unknown';
}

/** One rule of a Job's podFailurePolicy: what to do when a failed pod matches exit codes or pod conditions. */
export class PodFailurePolicyRule {
  /** Matches pods whose containers exited with (or, with NotIn, without) one of `values` (1-255 of them). */
  public static onExitCodes(action: PodFailureAction, values: readonly number[], options: OnExitCodesOptions = {}): PodFailurePolicyRule {
    return new PodFailurePolicyRule(action, values, options, undefined);
  }

  /** Matches pods that carry one of the conditions, e.g. `{ type: 'DisruptionTarget' }` for evictions. */
  public static onPodConditions(action: PodFailureAction, conditions: readonly PodConditionPattern[]): PodFailurePolicyRule {
    return new PodFailurePolicyRule(action, undefined, undefined, conditions);
  }

  private constructor(
    public readonly action: PodFailureAction,
    private readonly exitCodes: readonly number[] | undefined,
    private readonly exitOptions: OnExitCodesOptions | undefined,
    private readonly conditions: readonly PodConditionPattern[] | undefined,
  ) {}

  /** The container the rule is restricted to, if any (checked against the pod at synth). */
  public get containerName(): string | undefined {
    return this.exitOptions?.containerName;
  }

  /** @internal */
  public _check(where: IConstruct, field: string): void {
    checkOneOf(where, `${field}.action`, this.action, ['FailJob', 'FailIndex', 'Ignore', 'Count']);
    if (this.exitCodes) {
      const op = this.exitOptions?.operator ?? 'In';
      checkOneOf(where, `${field}.onExitCodes.operator`, op, ['In', 'NotIn']);
      const codes = this.exitCodes;
      if (codes.length === 0 || codes.length > 255) fail(where, `${field}.onExitCodes needs 1 to 255 exit codes`, codes.length, '1 to 255 values', 'list the exit codes the rule is about');
      for (const c of codes) checkIntRange(where, `${field}.onExitCodes value`, c, 0, 255, 'use exit codes from 1 to 255');
      if (op === 'In' && codes.includes(0)) fail(where, `${field}.onExitCodes with operator In cannot match exit code 0 (success is never a failure)`, 0, 'codes 1-255', 'remove 0 from the values');
      if (new Set(codes).size !== codes.length) fail(where, `${field}.onExitCodes lists an exit code twice`, codes, 'distinct codes', 'remove the duplicates');
    } else {
      const conds = this.conditions ?? [];
      if (conds.length === 0 || conds.length > 20) fail(where, `${field}.onPodConditions needs 1 to 20 patterns`, conds.length, '1 to 20 patterns', "pass e.g. [{ type: 'DisruptionTarget' }]");
      for (const c of conds) {
        const bad = typeof c?.type === 'string' ? checkLabelKey(c.type) : 'a string';
        if (bad) fail(where, `${field}.onPodConditions type is not a valid condition type`, c?.type, bad, "use a condition type such as 'DisruptionTarget'");
        checkOneOf(where, `${field}.onPodConditions status`, c.status, ['True', 'False', 'Unknown']);
      }
    }
  }

  /** @internal */
  public _toJson(): Record<string, unknown> {
    if (this.exitCodes) {
      const req: Record<string, unknown> = { operator: this.exitOptions?.operator ?? 'In', values: [...this.exitCodes].sort((a, b) => a - b) };
      if (this.containerName !== undefined) req.containerName = this.containerName;
      return { action: this.action, onExitCodes: req };
    }
    return { action: this.action, onPodConditions: (this.conditions ?? []).map((c) => ({ type: c.type, status: c.status ?? 'True' })) };
  }
}

/** The job settings a Job and a CronJob's jobTemplate share. */
export interface JobSpecProps extends PodSpecProps {
  /**
   * `Never`: every retry is a new pod (failed pods stay for their logs, and podFailurePolicy works);
   * `OnFailure`: the kubelet restarts the container in place. A Job's pods cannot use `Always`.
   * @default 'Never'
   */
  readonly restartPolicy?: 'Never' | 'OnFailure';
  /**
   * Successful pods needed.
   * @default - Kubernetes' default: 1 when parallelism is unset too; with parallelism alone, none (a work queue:
   * the Job succeeds once any pod succeeds and the others have finished)
   */
  readonly completions?: number;
  /** Pods running at once. @default - Kubernetes' default (1) */
  readonly parallelism?: number;
  /** `Indexed` gives each pod an index 0..completions-1 (JOB_COMPLETION_INDEX) and needs `completions`. @default 'NonIndexed' */
  readonly completionMode?: 'NonIndexed' | 'Indexed';
  /** Retries before the Job fails. @default - Kubernetes' default (6) */
  readonly backoffLimit?: number;
  /** Retries per index (Indexed Jobs only). @default - none: failures count against backoffLimit */
  readonly backoffLimitPerIndex?: number;
  /** Failed indexes tolerated before the Job fails (needs backoffLimitPerIndex). @default - no limit */
  readonly maxFailedIndexes?: number;
  /** Rules evaluated in order when a pod fails (at most 20; needs restartPolicy Never). @default - none: every failure counts */
  readonly podFailurePolicy?: readonly PodFailurePolicyRule[];
  /**
   * When a replacement pod is created: `Failed` waits for the old pod to be fully gone.
   * @default - Kubernetes' default: TerminatingOrFailed, or Failed when podFailurePolicy is set
   */
  readonly podReplacementPolicy?: 'TerminatingOrFailed' | 'Failed';
  /** Delete the finished Job (and its pods) after this many seconds. @default - kept until deleted */
  readonly ttlSecondsAfterFinished?: number;
  /** Fail the Job once it has run this long. @default - no deadline */
  readonly activeDeadlineSeconds?: number;
  /** Create the Job without starting pods. @default false */
  readonly suspend?: boolean;
  /**
   * Indexed Jobs: succeed early once any rule holds, e.g. `[{ succeededIndexes: '0' }]` (the leader index) or
   * `[{ succeededCount: 3 }]`. @default - the Job succeeds when every index has
   */
  readonly successPolicy?: readonly JobSuccessRule[];
  /** A controller other than the built-in one that runs this Job (e.g. MultiKueue); immutable. @default - the built-in Job controller */
  readonly managedBy?: string;
}

const INDEXED_MAX = 100000;

/** Construction-time checks of the shared job settings (the API server's batch validation, stated up front). */
export function checkJobSpec(where: IConstruct, p: JobSpecProps): void {
  checkOneOf(where, 'restartPolicy', p.restartPolicy as string | undefined, ['Never', 'OnFailure']);
  checkOneOf(where, 'completionMode', p.completionMode, ['NonIndexed', 'Indexed']);
  checkOneOf(where, 'podReplacementPolicy', p.podReplacementPolicy, ['TerminatingOrFailed', 'Failed']);
  const indexed = p.completionMode === 'Indexed';
  const max = indexed ? INDEXED_MAX : Number.MAX_SAFE_INTEGER;
  checkIntRange(where, 'completions', p.completions, 0, max);
  checkIntRange(where, 'parallelism', p.parallelism, 0, max);
  checkIntRange(where, 'backoffLimit', p.backoffLimit, 0, 2147483647);
  checkIntRange(where, 'backoffLimitPerIndex', p.backoffLimitPerIndex, 0, 2147483647);
  checkIntRange(where, 'maxFailedIndexes', p.maxFailedIndexes, 0, Math.min(p.completions ?? INDEXED_MAX, INDEXED_MAX), 'keep maxFailedIndexes at most completions');
  checkSeconds(where, 'ttlSecondsAfterFinished', p.ttlSecondsAfterFinished, 0, 2147483647);
  checkSeconds(where, 'activeDeadlineSeconds', p.activeDeadlineSeconds, 1);
  if (indexed && p.completions === undefined) fail(where, 'an Indexed Job needs completions (the number of indexes)', undefined, 'an integer from 0 to 100000', 'set completions');
  if (!indexed && p.backoffLimitPerIndex !== undefined) fail(where, 'backoffLimitPerIndex requires completionMode Indexed', p.backoffLimitPerIndex, 'Indexed Jobs only', "set completionMode: 'Indexed', or use backoffLimit");
  if (p.maxFailedIndexes !== undefined && p.backoffLimitPerIndex === undefined) fail(where, 'maxFailedIndexes requires backoffLimitPerIndex', p.maxFailedIndexes, 'with backoffLimitPerIndex', 'set backoffLimitPerIndex too');
  checkSuccessPolicy(where, p.successPolicy, indexed, p.completions);
  checkManagedBy(where, p.managedBy);
  const rules = p.podFailurePolicy;
  if (rules) {
    if (rules.length === 0 || rules.length > 20) fail(where, 'podFailurePolicy needs 1 to 20 rules', rules.length, '1 to 20 rules', 'omit podFailurePolicy, or keep at most 20 rules');
    rules.forEach((r, i) => {
      if (!(r instanceof PodFailurePolicyRule)) fail(where, `podFailurePolicy[${i}] is not a PodFailurePolicyRule`, r, 'PodFailurePolicyRule.onExitCodes(...) or .onPodConditions(...)', 'build rules with PodFailurePolicyRule');
      r._check(where, `podFailurePolicy[${i}]`);
      if (r.action === 'FailIndex' && p.backoffLimitPerIndex === undefined) fail(where, `podFailurePolicy[${i}] uses FailIndex, which needs backoffLimitPerIndex`, r.action, 'FailJob, Ignore or Count, or set backoffLimitPerIndex', 'set backoffLimitPerIndex, or use another action');
    });
    if (p.restartPolicy === 'OnFailure') fail(where, 'podFailurePolicy requires restartPolicy Never', p.restartPolicy, 'Never', 'remove restartPolicy (Never is the default), or drop podFailurePolicy');
    if (p.podReplacementPolicy === 'TerminatingOrFailed') fail(where, 'podFailurePolicy requires podReplacementPolicy Failed', p.podReplacementPolicy, 'Failed', 'remove podReplacementPolicy');
  }
}

/** The pods of an Indexed Job are named `<job>-<index>`, a hostname: that suffix's length, else 0. */
export function indexSuffixLength(p: JobSpecProps): number {
  return p.completionMode === 'Indexed' && p.completions ? String(p.completions - 1).length + 1 : 0;
}

/**
 * The name to give a Job-like object whose name is later extended by `reserved` characters (index suffixes,
 * a CronJob's job suffix): a generated one leaves that room; an explicit one is kept (and checked by the caller).
 */
export function nameLeavingRoom(scope: IConstruct, id: string, kind: string, explicit: string | undefined, reserved: number): string | undefined {
  if (explicit !== undefined || reserved === 0) return explicit;
  return generateName(nameComponents(scope, id), kind, { hash: policyOf(scope).names !== 'readable', maxLength: 63 - reserved });
}

/**
 * An Indexed Job's last pod hostname, `<job name>-<completions-1>`, must be a DNS-1123 label. `inserted` is what
 * a CronJob's controller adds to its own name to name each Job.
 */
export function checkIndexedHostnames(where: IConstruct, name: string, p: JobSpecProps, inserted = ''): void {
  const suffix = indexSuffixLength(p);
  if (!suffix) return;
  const host = `${name}${inserted}-${p.completions! - 1}`;
  if (!isDns1123Label(host)) {
    fail(where, `the name is too long (or has dots) for ${p.completions} indexes: pod hostname "${host}" would not be a valid DNS-1123 label`, name, `at most ${63 - inserted.length - suffix} characters, without dots`, 'shorten the name, or omit it to get a generated one that fits', 'name');
  }
}

/** Synth-time check: rules restricted to a container must name one of the pod's containers. */
export function jobSpecProblems(where: IConstruct, p: JobSpecProps, pod: PodSpec): string[] {
  const names = new Set([...pod.containers, ...pod.initContainers].map((c) => c.name));
  return (p.podFailurePolicy ?? [])
    .filter((r) => r.containerName !== undefined && !names.has(r.containerName))
    .map((r) => `${where.node.path}: a podFailurePolicy rule names container "${r.containerName}", which the pod does not have (containers: ${[...names].join(', ') || 'none'}). Fix: use one of the pod's container names.`);
}

/** The job spec: settings plus the pod template, whose pods carry the owner's selector labels. */
export function renderJobSpec(owner: Workload, p: JobSpecProps, pod: PodSpec, policy: ResolvedPolicy): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const f of ['completions', 'parallelism', 'completionMode', 'backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes', 'podReplacementPolicy', 'ttlSecondsAfterFinished', 'activeDeadlineSeconds'] as const) {
    if (p[f] !== undefined) spec[f] = p[f];
  }
  if (p.suspend) spec.suspend = true;
  if (p.successPolicy) spec.successPolicy = successPolicyJson(p.successPolicy);
  if (p.managedBy !== undefined) spec.managedBy = p.managedBy;
  if (p.podFailurePolicy) spec.podFailurePolicy = { rules: p.podFailurePolicy.map((r) => r._toJson()) };
  const podJson = pod._toJson({ ...policy, probes: {} });
  podJson.restartPolicy = p.restartPolicy ?? 'Never';
  spec.template = { metadata: podTemplateMetadata(owner, selectorLabelsOf(owner), pod.podLabels, pod.podAnnotations), spec: podJson };
  return spec;
}

export interface JobProps extends KubeObjectProps, JobSpecProps {}

export class Job extends Workload {
  private readonly config: JobProps;

  constructor(scope: Construct, id: string, props: JobProps = {}) {
    super(scope, id, { apiVersion: 'batch/v1', kind: 'Job', namespaced: true }, { ...props, name: nameLeavingRoom(scope, id, 'Job', props.name, indexSuffixLength(props)) });
    checkJobSpec(this, props);
    checkIndexedHostnames(this, this.name, props);
    this.config = props;
    this.node.addValidation({ validate: () => jobSpecProblems(this, this.config, this.podSpec) });
  }

  protected renderBody(): Record<string, unknown> {
    // No spec.selector: the API server generates one from the Job's uid, which never matches another Job's pods.
    return { spec: renderJobSpec(this, this.config, this.podSpec, this.policy) };
  }
}
