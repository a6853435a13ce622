import { podVolumesRule as rule } from '../../../lib/rules/apiserver/pod-volumes';
import { Obj, broken, expectOne, fixtures, podOf, run } from './fixtures';

const pod = (mutate: (spec: Obj) => void, base: Obj = fixtures.pod()) => broken(base, (o) => void mutate(podOf(o)));
const M = '/spec/containers/0/volumeMounts';

describe('pod-volumes', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a mount of an undefined volume', pod((s) => void (s.containers[0].volumeMounts[0].name = 'cache')), `${M}/0/name`, ['"cache"', 'volumes: config']],
    ['a mount without mountPath', pod((s) => void delete s.containers[0].volumeMounts[0].mountPath), `${M}/0/mountPath`, ['no mountPath']],
    ['two mounts at the same path', pod((s) => { s.volumes.push({ name: 'extra', emptyDir: {} }); s.containers[0].volumeMounts.push({ name: 'extra', mountPath: '/etc/web' }); }), `${M}/1/mountPath`, ['"/etc/web"', 'unique']],
    ['a subPath with ".."', pod((s) => void (s.containers[0].volumeMounts[0].subPath = '../secrets')), `${M}/0/subPath`, ['"../secrets"']],
    ['subPath and subPathExpr together', pod((s) => Object.assign(s.containers[0].volumeMounts[0], { subPath: 'a', subPathExpr: '$(POD)' })), `${M}/0/subPathExpr`, ['mutually exclusive']],
    ['two volumes with the same name', pod((s) => void s.volumes.push({ name: 'config', emptyDir: {} })), '/spec/volumes/1/name', ['"config" is used twice']],
    ['a volume name with upper case', pod((s) => { s.volumes[0].name = 'Config'; s.containers[0].volumeMounts[0].name = 'Config'; }), '/spec/volumes/0/name', ['"Config"']],
    ['a volume with two sources', pod((s) => void (s.volumes[0].emptyDir = {})), '/spec/volumes/0', ['2 sources (configMap, emptyDir)']],
    ['a volume without a source', pod((s) => void delete s.volumes[0].configMap), '/spec/volumes/0', ['no source']],
    ['a volume device on a configMap volume', pod((s) => { s.volumes.push({ name: 'raw', configMap: { name: 'raw' } }); s.containers[0].volumeDevices = [{ name: 'raw', devicePath: '/dev/xvda' }]; }), '/spec/containers/0/volumeDevices/0/name', ['persistentVolumeClaim or ephemeral']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a StatefulSet mount of a volumeClaimTemplate', pod((s) => void s.containers[0].volumeMounts.push({ name: 'data', mountPath: '/data' }), fixtures.statefulSet())],
    ['a relative subPath', pod((s) => void (s.containers[0].volumeMounts[0].subPath = 'conf/app.yaml'))],
    ['a block device on a claim', pod((s) => { s.volumes.push({ name: 'disk', persistentVolumeClaim: { claimName: 'raw' } }); s.containers[0].volumeDevices = [{ name: 'disk', devicePath: '/dev/xvda' }]; })],
    ['the same volume mounted twice at different paths', pod((s) => void s.containers[0].volumeMounts.push({ name: 'config', mountPath: '/etc/web2', readOnly: true }))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
