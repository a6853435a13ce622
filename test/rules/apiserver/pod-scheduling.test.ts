import { podSchedulingRule as rule } from '../../../lib/rules/apiserver/pod-scheduling';
import { Obj, broken, expectOne, fixtures, podOf, run } from './fixtures';

const pod = (mutate: (spec: Obj) => void, base: Obj = fixtures.deployment()) => broken(base, (o) => void mutate(podOf(o)));
const S = '/spec/template/spec';
const REQ = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREF = 'preferredDuringSchedulingIgnoredDuringExecution';
const nodeReq = (r: Obj) => pod((s) => void (s.affinity = { nodeAffinity: { [REQ]: { nodeSelectorTerms: [{ matchExpressions: [r] }] } } }));
const spread = (...cs: Obj[]) => pod((s) => void (s.topologySpreadConstraints = cs));
const tol = (t: Obj) => pod((s) => void (s.tolerations = [t]));
const NR = `${S}/affinity/nodeAffinity/${REQ}/nodeSelectorTerms/0/matchExpressions/0`;

describe('pod-scheduling', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['Exists with values', nodeReq({ key: 'disktype', operator: 'Exists', values: ['ssd'] }), `${NR}/values`, ['Exists takes no values']],
    ['In without values', nodeReq({ key: 'disktype', operator: 'In', values: [] }), `${NR}/values`, ['In needs at least one value']],
    ['Gt with two values', nodeReq({ key: 'cores', operator: 'Gt', values: ['1', '2'] }), `${NR}/values`, ['exactly one integer']],
    ['Lt with a non-integer', nodeReq({ key: 'cores', operator: 'Lt', values: ['1.5'] }), `${NR}/values`, ['exactly one integer']],
    ['an unknown operator', nodeReq({ key: 'cores', operator: 'Like' }), `${NR}/operator`, ['"Like"', 'Gt, Lt']],
    ['a bad node key', nodeReq({ key: 'a b', operator: 'Exists' }), `${NR}/key`, ['"a b"']],
    ['no node selector terms', pod((s) => void (s.affinity = { nodeAffinity: { [REQ]: { nodeSelectorTerms: [] } } })), `${S}/affinity/nodeAffinity/${REQ}/nodeSelectorTerms`, ['no nodeSelectorTerms']],
    ['a preferred weight of 0', pod((s) => void (s.affinity = { nodeAffinity: { [PREF]: [{ weight: 0, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } })), `${S}/affinity/nodeAffinity/${PREF}/0/weight`, ['1 to 100']],
    ['a pod term weight of 101', pod((s) => void (s.affinity = { podAntiAffinity: { [PREF]: [{ weight: 101, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] } })), `${S}/affinity/podAntiAffinity/${PREF}/0/weight`, ['101']],
    ['a pod term without topologyKey', pod((s) => void (s.affinity = { podAffinity: { [REQ]: [{ labelSelector: { matchLabels: { app: 'db' } } }] } })), `${S}/affinity/podAffinity/${REQ}/0/topologyKey`, ['non-empty label key']],
    ['a matchFields key other than metadata.name', pod((s) => void (s.affinity = { nodeAffinity: { [REQ]: { nodeSelectorTerms: [{ matchFields: [{ key: 'spec.unschedulable', operator: 'In', values: ['x'] }] }] } } })), `${S}/affinity/nodeAffinity/${REQ}/nodeSelectorTerms/0/matchFields/0/key`, ['metadata.name']],
    ['tolerationSeconds without NoExecute', tol({ key: 'a', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }), `${S}/tolerations/0/tolerationSeconds`, ['NoExecute']],
    ['Exists with a value', tol({ key: 'a', operator: 'Exists', value: 'x' }), `${S}/tolerations/0/value`, ['takes no value']],
    ['no key without Exists', tol({ operator: 'Equal', value: 'x' }), `${S}/tolerations/0/operator`, ['without a key']],
    ['an unknown effect', tol({ key: 'a', operator: 'Exists', effect: 'NoRun' }), `${S}/tolerations/0/effect`, ['"NoRun"']],
    ['an unknown toleration operator', tol({ key: 'a', operator: 'Gt', value: '1' }), `${S}/tolerations/0/operator`, ['"Gt"']],
    ['maxSkew 0', spread({ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }), `${S}/topologySpreadConstraints/0/maxSkew`, ['at least 1']],
    ['minDomains with ScheduleAnyway', spread({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }), `${S}/topologySpreadConstraints/0/minDomains`, ['DoNotSchedule']],
    ['a repeated pair', spread({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }, { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }), `${S}/topologySpreadConstraints/1`, ['each pair may appear once']],
    ['an unknown whenUnsatisfiable', spread({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'Maybe' }), `${S}/topologySpreadConstraints/0/whenUnsatisfiable`, ['"Maybe"']],
    ['matchLabelKeys repeating a selector key', spread({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['app'] }), `${S}/topologySpreadConstraints/0/matchLabelKeys/0`, ['"app"']],
    ['matchLabelKeys without a selector', spread({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['pod-template-hash'] }), `${S}/topologySpreadConstraints/0/matchLabelKeys`, ['needs a labelSelector']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['every node operator used correctly', pod((s) => void (s.affinity = { nodeAffinity: { [REQ]: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }, { key: 'b', operator: 'DoesNotExist' }, { key: 'c', operator: 'Gt', values: ['-3'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }] } } }))],
    ['a match-everything toleration', tol({ operator: 'Exists' })],
    ['a NoExecute toleration with seconds', tol({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 })],
    ['two spreads over different pairs, with pod-template-hash', spread({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: 3, labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'] }, { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' })],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
