import { pvPvcMismatchRule as rule } from '../../../lib/rules/lint';
import { expectWellFormed, inFile, pv, pvc, storageClass } from './fixtures';

describe('pv-pvc-mismatch', () => {
  test('a claim bound by volumeName to a PV that does not fit gets an error per mismatch', () => {
    const issues = rule.check(inFile(
      pv('vol', { storageClassName: 'slow', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, volumeMode: 'Block' }),
      pvc('data', { volumeName: 'vol', storageClassName: 'fast', accessModes: ['ReadWriteMany'], resources: { requests: { storage: '2Gi' } } }),
    ));
    expectWellFormed(issues, 'pv-pvc-mismatch');
    expect(issues.map((i) => [i.severity, i.line, i.jsonPointer])).toEqual([
      ['error', 11, '/spec/storageClassName'],
      ['error', 11, '/spec/accessModes'],
      ['error', 11, '/spec/resources/requests/storage'],
      ['error', 11, '/spec'],
    ]);
    expect(issues[0].message).toContain('PersistentVolumeClaim "data" is tied to PersistentVolume "vol" but can never bind it');
    expect(issues[1].message).toContain('requests ReadWriteMany, the volume offers ReadWriteOnce');
    expect(issues[2].message).toContain('requests 2Gi, the volume has 1Gi');
    expect(issues[3].message).toContain('volumeMode Filesystem, the volume is Block');
  });

  test('a PV whose claimRef names the claim is checked too; a volumeName to a PV reserved for another claim is an error', () => {
    const issues = rule.check(inFile(
      pv('a', { claimRef: { name: 'want-a', namespace: 'default' }, capacity: { storage: '100Mi' } }),
      pvc('want-a'),
      pv('b', { claimRef: { name: 'someone-else', namespace: 'default' } }),
      pvc('want-b', { volumeName: 'b' }),
    ));
    expect(issues.map((i) => [i.line, i.jsonPointer])).toEqual([[31, '/spec/volumeName'], [11, '/spec/resources/requests/storage']]);
    expect(issues[0].message).toContain('reserves it for claim "default/someone-else"');
  });

  test('a claim without class takes the set\'s default class; a pair that fits passes', () => {
    const issues = rule.check(inFile(
      storageClass('standard', { default: true }),
      pv('std', { storageClassName: 'standard', capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteOnce', 'ReadWriteMany'] }),
      pvc('x', { volumeName: 'std' }),
      pv('mine', { storageClassName: '', claimRef: { name: 'y', namespace: 'default' } }),
      pvc('y', { storageClassName: '', volumeName: 'mine' }),
    ));
    expect(issues).toEqual([]);
    const mismatch = rule.check(inFile(storageClass('standard', { default: true }), pv('empty', { storageClassName: '' }), pvc('z', { volumeName: 'empty' })));
    expect(mismatch.map((i) => i.message)).toEqual([expect.stringContaining('the claim has storage class "standard", the volume ""')]);
  });
});
