import { Namespace, PersistentVolume, PersistentVolumeClaim, PersistentVolumeSource, StorageClass } from '../../lib';
import { expectKubeforgeError, newChart, oneOfKind, render } from './util';

const nfs = PersistentVolumeSource.nfs({ server: 'nfs.example.com', path: '/exports/data' });

describe('PersistentVolumeClaim', () => {
  test('requests, default access mode; no storage class field unless set', () => {
    const { app, chart } = newChart();
    const pvc = new PersistentVolumeClaim(chart, 'data', { storage: '5Gi' });
    expect(pvc.volume).toBeUndefined();
    const obj = oneOfKind(app, 'PersistentVolumeClaim');
    expect(obj.apiVersion).toBe('v1');
    expect(obj.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } });
  });

  test('access modes, storage class (object or reference) and volume mode', () => {
    const { app, chart } = newChart();
    const sc = new StorageClass(chart, 'fast', { provisioner: 'ebs.csi.aws.com' });
    new PersistentVolumeClaim(chart, 'a', { storage: '1Gi', accessModes: ['ReadWriteMany'], storageClass: sc, volumeMode: 'Block' });
    new PersistentVolumeClaim(chart, 'b', { storage: 1073741824, storageClass: StorageClass.fromName(chart, 'std', 'standard') });
    const objects = render(app);
    const [a, b] = objects.filter((o) => o.kind === 'PersistentVolumeClaim');
    expect(a.spec).toEqual({ accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } }, storageClassName: sc.name, volumeMode: 'Block' });
    expect(b.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: 1073741824 } }, storageClassName: 'standard' });
    expect(objects.findIndex((o) => o.kind === 'StorageClass')).toBeLessThan(objects.indexOf(a));
  });

  describe('bind()', () => {
    test('sets volumeName and storageClassName "" for a class-less PV; claimRef when the chart has a namespace', () => {
      const { app, chart } = newChart({ namespace: 'prod' });
      const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi' });
      const pvc = new PersistentVolumeClaim(chart, 'data', { storage: '1Gi' });
      pvc.bind(pv);
      expect(pvc.volume).toBe(pv);
      expect(pv.claimRef).toEqual({ name: pvc.name, namespace: 'prod' });
      const objects = render(app);
      const pvObj = objects.find((o) => o.kind === 'PersistentVolume')!;
      const pvcObj = objects.find((o) => o.kind === 'PersistentVolumeClaim')!;
      expect(pvcObj.spec.volumeName).toBe(pvObj.metadata.name);
      expect(pvcObj.spec.storageClassName).toBe('');
      expect(pvObj.spec.claimRef).toEqual({ name: pvcObj.metadata.name, namespace: 'prod' });
      expect(objects.indexOf(pvObj)).toBeLessThan(objects.indexOf(pvcObj));
    });

    test('claimRef uses the namespace given to the claim', () => {
      const { app, chart } = newChart({ namespace: 'prod' });
      const ns = new Namespace(chart, 'data-ns', { name: 'data' });
      const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi' });
      new PersistentVolumeClaim(chart, 'data', { storage: '1Gi', namespace: ns, volume: pv });
      const pvObj = oneOfKind(app, 'PersistentVolume');
      expect(pvObj.spec.claimRef.namespace).toBe('data');
      expect(oneOfKind(app, 'PersistentVolumeClaim').metadata.namespace).toBe('data');
    });

    test('without a known namespace there is no claimRef (it could never match)', () => {
      const { app, chart } = newChart();
      const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi' });
      const pvc = new PersistentVolumeClaim(chart, 'data', { storage: '1Gi' });
      pvc.bind(pv);
      expect(oneOfKind(app, 'PersistentVolume').spec).not.toHaveProperty('claimRef');
      expect(oneOfKind(app, 'PersistentVolumeClaim').spec.volumeName).toBe(pv.name);
    });

    test('the volume prop is the same as bind()', () => {
      const { app, chart } = newChart();
      const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi' });
      const pvc = new PersistentVolumeClaim(chart, 'data', { storage: '1Gi', volume: pv });
      expect(pvc.volume).toBe(pv);
      expect(oneOfKind(app, 'PersistentVolumeClaim').spec).toMatchObject({ volumeName: pv.name, storageClassName: '' });
    });

    test('a claim without a class bound to a PV with a class takes the PV\'s class', () => {
      const { app, chart } = newChart();
      const sc = new StorageClass(chart, 'local', { provisioner: 'kubernetes.io/no-provisioner' });
      const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi', storageClass: sc });
      new PersistentVolumeClaim(chart, 'data', { storage: '1Gi', volume: pv });
      expect(oneOfKind(app, 'PersistentVolumeClaim').spec.storageClassName).toBe(sc.name);
    });

    test('binds when sizes are equal in different units, a smaller request, and a subset of the modes', () => {
      const { chart } = newChart();
      const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi', accessModes: ['ReadWriteOnce', 'ReadWriteMany'] });
      const pvc = new PersistentVolumeClaim(chart, 'data', { storage: '1024Mi', accessModes: ['ReadWriteMany'] });
      pvc.bind(pv);
      pvc.bind(pv); // binding twice to the same volume is harmless
      expect(pvc.volume).toBe(pv);
      const pv2 = new PersistentVolume(chart, 'volume2', { source: nfs, storage: '10Gi' });
      new PersistentVolumeClaim(chart, 'small', { storage: '500M', volume: pv2 });
      expect(pv2.claimRef).toBeDefined();
    });

    describe('mismatches throw with the claim path, the volume path and the values', () => {
      test('capacity too small', () => {
        const { chart } = newChart();
        const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi' });
        const pvc = new PersistentVolumeClaim(chart, 'data', { storage: '2Gi' });
        const err = expectKubeforgeError(() => pvc.bind(pv), 'test/data', 'test/volume', '1Gi', '2Gi');
        expect(err.details.ruleId).toBe('pv-pvc-mismatch');
        expect(pvc.volume).toBeUndefined();
        expect(pv.claimRef).toBeUndefined();
      });

      test('access mode not offered', () => {
        const { chart } = newChart();
        const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi', accessModes: ['ReadWriteOnce'] });
        const pvc = new PersistentVolumeClaim(chart, 'data', { storage: '1Gi', accessModes: ['ReadWriteMany'] });
        expectKubeforgeError(() => pvc.bind(pv), 'test/data', 'test/volume', 'ReadWriteMany', 'ReadWriteOnce');
      });

      test('storage class differs (class vs no class, and two classes)', () => {
        const { chart } = newChart();
        const fast = new StorageClass(chart, 'fast', { provisioner: 'ebs.csi.aws.com', name: 'fast' });
        const slow = StorageClass.fromName(chart, 'slow', 'slow');
        const plain = new PersistentVolume(chart, 'plain', { source: nfs, storage: '1Gi' });
        const slowPv = new PersistentVolume(chart, 'slowpv', { source: nfs, storage: '1Gi', storageClass: slow });
        const a = new PersistentVolumeClaim(chart, 'a', { storage: '1Gi', storageClass: fast });
        expectKubeforgeError(() => a.bind(plain), 'test/a', 'test/plain', '"fast"', 'none');
        const b = new PersistentVolumeClaim(chart, 'b', { storage: '1Gi', storageClass: fast });
        expectKubeforgeError(() => b.bind(slowPv), 'test/b', 'test/slowpv', '"fast"', '"slow"');
      });

      test('volumeMode differs', () => {
        const { chart } = newChart();
        const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi' });
        const pvc = new PersistentVolumeClaim(chart, 'data', { storage: '1Gi', volumeMode: 'Block' });
        expectKubeforgeError(() => pvc.bind(pv), 'test/data', 'test/volume', 'Block', 'Filesystem');
      });

      test('a claim already bound to another volume, a volume already reserved for another claim', () => {
        const { chart } = newChart();
        const pv1 = new PersistentVolume(chart, 'pv1', { source: nfs, storage: '1Gi' });
        const pv2 = new PersistentVolume(chart, 'pv2', { source: nfs, storage: '1Gi' });
        const a = new PersistentVolumeClaim(chart, 'a', { storage: '1Gi', volume: pv1 });
        expectKubeforgeError(() => a.bind(pv2), 'test/a', 'test/pv1');
        const b = new PersistentVolumeClaim(chart, 'b', { storage: '1Gi' });
        expectKubeforgeError(() => b.bind(pv1), 'test/b', a.name);
      });

      // BUG (reported): PersistentVolume._reserveFor compares only claim names, so a claim of the same name in
      // another namespace silently takes over the volume's claimRef.
      test('a volume reserved for a claim is not taken by a same-named claim in another namespace', () => {
        const { chart } = newChart();
        const ns1 = new Namespace(chart, 'ns1', { name: 'team-a' });
        const ns2 = new Namespace(chart, 'ns2', { name: 'team-b' });
        const pv = new PersistentVolume(chart, 'volume', { source: nfs, storage: '1Gi' });
        new PersistentVolumeClaim(chart, 'a', { name: 'data', storage: '1Gi', namespace: ns1, volume: pv });
        const b = new PersistentVolumeClaim(chart, 'b', { name: 'data', storage: '1Gi', namespace: ns2 });
        expectKubeforgeError(() => b.bind(pv), 'test/b', 'team-a/data');
        expect(pv.claimRef).toEqual({ name: 'data', namespace: 'team-a' });
      });
    });
  });

  describe('bad input', () => {
    test('storage is required and must be a valid positive quantity', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new PersistentVolumeClaim(chart, 'a', { storage: undefined as any }), 'test/a', 'storage');
      expectKubeforgeError(() => new PersistentVolumeClaim(chart, 'b', { storage: '10GB' as any }), 'test/b', '"10GB"', '"10Gi"');
      expectKubeforgeError(() => new PersistentVolumeClaim(chart, 'c', { storage: '-1Gi' }), 'test/c', '"-1Gi"');
    });

    test('access modes and volume mode are checked', () => {
      const { chart } = newChart();
      expectKubeforgeError(() => new PersistentVolumeClaim(chart, 'a', { storage: '1Gi', accessModes: [] }), 'test/a', 'accessModes');
      expectKubeforgeError(() => new PersistentVolumeClaim(chart, 'b', { storage: '1Gi', accessModes: ['RWO' as any] }), 'test/b', '"RWO"');
      expectKubeforgeError(() => new PersistentVolumeClaim(chart, 'c', { storage: '1Gi', volumeMode: 'block' as any }), 'test/c', '"block"');
    });
  });
});
