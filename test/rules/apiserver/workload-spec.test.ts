import { workloadSpecRule as rule } from '../../../lib/rules/apiserver/workload-spec';
import { Obj, broken, expectOne, fixtures, run } from './fixtures';

const deploy = (mutate: (spec: Obj) => void) => broken(fixtures.deployment(), (o) => void mutate(o.spec));
const ds = (rollingUpdate: Obj) => broken(fixtures.daemonSet(), (o) => void (o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate }));
const sts = (mutate: (spec: Obj) => void) => broken(fixtures.statefulSet(), (o) => void mutate(o.spec));
const job = (mutate: (spec: Obj) => void) => broken(fixtures.job(), (o) => void mutate(o.spec));
const RU = '/spec/strategy/rollingUpdate';

describe('workload-spec', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['negative replicas', deploy((s) => void (s.replicas = -1)), '/spec/replicas', ['replicas is -1']],
    ['a negative revisionHistoryLimit', sts((s) => void (s.revisionHistoryLimit = -2)), '/spec/revisionHistoryLimit', ['-2']],
    ['restartPolicy Never in a Deployment', deploy((s) => void (s.template.spec.restartPolicy = 'Never')), '/spec/template/spec/restartPolicy', ['restartPolicy Always', '"Never"']],
    ['activeDeadlineSeconds in a DaemonSet template', broken(fixtures.daemonSet(), (o) => void (o.spec.template.spec.activeDeadlineSeconds = 60)), '/spec/template/spec/activeDeadlineSeconds', ['not supported in a DaemonSet']],
    ['Recreate with rollingUpdate', deploy((s) => void (s.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } })), `${RU}`, ['Recreate']],
    ['maxSurge and maxUnavailable both 0', deploy((s) => void (s.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } })), `${RU}/maxUnavailable`, ['both 0']],
    ['a maxSurge that is neither int nor percent', deploy((s) => void (s.strategy = { rollingUpdate: { maxSurge: '1.5' } })), `${RU}/maxSurge`, ['"1.5"', 'percentage']],
    ['maxUnavailable over 100%', deploy((s) => void (s.strategy = { rollingUpdate: { maxUnavailable: '150%' } })), `${RU}/maxUnavailable`, ['more than 100%']],
    ['an unknown strategy type', deploy((s) => void (s.strategy = { type: 'BlueGreen' })), '/spec/strategy/type', ['"BlueGreen"']],
    ['progressDeadlineSeconds not above minReadySeconds', deploy((s) => Object.assign(s, { minReadySeconds: 30, progressDeadlineSeconds: 30 })), '/spec/progressDeadlineSeconds', ['greater than minReadySeconds (30)']],
    ['a DaemonSet surge with the default maxUnavailable', ds({ maxSurge: 1 }), '/spec/updateStrategy/rollingUpdate/maxSurge', ['1 (the default)', 'only one of them']],
    ['a DaemonSet with both bounds 0', ds({ maxSurge: 0, maxUnavailable: 0 }), '/spec/updateStrategy/rollingUpdate/maxUnavailable', ['both 0']],
    ['a StatefulSet OnDelete with rollingUpdate', sts((s) => void (s.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } })), '/spec/updateStrategy/rollingUpdate', ['only allowed with updateStrategy.type RollingUpdate']],
    ['a StatefulSet maxUnavailable of 0', sts((s) => void (s.updateStrategy = { rollingUpdate: { maxUnavailable: 0 } })), '/spec/updateStrategy/rollingUpdate/maxUnavailable', ['needs at least 1']],
    ['a StatefulSet podManagementPolicy typo', sts((s) => void (s.podManagementPolicy = 'parallel')), '/spec/podManagementPolicy', ['"parallel"']],
    ['a StatefulSet serviceName that is not a DNS label', sts((s) => void (s.serviceName = 'db.internal')), '/spec/serviceName', ['"db.internal"', 'rejects it']],
    ['a retention policy typo', sts((s) => void (s.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' })), '/spec/persistentVolumeClaimRetentionPolicy/whenDeleted', ['"Keep"']],
    ['a Job without restartPolicy', job((s) => void delete s.template.spec.restartPolicy), '/spec/template/spec/restartPolicy', ['defaults to Always', 'OnFailure or Never']],
    ['a negative backoffLimit', job((s) => void (s.backoffLimit = -1)), '/spec/backoffLimit', ['backoffLimit is -1']],
    ['negative completions', job((s) => void (s.completions = -3)), '/spec/completions', ['completions is -3']],
    ['an Indexed Job without completions', job((s) => void (s.completionMode = 'Indexed')), '/spec/completions', ['Indexed Job needs spec.completions']],
    ['backoffLimitPerIndex without Indexed', job((s) => void (s.backoffLimitPerIndex = 1)), '/spec/backoffLimitPerIndex', ['requires completionMode Indexed']],
    ['an Indexed Job name too long for its hostnames', broken(fixtures.job(), (o) => { o.metadata.name = 'j'.repeat(60); Object.assign(o.spec, { completionMode: 'Indexed', completions: 1000 }); }), '/metadata/name', ['-999']],
    ['podFailurePolicy with OnFailure', job((s) => { s.template.spec.restartPolicy = 'OnFailure'; s.podFailurePolicy = { rules: [] }; }), '/spec/template/spec/restartPolicy', ['podFailurePolicy requires restartPolicy Never']],
    ['a CronJob concurrencyPolicy typo', broken(fixtures.cronJob(), (o) => void (o.spec.concurrencyPolicy = 'Skip')), '/spec/concurrencyPolicy', ['"Skip"', 'Allow, Forbid, Replace']],
    ['a CronJob job template with restartPolicy Always', broken(fixtures.cronJob(), (o) => void (o.spec.jobTemplate.spec.template.spec.restartPolicy = 'Always')), '/spec/jobTemplate/spec/template/spec/restartPolicy', ['"Always"']],
    ['a negative successfulJobsHistoryLimit', broken(fixtures.cronJob(), (o) => void (o.spec.successfulJobsHistoryLimit = -1)), '/spec/successfulJobsHistoryLimit', ['-1']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['zero replicas', deploy((s) => void (s.replicas = 0))],
    ['maxSurge 0 with the default maxUnavailable (25%)', deploy((s) => void (s.strategy = { rollingUpdate: { maxSurge: 0 } }))],
    ['Recreate without rollingUpdate', deploy((s) => void (s.strategy = { type: 'Recreate' }))],
    ['a DaemonSet surge with maxUnavailable 0', ds({ maxSurge: '10%', maxUnavailable: 0 })],
    ['a StatefulSet without serviceName', sts((s) => void delete s.serviceName)],
    ['an Indexed Job with completions', job((s) => Object.assign(s, { completionMode: 'Indexed', completions: 5, backoffLimitPerIndex: 1, maxFailedIndexes: 2 }))],
    ['a podFailurePolicy with restartPolicy Never', job((s) => void (s.podFailurePolicy = { rules: [] }))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
