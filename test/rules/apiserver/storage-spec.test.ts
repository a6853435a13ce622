import { storageSpecRule as rule } from '../../../lib/rules/apiserver/storage-spec';
import { Obj, broken, expectOne, run } from './fixtures';
import { groupFixtures } from './group-fixtures';

const sc = (mutate: (o: Obj) => void) => broken(groupFixtures.storageClass(), (o) => void mutate(o));
const drv = (mutate: (spec: Obj) => void) => broken(groupFixtures.csiDriver(), (o) => void mutate(o.spec));
const node = (mutate: (d: Obj) => void) => broken(groupFixtures.csiNode(), (o) => void mutate(o.spec.drivers[0]));
const va = (mutate: (spec: Obj) => void) => broken(groupFixtures.volumeAttachment(), (o) => void mutate(o.spec));
const TOPO = '/allowedTopologies/0/matchLabelExpressions';

describe('storage-spec', () => {
  test.each(Object.entries(groupFixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a Recycle reclaim policy', sc((o) => void (o.reclaimPolicy = 'Recycle')), '/reclaimPolicy', ['"Recycle"', 'Delete, Retain']],
    ['an empty provisioner', sc((o) => void (o.provisioner = '')), '/provisioner', ['empty']],
    ['a provisioner with spaces', sc((o) => void (o.provisioner = 'my provisioner')), '/provisioner', ['"my provisioner"']],
    ['a provisioner with two slashes', sc((o) => void (o.provisioner = 'a.io/b/c')), '/provisioner', ['"a.io/b/c"']],
    ['a binding mode typo', sc((o) => void (o.volumeBindingMode = 'Lazy')), '/volumeBindingMode', ['"Lazy"']],
    ['an empty parameter key', sc((o) => void (o.parameters = { '': 'x' })), '/parameters', ['empty key']],
    ['more than 512 parameters', sc((o) => void (o.parameters = Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`k${i}`, 'v'])))), '/parameters', ['513 entries']],
    ['parameters above 256 KiB', sc((o) => void (o.parameters = { big: 'x'.repeat(256 * 1024) })), '/parameters', ['256 KiB']],
    ['a topology expression without values', sc((o) => void (o.allowedTopologies[0].matchLabelExpressions[0].values = [])), `${TOPO}/0/values`, ['no values']],
    ['a repeated topology value', sc((o) => void (o.allowedTopologies[0].matchLabelExpressions[0].values = ['a', 'a'])), `${TOPO}/0/values/1`, ['"a"']],
    ['a repeated topology key', sc((o) => void o.allowedTopologies[0].matchLabelExpressions.push({ key: 'topology.kubernetes.io/zone', values: ['x'] })), `${TOPO}/1/key`, ['twice']],
    ['an invalid topology key', sc((o) => void (o.allowedTopologies[0].matchLabelExpressions[0].key = 'zone name')), `${TOPO}/0/key`, ['"zone name"']],
    ['a repeated topology term', sc((o) => void o.allowedTopologies.push({ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['us-east-1b', 'us-east-1a'] }] })), '/allowedTopologies/1/matchLabelExpressions', ['repeats']],
    ['an fsGroupPolicy typo', drv((s) => void (s.fsGroupPolicy = 'Always')), '/spec/fsGroupPolicy', ['"Always"']],
    ['a lifecycle mode typo', drv((s) => void (s.volumeLifecycleModes = ['persistent'])), '/spec/volumeLifecycleModes/0', ['"persistent"']],
    ['a repeated token audience', drv((s) => void s.tokenRequests.push({ audience: 'vault' })), '/spec/tokenRequests/1/audience', ['"vault"']],
    ['a token shorter than 10 minutes', drv((s) => void (s.tokenRequests[0].expirationSeconds = 60)), '/spec/tokenRequests/0/expirationSeconds', ['60']],
    ['a CSINode driver listed twice', broken(groupFixtures.csiNode(), (o) => void o.spec.drivers.push({ name: 'ebs.csi.aws.com', nodeID: 'x' })), '/spec/drivers/1/name', ['twice']],
    ['an empty nodeID', node((d) => void (d.nodeID = '')), '/spec/drivers/0/nodeID', ['empty']],
    ['a negative allocatable count', node((d) => void (d.allocatable.count = -1)), '/spec/drivers/0/allocatable/count', ['negative']],
    ['a driver name longer than 63', node((d) => void (d.name = `${'a'.repeat(60)}.com`)), '/spec/drivers/0/name', ['at most 63']],
    ['a repeated topology key of a driver', node((d) => void d.topologyKeys.push('topology.kubernetes.io/zone')), '/spec/drivers/0', ['twice']],
    ['an attachment with two sources', va((s) => void (s.source.inlineVolumeSpec = { csi: { driver: 'x', volumeHandle: 'y' } })), '/spec/source', ['both']],
    ['an attachment without a source', va((s) => void (s.source = {})), '/spec/source', ['neither']],
    ['an attacher with an underscore', va((s) => void (s.attacher = 'ebs_csi')), '/spec/attacher', ['"ebs_csi"']],
    ['a node name with upper case and an underscore', va((s) => void (s.nodeName = 'Node_1')), '/spec/nodeName', ['"Node_1"']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['an upper-case provisioner (lower-cased before the check)', sc((o) => void (o.provisioner = 'Example.com/Fast-SSD'))],
    ['the no-provisioner class', sc((o) => void (o.provisioner = 'kubernetes.io/no-provisioner'))],
    ['Delete and Immediate', sc((o) => Object.assign(o, { reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' }))],
    ['no topologies and no parameters', sc((o) => { delete o.allowedTopologies; delete o.parameters; })],
    ['two different topology terms', sc((o) => void o.allowedTopologies.push({ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['us-west-2a'] }] }))],
    ['an upper-case attacher (lower-cased before the check)', va((s) => void (s.attacher = 'EBS.csi.aws.com'))],
    ['a driver with every default', broken(groupFixtures.csiDriver(), (o) => void (o.spec = {}))],
    ['a token request without audience', drv((s) => void (s.tokenRequests = [{}]))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const kind of ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment']) {
      for (const extra of [{ spec: null }, { spec: { drivers: [null, { topologyKeys: [5] }], tokenRequests: 'x', source: 'x' } }, { parameters: 'x', allowedTopologies: [null, { matchLabelExpressions: [null, { values: 'x' }] }] }]) {
        expect(() => run(rule, { kind, ...extra })).not.toThrow();
      }
    }
  });
});
