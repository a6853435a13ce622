import { PersistentVolume, PersistentVolumeSource, StorageClass } from '../../lib';
import { expectKubeforgeError, newChart, objectsOfKind, oneOfKind, render } from './util';

const nfs = PersistentVolumeSource.nfs({ server: 'nfs.example.com', path: '/exports/data' });

describe('PersistentVolume', () => {
  test('nfs: capacity, default access mode ReadWriteOnce, default reclaim policy Retain', () => {
    const { app, chart } = newChart();
    const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '10Gi' });
    expect(pv.reclaimPolicy).toBe('Retain');
    expect(pv.storageClassName).toBe('');
    const obj = oneOfKind(app, 'PersistentVolume');
    expect(obj.apiVersion).toBe('v1');
    expect(obj.spec).toEqual({
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      nfs: { server: 'nfs.example.com', path: '/exports/data' },
    });
  });

  test('nfs readOnly; hostPath with type', () => {
    const { app, chart } = newChart();
    new PersistentVolume(chart, 'a', { source: PersistentVolumeSource.nfs({ server: '10.0.0.5', path: '/x', readOnly: true }), storage: '1Gi', accessModes: ['ReadOnlyMany'] });
    new PersistentVolume(chart, 'b', { source: PersistentVolumeSource.hostPath({ path: '/mnt/data', type: 'DirectoryOrCreate' }), storage: '1Gi' });
    const [a, b] = objectsOfKind(app, 'PersistentVolume');
    expect(a.spec.nfs).toEqual({ server: '10.0.0.5', path: '/x', readOnly: true });
    expect(a.spec.accessModes).toEqual(['ReadOnlyMany']);
    expect(b.spec.hostPath).toEqual({ path: '/mnt/data', type: 'DirectoryOrCreate' });
    expect(b.spec).not.toHaveProperty('nodeAffinity');
  });

  test('local: required node affinity on the hostnames, plus extra terms', () => {
    const { app, chart } = newChart();
    new PersistentVolume(chart, 'disk', {
      source: PersistentVolumeSource.local({ path: '/mnt/disks/ssd1', hostnames: ['node-1', 'node-2'], fsType: 'ext4' }),
      storage: '100Gi',
      nodeAffinity: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] }],
    });
    const spec = oneOfKind(app, 'PersistentVolume').spec;
    expect(spec.local).toEqual({ path: '/mnt/disks/ssd1', fsType: 'ext4' });
    expect(spec.nodeAffinity).toEqual({
      required: {
        nodeSelectorTerms: [{
          matchExpressions: [
            { key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1', 'node-2'] },
            { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] },
          ],
        }],
      },
    });
  });

  test('csi with fsType, readOnly and attributes', () => {
    const { app, chart } = newChart();
    new PersistentVolume(chart, 'ebs', {
      source: PersistentVolumeSource.csi({ driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0123', fsType: 'xfs', readOnly: true, volumeAttributes: { tier: 'gold' } }),
      storage: '20Gi',
    });
    expect(oneOfKind(app, 'PersistentVolume').spec.csi).toEqual({ driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0123', fsType: 'xfs', readOnly: true, volumeAttributes: { tier: 'gold' } });
  });

  test('accessModes, reclaimPolicy, storage class, volumeMode and mountOptions', () => {
    const { app, chart } = newChart();
    const sc = new StorageClass(chart, 'fast', { provisioner: 'kubernetes.io/no-provisioner' });
    new PersistentVolume(chart, 'volume', {
      source: nfs,
      storage: '5Gi',
      accessModes: ['ReadWriteMany', 'ReadOnlyMany'],
      reclaimPolicy: 'Recycle',
      storageClass: sc,
      volumeMode: 'Filesystem',
      mountOptions: ['nfsvers=4.1', 'hard'],
    });
    const objects = render(app);
    const pv = objects.find((o) => o.kind === 'PersistentVolume')!;
    expect(pv.spec).toMatchObject({
      accessModes: ['ReadWriteMany', 'ReadOnlyMany'],
      persistentVolumeReclaimPolicy: 'Recycle',
      storageClassName: sc.name,
      volumeMode: 'Filesystem',
      mountOptions: ['nfsvers=4.1', 'hard'],
    });
    // The StorageClass it uses comes first.
    expect(objects.findIndex((o) => o.kind === 'StorageClass')).toBeLessThan(objects.indexOf(pv));
  });

  test('a referenced StorageClass (fromName) sets storageClassName; Block volume mode', () => {
    const { app, chart } = newChart();
    new PersistentVolume(chart, 'raw', {
      source: PersistentVolumeSource.csi({ driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' }),
      storage: '1Ti',
      storageClass: StorageClass.fromName(chart, 'gp3', 'gp3'),
      volumeMode: 'Block',
      reclaimPolicy: 'Delete',
    });
    const spec = oneOfKind(app, 'PersistentVolume').spec;
    expect(spec.storageClassName).toBe('gp3');
    expect(spec.volumeMode).toBe('Block');
    expect(spec.persistentVolumeReclaimPolicy).toBe('Delete');
  });

  test('cluster-scoped: no namespace even in a chart with one', () => {
    const { app, chart } = newChart({ namespace: 'prod' });
    new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi' });
    expect(oneOfKind(app, 'PersistentVolume').metadata).not.toHaveProperty('namespace');
  });

  describe('bad input', () => {
    test('source checks name the path and the value', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new PersistentVolume(chart, 'a', { source: PersistentVolumeSource.nfs({ server: '', path: '/x' }), storage: '1Gi' }), 'test/a', 'nfs.server');
      expectKubeforgeError(() => new PersistentVolume(chart, 'b', { source: PersistentVolumeSource.nfs({ server: 'nfs', path: 'exports' }), storage: '1Gi' }), 'test/b', '"exports"');
      expectKubeforgeError(() => new PersistentVolume(chart, 'c', { source: PersistentVolumeSource.hostPath({ path: 'tmp' }), storage: '1Gi' }), 'test/c', '"tmp"');
      expectKubeforgeError(() => new PersistentVolume(chart, 'd', { source: PersistentVolumeSource.local({ path: '/mnt', hostnames: [] }), storage: '1Gi' }), 'test/d', 'hostnames');
      expectKubeforgeError(() => new PersistentVolume(chart, 'e', { source: PersistentVolumeSource.csi({ driver: 'x.csi', volumeHandle: '' }), storage: '1Gi' }), 'test/e', 'volumeHandle');
      expectKubeforgeError(() => new PersistentVolume(chart, 'f', { source: undefined as any, storage: '1Gi' }), 'test/f', 'source');
    });

    test('capacity must be a positive quantity; 1GB suggests 1Gi', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new PersistentVolume(chart, 'a', { source: nfs, storage: '1GB' as any }), 'test/a', '"1GB"', '"1Gi"');
      expectKubeforgeError(() => new PersistentVolume(chart, 'b', { source: nfs, storage: '0' }), 'test/b', '"0"');
      expectKubeforgeError(() => new PersistentVolume(chart, 'c', { source: nfs, storage: undefined as any }), 'test/c', 'storage');
    });

    test('access modes, reclaim policy and volume mode are checked', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new PersistentVolume(chart, 'a', { source: nfs, storage: '1Gi', accessModes: ['ReadWriteSometimes' as any] }), 'test/a', '"ReadWriteSometimes"');
      expectKubeforgeError(() => new PersistentVolume(chart, 'b', { source: nfs, storage: '1Gi', accessModes: [] }), 'test/b', 'accessModes');
      expectKubeforgeError(() => new PersistentVolume(chart, 'c', { source: nfs, storage: '1Gi', accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'] }), 'test/c', 'ReadWriteOncePod');
      expectKubeforgeError(
        () => new PersistentVolume(chart, 'd', { source: PersistentVolumeSource.csi({ driver: 'x.csi', volumeHandle: 'v' }), storage: '1Gi', reclaimPolicy: 'Recycle' }),
        'test/d', '"Recycle"',
      );
      expectKubeforgeError(() => new PersistentVolume(chart, 'e', { source: nfs, storage: '1Gi', volumeMode: 'Raw' as any }), 'test/e', '"Raw"');
    });
  });
});
