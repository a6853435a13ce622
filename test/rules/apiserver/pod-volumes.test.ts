import { podVolumesRule as rule } from '../../../lib/rules/apiserver/pod-volumes';
import { Obj, PATH, broken, expectOne, fixtures, podOf, run } from './fixtures';

const pod = (mutate: (spec: Obj) => void, base: Obj = fixtures.pod()) => broken(base, (o) => void mutate(podOf(o)));
const M = '/spec/containers/0/volumeMounts';
const V = '/spec/volumes/1';
const vol = (v: Obj) => pod((s) => void s.volumes.push({ name: 'extra', ...v }));

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
    ['a hostPath with ".."', vol({ hostPath: { path: '/var/../etc' } }), `${V}/hostPath/path`, ['".."']],
    ['an unknown hostPath type', vol({ hostPath: { path: '/var/log', type: 'Dir' } }), `${V}/hostPath/type`, ['"Dir"']],
    ['a secret volume without secretName', vol({ secret: { defaultMode: 0o400 } }), `${V}/secret/secretName`, ['secretName is required']],
    ['a configMap defaultMode over 0777', vol({ configMap: { name: 'c', defaultMode: 0o1777 } }), `${V}/configMap/defaultMode`, ['1023']],
    ['an item path that is absolute', vol({ configMap: { name: 'c', items: [{ key: 'a', path: '/etc/a' }] } }), `${V}/configMap/items/0/path`, ['relative']],
    ['an item path starting with ".."', vol({ secret: { secretName: 's', items: [{ key: 'a', path: '..data' }] } }), `${V}/secret/items/0/path`, ['start with ".."']],
    ['an item mode over 0777', vol({ secret: { secretName: 's', items: [{ key: 'a', path: 'a', mode: 512 }] } }), `${V}/secret/items/0/mode`, ['512']],
    ['an nfs path that is relative', vol({ nfs: { server: 'nfs.local', path: 'exports' } }), `${V}/nfs/path`, ['absolute']],
    ['a csi driver with "_"', vol({ csi: { driver: 'my_driver' } }), `${V}/csi/driver`, ['"my_driver"']],
    ['a downwardAPI file with an env-only field', vol({ downwardAPI: { items: [{ path: 'node', fieldRef: { fieldPath: 'spec.nodeName' } }] } }), `${V}/downwardAPI/items/0/fieldRef/fieldPath`, ['"spec.nodeName"']],
    ['a downwardAPI resource file without containerName', vol({ downwardAPI: { items: [{ path: 'mem', resourceFieldRef: { resource: 'limits.memory' } }] } }), `${V}/downwardAPI/items/0/resourceFieldRef/containerName`, ['containerName']],
    ['a projected source with two kinds', vol({ projected: { sources: [{ configMap: { name: 'a' }, secret: { name: 'b' } }] } }), `${V}/projected/sources/0`, ['configMap and secret']],
    ['two projected files at one path', vol({ projected: { sources: [{ configMap: { name: 'a', items: [{ key: 'k', path: 'f' }] } }, { secret: { name: 'b', items: [{ key: 'k', path: 'f' }] } }] } }), `${V}/projected/sources/1/secret/items/0/path`, ['"f"', 'two sources']],
    ['a token that expires in 5 minutes', vol({ projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 300 } }] } }), `${V}/projected/sources/0/serviceAccountToken/expirationSeconds`, ['300']],
    ['an ephemeral volume without a claim template', vol({ ephemeral: { readOnly: true } }), `${V}/ephemeral/volumeClaimTemplate`, ['volumeClaimTemplate is required']],
    ['an iscsi lun over 255', vol({ iscsi: { targetPortal: '10.0.0.5:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 256 } }), `${V}/iscsi/lun`, ['256']],
    ['a claim an ephemeral volume of the pod creates', pod((s) => void s.volumes.push({ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }, { name: 'again', persistentVolumeClaim: { claimName: 'web-scratch' } })), '/spec/volumes/2/persistentVolumeClaim/claimName', ['"web-scratch"']],
    ['Bidirectional propagation in an unprivileged container', pod((s) => void (s.containers[0].volumeMounts[0].mountPropagation = 'Bidirectional')), `${M}/0/mountPropagation`, ['privileged']],
    ['recursiveReadOnly without readOnly', pod((s) => void (s.containers[0].volumeMounts[0].recursiveReadOnly = 'Enabled')), `${M}/0/recursiveReadOnly`, ['readOnly: true']],
    ['two devices at one path', pod((s) => { s.volumes.push({ name: 'a', persistentVolumeClaim: { claimName: 'a' } }, { name: 'b', persistentVolumeClaim: { claimName: 'b' } }); s.containers[0].volumeDevices = [{ name: 'a', devicePath: '/dev/xvda' }, { name: 'b', devicePath: '/dev/xvda' }]; }), '/spec/containers/0/volumeDevices/1/devicePath', ['used twice']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a StatefulSet mount of a volumeClaimTemplate', pod((s) => void s.containers[0].volumeMounts.push({ name: 'data', mountPath: '/data' }), fixtures.statefulSet())],
    ['a relative subPath', pod((s) => void (s.containers[0].volumeMounts[0].subPath = 'conf/app.yaml'))],
    ['a block device on a claim', pod((s) => { s.volumes.push({ name: 'disk', persistentVolumeClaim: { claimName: 'raw' } }); s.containers[0].volumeDevices = [{ name: 'disk', devicePath: '/dev/xvda' }]; })],
    ['the same volume mounted twice at different paths', pod((s) => void s.containers[0].volumeMounts.push({ name: 'config', mountPath: '/etc/web2', readOnly: true }))],
    ['volume sources the server accepts', pod((s) => void s.volumes.push(
      { name: 'logs', hostPath: { path: '/var/log', type: '' } },
      { name: 'certs', secret: { secretName: 'tls', defaultMode: 0o400, items: [{ key: 'tls.crt', path: 'certs/tls.crt', mode: 0o444 }] } },
      { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'mem', resourceFieldRef: { containerName: 'web', resource: 'limits.memory', divisor: '1Mi' } }] } },
      { name: 'all', projected: { sources: [{ configMap: { name: 'a', items: [{ key: 'k', path: 'a' }] } }, { serviceAccountToken: { path: 'token', expirationSeconds: 3600, audience: 'vault' } }] } },
      { name: 'share', nfs: { server: 'nfs.local', path: '/exports' } },
      { name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true } },
      { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } },
    ))],
    ['a read-only recursive mount with HostToContainer off', pod((s) => Object.assign(s.containers[0].volumeMounts[0], { readOnly: true, recursiveReadOnly: 'IfPossible', mountPropagation: 'None' }))],
    ['Bidirectional propagation in a privileged container', pod((s) => { s.containers[0].securityContext = { privileged: true }; s.containers[0].volumeMounts[0].mountPropagation = 'Bidirectional'; })],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('recursiveReadOnly is judged from 1.31', () => {
    const obj = pod((s) => void (s.containers[0].volumeMounts[0].recursiveReadOnly = 'Enabled'));
    expect(rule.check(obj, PATH, { k8sVersion: '1.30' })).toEqual([]);
    expect(rule.check(obj, PATH, { k8sVersion: '1.31' })).toHaveLength(1);
  });
});
