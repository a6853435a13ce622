import { pvcNoMatchRule as rule } from '../../../lib/rules/lint';
import { expectWellFormed, inFile, pv, pvc, storageClass } from './fixtures';

describe('pvc-no-match', () => {
  test('a class the set does not define, with no PV that fits, is a warning at storageClassName', () => {
    const issues = rule.check(inFile(pvc('data', { storageClassName: 'fast' }), pv('small', { storageClassName: 'fast', capacity: { storage: '512Mi' } })));
    expectWellFormed(issues, 'pvc-no-match');
    expect(issues.map((i) => [i.severity, i.line, i.jsonPointer])).toEqual([['warning', 1, '/spec/storageClassName']]);
    expect(issues[0].message).toContain('StorageClass "fast", which the set does not define');
    expect(issues[0].message).toContain('it needs 1Gi, ReadWriteOnce');
  });

  test('no class and no default StorageClass in the set is a warning that names the cluster default', () => {
    const issues = rule.check(inFile(pvc('data')));
    expect(issues.map((i) => i.jsonPointer)).toEqual(['/spec']);
    expect(issues[0].message).toContain('uses the cluster\'s default StorageClass');
    expect(issues[0].fix).toContain('nothing to do if the cluster has a default StorageClass');
  });

  test('class "" with no fitting class-less PV, and a volumeName the set lacks, are warnings', () => {
    const issues = rule.check(inFile(
      pvc('a', { storageClassName: '', accessModes: ['ReadWriteMany'] }),
      pv('rwo', { storageClassName: '' }),
      pvc('b', { storageClassName: '', volumeName: 'elsewhere' }),
    ));
    expect(issues.map((i) => [i.line, i.jsonPointer])).toEqual([[1, '/spec/storageClassName'], [21, '/spec/volumeName']]);
    expect(issues[0].message).toContain('storageClassName "" (no dynamic provisioning)');
    expect(issues[1].message).toContain('PersistentVolume "elsewhere", which the set does not define');
  });

  test('a no-provisioner class, or a selector, need a PV', () => {
    const issues = rule.check(inFile(
      storageClass('local', { provisioner: 'kubernetes.io/no-provisioner' }),
      pvc('a', { storageClassName: 'local' }),
      storageClass('fast'),
      pvc('b', { storageClassName: 'fast', selector: { matchLabels: { disk: 'ssd' } } }),
    ));
    expect(issues.map((i) => i.line)).toEqual([11, 31]);
    expect(issues[0].message).toContain('does not provision volumes');
    expect(issues[1].message).toContain('has a selector');
  });

  test('a provisioning class, a default class, a fitting free PV, or a PV matching the selector pass', () => {
    const issues = rule.check(inFile(
      storageClass('fast'),
      pvc('a', { storageClassName: 'fast' }),
      storageClass('standard', { default: true }),
      pvc('b'),
      pv('big', { storageClassName: 'manual', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] }),
      pvc('c', { storageClassName: 'manual', accessModes: ['ReadOnlyMany'], resources: { requests: { storage: '5Gi' } } }),
      pv('ssd', { storageClassName: 'manual' }, { disk: 'ssd' }),
      pvc('d', { storageClassName: 'manual', selector: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }),
      pv('bound', { storageClassName: '' }),
      pvc('e', { storageClassName: '', volumeName: 'bound' }),
    ));
    expect(issues).toEqual([]);
  });

  test('a PV reserved for another claim does not count', () => {
    const issues = rule.check(inFile(pv('taken', { storageClassName: '', claimRef: { name: 'other', namespace: 'default' } }), pvc('a', { storageClassName: '' })));
    expect(issues.map((i) => i.line)).toEqual([11]);
  });
});
