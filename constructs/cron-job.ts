/**
 * CronJob (batch/v1): a Job on a schedule. The schedule and time zone are checked at construction with the same
 * parser the synth-time rule uses, and the job settings are the Job construct's own (checks included).
 */
import { Construct } from 'constructs';
import { KubeObjectProps } from '../lib/app/object';
import { scheduleProblem, timeZoneProblem } from '../lib/rules/apiserver/cronjob-schedule';
import { checkIntRange, checkOneOf, checkSeconds, fail } from '../lib/util/check';
import { checkIndexedHostnames, checkJobSpec, indexSuffixLength, jobSpecProblems, JobSpecProps, nameLeavingRoom, renderJobSpec } from './job';
import { Workload } from './workload';

/** The controller names each Job `<cronjob>-<scheduled minute>`; Kubernetes reserves 11 characters for it. */
const JOB_SUFFIX = '-' + '0'.repeat(10);

export interface CronJobProps extends KubeObjectProps, Omit<JobSpecProps, 'suspend'> {
  /** Standard 5-field cron syntax (`"0 3 * * *"`) or a macro (`@hourly`, `@daily`, `@every 5m`, ...), without TZ=. */
  readonly schedule: string;
  /** IANA zone the schedule is read in, e.g. `Europe/Berlin`. @default - the kube-controller-manager's time zone */
  readonly timeZone?: string;
  /** What to do when a run is due while the previous one still runs. @default - Kubernetes' default (Allow) */
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /**
   * Skip a run that could not start within this many seconds of its time. Under 10, runs may be skipped: the
   * controller checks schedules every 10 seconds.
   * @default - no deadline
   */
  readonly startingDeadlineSeconds?: number;
  /** @default - Kubernetes' default (3) */
  readonly successfulJobsHistoryLimit?: number;
  /** @default - Kubernetes' default (1) */
  readonly failedJobsHistoryLimit?: number;
  /** Stop scheduling new runs (running Jobs continue). @default false */
  readonly suspend?: boolean;
}

export class CronJob extends Workload {
  private readonly config: CronJobProps;

  constructor(scope: Construct, id: string, props: CronJobProps) {
    const reserved = indexSuffixLength(props ?? {}) ? JOB_SUFFIX.length + indexSuffixLength(props) : 0;
    super(scope, id, { apiVersion: 'batch/v1', kind: 'CronJob', namespaced: true }, { ...props, name: nameLeavingRoom(scope, id, 'CronJob', props?.name, reserved) });
    const schedule = props?.schedule;
    if (typeof schedule !== 'string') fail(this, 'a CronJob needs a schedule', schedule, 'a cron schedule such as "0 3 * * *" or "@daily"', 'set schedule');
    if (/(CRON_)?TZ=/.test(schedule)) fail(this, 'the schedule carries a time zone, which the API server rejects', schedule, 'a schedule without TZ= or CRON_TZ=', 'move the zone to the timeZone prop');
    const bad = scheduleProblem(schedule);
    if (bad) fail(this, `the schedule is not valid cron syntax: ${bad}`, schedule, '5 fields "minute hour day-of-month month day-of-week", or @yearly, @monthly, @weekly, @daily, @hourly, @every <duration>', 'use e.g. "*/5 * * * *" (every 5 minutes) or "@daily"', 'cronjob-schedule');
    if (props.timeZone !== undefined) {
      const tz = typeof props.timeZone === 'string' ? timeZoneProblem(props.timeZone) : 'timeZone must be a string';
      if (tz) fail(this, `timeZone is not valid: ${tz}`, props.timeZone, 'an IANA zone name', 'use e.g. "Europe/Berlin", "America/New_York" or "UTC"', 'cronjob-schedule');
    }
    checkOneOf(this, 'concurrencyPolicy', props.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']);
    checkSeconds(this, 'startingDeadlineSeconds', props.startingDeadlineSeconds, 0);
    checkIntRange(this, 'successfulJobsHistoryLimit', props.successfulJobsHistoryLimit, 0, 2147483647);
    checkIntRange(this, 'failedJobsHistoryLimit', props.failedJobsHistoryLimit, 0, 2147483647);
    checkJobSpec(this, { ...props, suspend: undefined });
    checkIndexedHostnames(this, this.name, props, JOB_SUFFIX);
    this.config = props;
    this.node.addValidation({ validate: () => jobSpecProblems(this, this.config, this.podSpec) });
  }

  /** The schedule as given. */
  public get schedule(): string {
    return this.config.schedule;
  }

  protected renderBody(): Record<string, unknown> {
    const p = this.config;
    const spec: Record<string, unknown> = { schedule: p.schedule };
    if (p.timeZone !== undefined) spec.timeZone = p.timeZone;
    if (p.concurrencyPolicy) spec.concurrencyPolicy = p.concurrencyPolicy;
    if (p.startingDeadlineSeconds !== undefined) spec.startingDeadlineSeconds = p.startingDeadlineSeconds;
    if (p.successfulJobsHistoryLimit !== undefined) spec.successfulJobsHistoryLimit = p.successfulJobsHistoryLimit;
    if (p.failedJobsHistoryLimit !== undefined) spec.failedJobsHistoryLimit = p.failedJobsHistoryLimit;
    if (p.suspend) spec.suspend = true;
    // The CronJob's suspend is its own; the Jobs it creates always start.
    spec.jobTemplate = { metadata: { labels: this.standardLabels() }, spec: renderJobSpec(this, { ...p, suspend: undefined }, this.podSpec, this.policy) };
    return { spec };
  }
}
