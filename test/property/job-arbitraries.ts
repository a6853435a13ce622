/** Generators of valid and invalid Job settings, shared by the Job and CronJob property tests. */
import * as fc from 'fast-check';
import { CronJobProps, JobProps, JobSpecProps, JobSuccessRule, PodFailureAction, PodFailurePolicyRule } from '../../lib';
import { podSettings } from './workload-arbitraries';

/** Job containers, named c0, c1, ... (podFailurePolicy rules may name them). */
export const jobContainers = fc
  .array(fc.record({ image: fc.constantFrom('busybox:1.36', 'python:3.12-slim'), command: fc.constant(['sh', '-c', 'true']), port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }) }), { minLength: 1, maxLength: 3 })
  .map((cs) => cs.map((c, i) => ({ ...c, name: `c${i}` })));

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

function rule(actions: readonly PodFailureAction[], containerCount: number): fc.Arbitrary<PodFailurePolicyRule> {
  const action = fc.constantFrom(...actions);
  const containerName = opt(fc.integer({ min: 0, max: containerCount - 1 }).map((i) => `c${i}`));
  return fc.oneof(
    fc.tuple(action, fc.uniqueArray(fc.integer({ min: 1, max: 255 }), { minLength: 1, maxLength: 10 }), containerName).map(([a, v, c]) => PodFailurePolicyRule.onExitCodes(a, v, { containerName: c })),
    fc.tuple(action, fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 10 }), containerName).map(([a, v, c]) => PodFailurePolicyRule.onExitCodes(a, v, { operator: 'NotIn', containerName: c })),
    fc.tuple(action, fc.array(fc.record({ type: fc.constantFrom('DisruptionTarget', 'ConfigIssue', 'example.com/Preempted'), status: opt(fc.constantFrom('True' as const, 'False' as const, 'Unknown' as const)) }, { requiredKeys: ['type'] }), { minLength: 1, maxLength: 3 })).map(([a, c]) => PodFailurePolicyRule.onPodConditions(a, c)),
  );
}

/** Ascending unique indexes written as intervals: [0, 2, 3, 4] → "0,2-4". */
function intervals(indexes: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < indexes.length; ) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
    parts.push(i === j ? `${indexes[i]}` : `${indexes[i]}-${indexes[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Valid success rules of an Indexed Job with `completions` (>= 1) indexes. */
function successRule(completions: number): fc.Arbitrary<JobSuccessRule> {
  const byIndexes = fc.uniqueArray(fc.nat(completions - 1), { minLength: 1, maxLength: 8 })
    .map((xs) => [...xs].sort((a, b) => a - b))
    .chain((xs) => fc.record({ succeededIndexes: fc.constant(intervals(xs)), succeededCount: opt(fc.integer({ min: 1, max: xs.length })) }));
  return fc.oneof(byIndexes, fc.integer({ min: 1, max: completions }).map((succeededCount) => ({ succeededCount })));
}

/** Valid job settings for a pod with `containerCount` containers: the dependent fields are generated together. */
export function validJobSpec(containerCount: number): fc.Arbitrary<JobSpecProps> {
  const common = {
    parallelism: opt(fc.nat(50)),
    backoffLimit: opt(fc.nat(10)),
    ttlSecondsAfterFinished: opt(fc.nat(86400)),
    activeDeadlineSeconds: opt(fc.integer({ min: 1, max: 86400 })),
    suspend: opt(fc.boolean()),
    managedBy: opt(fc.constantFrom('kueue.x-k8s.io/multikueue', 'example.com/batch-runner', 'kubernetes.io/job-controller')),
  };
  const nonIndexed = fc.record({ ...common, completionMode: opt(fc.constant('NonIndexed' as const)), completions: opt(fc.nat(100)) }).map((p) => ({ ...p, perIndex: undefined as number | undefined }));
  const indexed = fc.integer({ min: 0, max: 5000 }).chain((completions) =>
    fc.record({ ...common, completionMode: fc.constant('Indexed' as const), completions: fc.constant(completions), perIndex: opt(fc.nat(5)) }).chain((p) =>
      fc.record({
        maxFailedIndexes: p.perIndex === undefined ? fc.constant(undefined) : opt(fc.nat(completions)),
        successPolicy: completions === 0 ? fc.constant(undefined) : opt(fc.array(successRule(completions), { minLength: 1, maxLength: 3 })),
      }).map((m) => ({ ...p, ...m })),
    ),
  );
  return fc.oneof(nonIndexed, indexed).chain(({ perIndex, ...p }) => {
    const actions: PodFailureAction[] = perIndex === undefined ? ['FailJob', 'Ignore', 'Count'] : ['FailJob', 'FailIndex', 'Ignore', 'Count'];
    const withPolicy = fc.record({
      podFailurePolicy: fc.array(rule(actions, containerCount), { minLength: 1, maxLength: 5 }),
      restartPolicy: opt(fc.constant('Never' as const)),
      podReplacementPolicy: opt(fc.constant('Failed' as const)),
    });
    const withoutPolicy = fc.record({
      podFailurePolicy: fc.constant(undefined),
      restartPolicy: opt(fc.constantFrom('Never' as const, 'OnFailure' as const)),
      podReplacementPolicy: opt(fc.constantFrom('Failed' as const, 'TerminatingOrFailed' as const)),
    });
    return fc.record({ settings: fc.oneof(withPolicy, withoutPolicy), pod: podSettings }).map(({ settings, pod }) => ({ ...pod, ...p, ...settings, backoffLimitPerIndex: perIndex }));
  });
}

/** One invalid change to otherwise valid job settings. */
export const invalidJobChange: fc.Arbitrary<Partial<JobSpecProps>> = fc.oneof(
  fc.integer({ min: -100, max: -1 }).map((n) => ({ completions: n })),
  fc.integer({ min: -100, max: -1 }).map((n) => ({ parallelism: n })),
  fc.double({ min: 0.1, max: 9, noInteger: true, noNaN: true }).map((n) => ({ backoffLimit: n })),
  fc.integer({ min: -100, max: 0 }).map((n) => ({ activeDeadlineSeconds: n })),
  fc.integer({ min: -100, max: -1 }).map((n) => ({ ttlSecondsAfterFinished: n })),
  fc.constant({ completionMode: 'Indexed' as const, completions: undefined }),
  fc.integer({ min: 100001, max: 10 ** 7 }).map((n) => ({ completionMode: 'Indexed' as const, completions: n })),
  fc.nat(5).map((n) => ({ completionMode: 'NonIndexed' as const, backoffLimitPerIndex: n })),
  fc.constant({ restartPolicy: 'Always' as never }),
  fc.constant({ restartPolicy: 'OnFailure' as const, podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [1])] }),
  fc.constant({ podReplacementPolicy: 'TerminatingOrFailed' as const, podFailurePolicy: [PodFailurePolicyRule.onExitCodes('Count', [1])] }),
  fc.uniqueArray(fc.integer({ min: 1, max: 255 }), { maxLength: 5 }).map((v) => ({ restartPolicy: 'Never' as const, podReplacementPolicy: undefined, podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [0, ...v])] })),
  fc.integer({ min: 256, max: 9999 }).map((c) => ({ restartPolicy: 'Never' as const, podReplacementPolicy: undefined, podFailurePolicy: [PodFailurePolicyRule.onExitCodes('Ignore', [c])] })),
  fc.constant({ restartPolicy: 'Never' as const, podReplacementPolicy: undefined, backoffLimitPerIndex: undefined, maxFailedIndexes: undefined, podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailIndex', [1])] }),
  fc.constant({ restartPolicy: 'Never' as const, podReplacementPolicy: undefined, podFailurePolicy: [PodFailurePolicyRule.onExitCodes('FailJob', [1], { containerName: 'nope' })] }),
  fc.constantFrom('', 'no spaces', '-x').map((type) => ({ restartPolicy: 'Never' as const, podReplacementPolicy: undefined, podFailurePolicy: [PodFailurePolicyRule.onPodConditions('Ignore', [{ type }])] })),
  fc.constant({ containers: [] }),
  fc.constant({ completionMode: 'NonIndexed' as const, successPolicy: [{ succeededCount: 1 }] }),
  fc.constant({ completionMode: 'Indexed' as const, completions: 3, successPolicy: [{}] }),
  fc.constant({ completionMode: 'Indexed' as const, completions: 3, successPolicy: [{ succeededIndexes: '0-3' }] }),
  fc.constant({ completionMode: 'Indexed' as const, completions: 5, successPolicy: [{ succeededIndexes: '2,1' }] }),
  fc.constant({ completionMode: 'Indexed' as const, completions: 5, successPolicy: [{ succeededIndexes: '0-1', succeededCount: 3 }] }),
  fc.constant({ completionMode: 'Indexed' as const, completions: 5, successPolicy: [{ succeededCount: -1 }] }),
  fc.constantFrom('multikueue', 'Example.com/x', `example.com/${'x'.repeat(60)}`).map((managedBy) => ({ managedBy })),
);

/** Valid Job props (containers and the job settings that depend on them). */
export const validJob: fc.Arbitrary<JobProps> = jobContainers.chain((containers) => validJobSpec(containers.length).map((spec) => ({ ...spec, containers })));

/** One cron field: *, a value, a range, a step or a list, within the field's bounds. */
const field = (min: number, max: number) => {
  const v = fc.integer({ min, max });
  const range = fc.tuple(v, v).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
  const step = fc.tuple(fc.constantFrom('*', `${min}-${max}`), fc.integer({ min: 1, max: max - min + 1 })).map(([r, s]) => `${r}/${s}`);
  const atom = fc.oneof(fc.constant('*'), v.map(String), range, step);
  return fc.array(atom, { minLength: 1, maxLength: 3 }).map((parts) => (parts.includes('*') ? '*' : parts.join(',')));
};
const schedule: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(field(0, 59), field(0, 23), field(1, 31), fc.oneof(field(1, 12), fc.constantFrom('jan', 'mar-jun')), fc.oneof(field(0, 6), fc.constantFrom('mon-fri', 'sun'))).map((f) => f.join(' ')),
  fc.constantFrom('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 5m', '@every 1h30m'),
);

const cronSettings = fc.record({
  schedule,
  timeZone: opt(fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT+5')),
  concurrencyPolicy: opt(fc.constantFrom('Allow' as const, 'Forbid' as const, 'Replace' as const)),
  startingDeadlineSeconds: opt(fc.nat(3600)),
  successfulJobsHistoryLimit: opt(fc.nat(10)),
  failedJobsHistoryLimit: opt(fc.nat(10)),
  suspend: opt(fc.boolean()),
});

export const validCronJob: fc.Arbitrary<CronJobProps> = jobContainers.chain((containers) =>
  fc.tuple(validJobSpec(containers.length), cronSettings).map(([job, cron]) => ({ ...job, ...cron, containers })),
);
