import { workloadSpecRule as rule } from '../../../lib/rules/apiserver/workload-spec';
import { Obj, PATH, broken, expectOne, fixtures, run } from './fixtures';

const job = (mutate: (spec: Obj) => void) => broken(fixtures.job(), (o) => void mutate(o.spec));
const indexed = (mutate: (spec: Obj) => void) => job((s) => { Object.assign(s, { completionMode: 'Indexed', completions: 10 }); mutate(s); });
const pfp = (rules: Obj[], extra: Obj = {}) => job((s) => Object.assign(s, { podFailurePolicy: { rules } }, extra));
const exit = (onExitCodes: Obj) => pfp([{ action: 'FailJob', onExitCodes }]);
const success = (rules: Obj[]) => indexed((s) => void (s.successPolicy = { rules }));
const sts = (templates: Obj[]) => broken(fixtures.statefulSet(), (o) => void (o.spec.volumeClaimTemplates = templates));
const R0 = '/spec/podFailurePolicy/rules/0';

describe('workload-spec: Job policies and StatefulSet claim template names', () => {
  const cases: Array<[string, Obj, string, string[]]> = [
    ['maxFailedIndexes without backoffLimitPerIndex', indexed((s) => void (s.maxFailedIndexes = 2)), '/spec/backoffLimitPerIndex', ['without backoffLimitPerIndex']],
    ['maxFailedIndexes above completions', indexed((s) => Object.assign(s, { backoffLimitPerIndex: 1, maxFailedIndexes: 11 })), '/spec/maxFailedIndexes', ['above completions (10)']],
    ['an Indexed parallelism above 100000', indexed((s) => void (s.parallelism = 100_001)), '/spec/parallelism', ['100000']],
    ['many completions with backoffLimitPerIndex and no maxFailedIndexes', indexed((s) => Object.assign(s, { completions: 100_001, backoffLimitPerIndex: 1 })), '/spec/maxFailedIndexes', ['needs maxFailedIndexes']],
    ['a FailIndex action without backoffLimitPerIndex', pfp([{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }]), `${R0}/action`, ['backoffLimitPerIndex']],
    ['an action typo', pfp([{ action: 'Fail', onExitCodes: { operator: 'In', values: [1] } }]), `${R0}/action`, ['"Fail"']],
    ['a rule with both requirements', pfp([{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [{ type: 'DisruptionTarget' }] }]), R0, ['both']],
    ['a rule with no requirement', pfp([{ action: 'Ignore' }]), R0, ['neither']],
    ['exit code 0 with In', exit({ operator: 'In', values: [0, 1] }), `${R0}/onExitCodes/values/0`, ['exit code 0']],
    ['unordered exit codes', exit({ operator: 'NotIn', values: [3, 1] }), `${R0}/onExitCodes/values`, ['ascending', '[3,1]']],
    ['a repeated exit code', exit({ operator: 'In', values: [1, 1] }), `${R0}/onExitCodes/values/1`, ['twice']],
    ['no exit codes', exit({ operator: 'In', values: [] }), `${R0}/onExitCodes/values`, ['at least one']],
    ['an exit code operator typo', exit({ operator: 'Equals', values: [1] }), `${R0}/onExitCodes/operator`, ['"Equals"']],
    ['an unknown container name', exit({ operator: 'In', values: [1], containerName: 'sidecar' }), `${R0}/onExitCodes/containerName`, ['"sidecar"']],
    ['a pod condition status typo', pfp([{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'yes' }] }]), `${R0}/onPodConditions/0/status`, ['"yes"']],
    ['a pod condition type with spaces', pfp([{ action: 'Ignore', onPodConditions: [{ type: 'Disruption Target' }] }]), `${R0}/onPodConditions/0/type`, ['"Disruption Target"']],
    ['podReplacementPolicy TerminatingOrFailed with a podFailurePolicy', pfp([{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }], { podReplacementPolicy: 'TerminatingOrFailed' }), '/spec/podReplacementPolicy', ['"TerminatingOrFailed"']],
    ['a podReplacementPolicy typo', job((s) => void (s.podReplacementPolicy = 'Always')), '/spec/podReplacementPolicy', ['"Always"']],
    ['a claim template named in upper case', sts([{ metadata: { name: 'Data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }]), '/spec/volumeClaimTemplates/0/metadata/name', ['"Data"']],
    ['a claim template without a name', sts([{ spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }]), '/spec/volumeClaimTemplates/0/metadata/name', ['no name']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['an Indexed Job with per-index limits', indexed((s) => Object.assign(s, { backoffLimitPerIndex: 2, maxFailedIndexes: 3, podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] } }))],
    ['a pod failure policy on conditions and a named container', pfp([{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }, { action: 'FailJob', onExitCodes: { containerName: 'web', operator: 'NotIn', values: [0, 1, 2] } }], { podReplacementPolicy: 'Failed' })],
    ['podReplacementPolicy Failed', job((s) => void (s.podReplacementPolicy = 'Failed'))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('managedBy and successPolicy are left to job-gated-fields (one finding per mistake)', () => {
    expect(run(rule, job((s) => void (s.managedBy = 'kueue')))).toEqual([]);
    expect(run(rule, success([]))).toEqual([]);
  });

  test('gated fields are judged by the target version (dropped unchecked before their gate was on by default)', () => {
    const sts0 = broken(fixtures.statefulSet(), (o) => void (o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } }));
    expect(rule.check(sts0, PATH, { k8sVersion: '1.36' })).toEqual([]);
    expect(rule.check(sts0, PATH, { k8sVersion: '1.37' })).toHaveLength(1);
  });
});
