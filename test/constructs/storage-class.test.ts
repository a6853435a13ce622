import { StorageClass } from '../../lib';
import { expectKubeforgeError, newChart, objectsOfKind, oneOfKind, render } from './util';

describe('StorageClass', () => {
  test('provisioner, parameters, reclaimPolicy, volumeBindingMode, allowVolumeExpansion and mountOptions', () => {
    const { app, chart } = newChart();
    const sc = new StorageClass(chart, 'fast', {
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', iops: '3000' },
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      mountOptions: ['debug'],
    });
    expect(sc.reclaimPolicy).toBe('Retain');
    const obj = oneOfKind(app, 'StorageClass');
    expect(obj.apiVersion).toBe('storage.k8s.io/v1');
    expect(obj.metadata.name).toBe(sc.name);
    const { apiVersion: _a, kind: _k, metadata: _m, ...body } = obj;
    expect(body).toEqual({
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3', iops: '3000' },
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      mountOptions: ['debug'],
    });
    expect(obj).not.toHaveProperty('spec');
  });

  test('minimal: only the provisioner; reclaimPolicy reads as Kubernetes\' default Delete', () => {
    const { app, chart } = newChart();
    const sc = new StorageClass(chart, 'local', { provisioner: 'kubernetes.io/no-provisioner' });
    expect(sc.reclaimPolicy).toBe('Delete');
    const obj = oneOfKind(app, 'StorageClass');
    expect(obj.provisioner).toBe('kubernetes.io/no-provisioner');
    for (const f of ['parameters', 'reclaimPolicy', 'volumeBindingMode', 'allowVolumeExpansion', 'mountOptions']) expect(obj).not.toHaveProperty(f);
    expect(obj.metadata).not.toHaveProperty('annotations');
  });

  test('allowVolumeExpansion: false is rendered explicitly', () => {
    const { app, chart } = newChart();
    new StorageClass(chart, 'fixed', { provisioner: 'ebs.csi.aws.com', allowVolumeExpansion: false });
    expect(oneOfKind(app, 'StorageClass').allowVolumeExpansion).toBe(false);
  });

  test('isDefault sets the is-default-class annotation, alongside user annotations', () => {
    const { app, chart } = newChart();
    new StorageClass(chart, 'std', { provisioner: 'pd.csi.storage.gke.io', isDefault: true, annotations: { owner: 'platform' } });
    new StorageClass(chart, 'other', { provisioner: 'pd.csi.storage.gke.io', isDefault: false });
    const [std, other] = objectsOfKind(app, 'StorageClass');
    expect(std.metadata.annotations).toEqual({ 'storageclass.kubernetes.io/is-default-class': 'true', owner: 'platform' });
    expect(other.metadata.annotations?.['storageclass.kubernetes.io/is-default-class']).toBeUndefined();
  });

  test('cluster-scoped: no namespace even in a chart with one', () => {
    const { app, chart } = newChart({ namespace: 'prod' });
    new StorageClass(chart, 'fast', { provisioner: 'ebs.csi.aws.com' });
    expect(oneOfKind(app, 'StorageClass').metadata).not.toHaveProperty('namespace');
  });

  test('fromName emits nothing', () => {
    const { app, chart } = newChart();
    const ref = StorageClass.fromName(chart, 'std', 'standard');
    expect(ref.name).toBe('standard');
    expect(render(app)).toEqual([]);
  });

  test('bad provisioner, reclaimPolicy and volumeBindingMode are rejected with path and value', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new StorageClass(chart, 'a', { provisioner: 'Not A Provisioner' }), 'test/a', '"Not A Provisioner"');
    expectKubeforgeError(() => new StorageClass(chart, 'b', { provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Recycle' as any }), 'test/b', '"Recycle"');
    expectKubeforgeError(() => new StorageClass(chart, 'c', { provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'Later' as any }), 'test/c', '"Later"');
  });
});
