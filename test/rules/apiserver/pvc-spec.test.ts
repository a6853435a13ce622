import { pvcSpecRule as rule } from '../../../lib/rules/apiserver/pvc-spec';
import { Obj, broken, expectOne, fixtures, run } from './fixtures';

const pvc = (mutate: (spec: Obj) => void) => broken(fixtures.pvc(), (o) => void mutate(o.spec));
const sts = (templates: Obj[]) => broken(fixtures.statefulSet(), (o) => void (o.spec.volumeClaimTemplates = templates.map((spec, i) => ({ metadata: { name: `t${i}` }, spec }))));
const ephemeral = (make: () => Obj, podSpec: (o: Obj) => Obj, spec: Obj) => broken(make(), (o) => {
  podSpec(o).volumes = [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec } } }];
});
const pv = (mutate: (spec: Obj) => void) => broken(fixtures.pv(), (o) => void mutate(o.spec));

describe('pvc-spec', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a claim without access modes', pvc((s) => void (s.accessModes = [])), '/spec/accessModes', ['at least one access mode']],
    ['an access mode typo', pvc((s) => void (s.accessModes = ['ReadWriteOne'])), '/spec/accessModes/0', ['"ReadWriteOne"']],
    ['ReadWriteOncePod with another mode', pvc((s) => void (s.accessModes = ['ReadWriteOncePod', 'ReadOnlyMany'])), '/spec/accessModes', ['ReadWriteOncePod', 'only one']],
    ['a claim without a storage request', pvc((s) => void delete s.resources.requests), '/spec/resources/requests/storage', ['no resources.requests.storage']],
    ['a zero storage request', pvc((s) => void (s.resources.requests.storage = '0')), '/spec/resources/requests/storage', ['greater than zero']],
    ['a storage request in GB', pvc((s) => void (s.resources.requests.storage = '10GB')), '/spec/resources/requests/storage', ['"10GB"', 'not a valid quantity']],
    ['a volumeMode typo', pvc((s) => void (s.volumeMode = 'block')), '/spec/volumeMode', ['"block"', 'Filesystem, Block']],
    ['a storage class name with upper case', pvc((s) => void (s.storageClassName = 'Fast_SSD')), '/spec/storageClassName', ['"Fast_SSD"']],
    ['a selector with a bad operator', pvc((s) => void (s.selector = { matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['db'] }] })), '/spec/selector/matchExpressions/0/operator', ['"Equals"']],
    ['a VolumeSnapshot data source without apiGroup', pvc((s) => void (s.dataSource = { kind: 'VolumeSnapshot', name: 'snap' })), '/spec/dataSource/apiGroup', ['"VolumeSnapshot" has no apiGroup']],
    ['an ephemeral volume of a Deployment with ReadWriteOncePod and another mode',
      ephemeral(fixtures.deployment, (o) => o.spec.template.spec, { accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }),
      '/spec/template/spec/volumes/0/ephemeral/volumeClaimTemplate/spec/accessModes', ['ephemeral volume "scratch"', 'ReadWriteOncePod']],
    ['an ephemeral volume of a CronJob without a storage request',
      ephemeral(fixtures.cronJob, (o) => o.spec.jobTemplate.spec.template.spec, { accessModes: ['ReadWriteOnce'] }),
      '/spec/jobTemplate/spec/template/spec/volumes/0/ephemeral/volumeClaimTemplate/spec/resources/requests/storage', ['ephemeral volume "scratch"', 'no resources.requests.storage']],
    ['a volume without capacity', pv((s) => void delete s.capacity), '/spec/capacity/storage', ['no capacity.storage']],
    ['a volume capacity with cpu', pv((s) => void (s.capacity.cpu = '1')), '/spec/capacity', ['only supported capacity is storage']],
    ['a volume without a source', pv((s) => void delete s.nfs), '/spec', ['no volume source']],
    ['a volume with two sources', pv((s) => void (s.hostPath = { path: '/data' })), '/spec', ['2 volume sources (hostPath, nfs)']],
    ['a local volume without nodeAffinity', pv((s) => { delete s.nfs; s.local = { path: '/mnt/disk' }; }), '/spec/nodeAffinity', ['nodeAffinity']],
    ['a reclaim policy typo', pv((s) => void (s.persistentVolumeReclaimPolicy = 'Keep')), '/spec/persistentVolumeReclaimPolicy', ['"Keep"']],
    ['a volume without access modes', pv((s) => void delete s.accessModes), '/spec/accessModes', ['at least one access mode']],
    ['a hostPath with ".."', pv((s) => { delete s.nfs; s.hostPath = { path: '/data/../etc' }; }), '/spec/hostPath/path', ['".."']],
    ['a hostPath type typo', pv((s) => { delete s.nfs; s.hostPath = { path: '/data', type: 'Dir' }; }), '/spec/hostPath/type', ['"Dir"']],
    ['an empty local path', pv((s) => { delete s.nfs; Object.assign(s, { local: { path: '' }, nodeAffinity: { required: { nodeSelectorTerms: [{}] } } }); }), '/spec/local/path', ['local.path is empty']],
    ['a relative nfs path', pv((s) => void (s.nfs.path = 'exports')), '/spec/nfs/path', ['absolute']],
    ['an empty nfs server', pv((s) => void (s.nfs.server = '')), '/spec/nfs/server', ['nfs.server is empty']],
    ['a CSI driver name with "_"', pv((s) => { delete s.nfs; s.csi = { driver: 'my_driver', volumeHandle: 'v' }; }), '/spec/csi/driver', ['"my_driver"']],
    ['an empty CSI volumeHandle', pv((s) => { delete s.nfs; s.csi = { driver: 'ebs.csi.aws.com', volumeHandle: '' }; }), '/spec/csi/volumeHandle', ['volumeHandle is empty']],
    ['Recycle on a hostPath of "/"', pv((s) => { delete s.nfs; Object.assign(s, { hostPath: { path: '//' }, persistentVolumeReclaimPolicy: 'Recycle' }); }), '/spec/persistentVolumeReclaimPolicy', ['Recycle']],
    ['nodeAffinity without required', pv((s) => void (s.nodeAffinity = {})), '/spec/nodeAffinity/required', ['nodeAffinity.required']],
    ['nodeAffinity with no terms', pv((s) => void (s.nodeAffinity = { required: { nodeSelectorTerms: [] } })), '/spec/nodeAffinity/required/nodeSelectorTerms', ['at least one']],
    ['the mount-options annotation on a hostPath volume', broken(fixtures.pv(), (o) => {
      delete o.spec.nfs;
      o.spec.hostPath = { path: '/data' };
      o.metadata.annotations = { 'volume.beta.kubernetes.io/mount-options': 'ro' };
    }), '/metadata/annotations/volume.beta.kubernetes.io~1mount-options', ['no mount options']],
    ['dataSource and dataSourceRef that differ', pvc((s) => Object.assign(s, { dataSource: { kind: 'PersistentVolumeClaim', name: 'a' }, dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'b' } })), '/spec/dataSource', ['differ']],
    ['a dataSourceRef apiGroup with upper case', pvc((s) => void (s.dataSourceRef = { apiGroup: 'Snapshot.Storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' })), '/spec/dataSourceRef/apiGroup', ['"Snapshot.Storage.k8s.io"']],
    ['a StatefulSet claim template with ReadWriteOncePod and another mode', sts([{ accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }]),
      '/spec/volumeClaimTemplates/0/spec/accessModes', ['claim template 0', 'ReadWriteOncePod']],
    ['a StatefulSet claim template without a storage request', sts([{ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, { accessModes: ['ReadWriteOnce'] }]),
      '/spec/volumeClaimTemplates/1/spec/resources/requests/storage', ['claim template 1', 'no resources.requests.storage']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test('the VolumeSnapshot fix names the snapshot API group', () => {
    const [issue] = run(rule, pvc((s) => void (s.dataSource = { kind: 'VolumeSnapshot', name: 'snap' })));
    expect(issue.fix).toContain('snapshot.storage.k8s.io');
  });

  test.each<[string, Obj]>([
    ['an empty storageClassName (no class)', pvc((s) => void (s.storageClassName = ''))],
    ['a Block claim cloned from another claim', pvc((s) => Object.assign(s, { volumeMode: 'Block', dataSource: { kind: 'PersistentVolumeClaim', name: 'src' } }))],
    ['ReadWriteOncePod alone', pvc((s) => void (s.accessModes = ['ReadWriteOncePod']))],
    ['a Deployment with a valid ephemeral volume', ephemeral(fixtures.deployment, (o) => o.spec.template.spec, { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } } })],
    ['a StatefulSet with a valid claim template', sts([{ accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } } }])],
    ['a CSI volume with mount options and a class', pv((s) => { delete s.nfs; Object.assign(s, { csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' }, mountOptions: ['noatime'], storageClassName: 'gp3' }); })],
    ['the mount-options annotation on an nfs volume', broken(fixtures.pv(), (o) => void (o.metadata.annotations = { 'volume.beta.kubernetes.io/mount-options': 'ro' }))],
    ['Recycle on a hostPath below "/"', pv((s) => { delete s.nfs; Object.assign(s, { hostPath: { path: '/data', type: 'DirectoryOrCreate' }, persistentVolumeReclaimPolicy: 'Recycle' }); })],
    ['equal dataSource and dataSourceRef', pvc((s) => Object.assign(s, { dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'a' }, dataSourceRef: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'a' } }))],
    ['a local volume with nodeAffinity', pv((s) => {
      delete s.nfs;
      Object.assign(s, { local: { path: '/mnt/disk' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] }] } } });
    })],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
