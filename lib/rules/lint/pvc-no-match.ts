/**
 * A claim stays Pending when nothing can satisfy it: no PV that fits, and no StorageClass to provision one.
 * Clusters usually have a default StorageClass and often classes the set does not define, so this is a
 * warning. Claims pre-bound to a PV of the set are checked by pv-pvc-mismatch instead.
 */
import { Issue } from '../../util/errors';
import { SetRule } from '../types';
import { showObject, existingPointer, issueAt } from './objects';
import { Claim, effectiveClass, fitProblems, selectorPicks, StorageSet, storageSet } from './storage';

const ID = 'pvc-no-match';

/** Some PV of the set, free or reserved for this claim, that the claim could bind. */
function volumeCanBind(claim: Claim, set: StorageSet): boolean {
  for (const v of set.volumes.values()) {
    if (v.claimRef && (v.claimRef.name !== claim.name || v.claimRef.namespace !== claim.namespace)) continue;
    if (selectorPicks(claim, v) && fitProblems(claim, v, set).length === 0) return true;
  }
  return false;
}

/** Whether a StorageClass of the set would provision a volume (a claim with a selector is never provisioned). */
function classProvisions(claim: Claim, set: StorageSet): boolean {
  const cls = effectiveClass(claim, set);
  return !claim.selector && cls !== undefined && cls !== '' && set.classes.get(cls)?.provisions === true;
}

function wants(claim: Claim): string {
  const parts = [claim.request ? claim.request.text : undefined, claim.accessModes.join('/') || undefined, claim.volumeMode !== 'Filesystem' ? claim.volumeMode : undefined];
  return parts.filter(Boolean).join(', ');
}

export const pvcNoMatchRule: SetRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  description: 'Each PersistentVolumeClaim can be satisfied by the set: a PV that fits it, or a StorageClass (or default class) that provisions one.',
  check(objects): Issue[] {
    const set = storageSet(objects);
    const issues: Issue[] = [];
    for (const claim of set.claims) {
      const j = claim.o.json;
      if (claim.volumeName) {
        if (set.volumes.has(claim.volumeName)) continue;
        issues.push(issueAt(claim.o, ID, 'warning', '/spec/volumeName',
          `${showObject(j)} is bound to PersistentVolume "${claim.volumeName}", which the set does not define; it stays Pending until that PV exists`,
          'add the PersistentVolume (kubeforge: pvc.bind(pv)), or ignore this if it already exists in the cluster'));
        continue;
      }
      if (volumeCanBind(claim, set) || classProvisions(claim, set)) continue;
      const need = wants(claim);
      const pointer = existingPointer(j.spec, '/spec', ['storageClassName']);
      const cls = effectiveClass(claim, set);
      const [why, fix] =
        claim.storageClass === undefined && cls === undefined
          ? ['uses the cluster\'s default StorageClass, but the set defines no default StorageClass',
            'nothing to do if the cluster has a default StorageClass; otherwise set storageClassName to a class that exists, or add a PersistentVolume that fits']
          : cls === ''
            ? ['has storageClassName "" (no dynamic provisioning)', `add a PersistentVolume without a class that offers ${need || 'what the claim requests'}, or set storageClassName to a provisioning class`]
            : claim.selector
              ? [`has a selector, so class "${cls}" will not provision a volume for it`, `add a PersistentVolume of class "${cls}" whose labels match the selector, or remove the selector`]
              : set.classes.has(cls!)
                ? [`has StorageClass "${cls}", which does not provision volumes (kubernetes.io/no-provisioner)`, `add a PersistentVolume of class "${cls}" that offers ${need || 'what the claim requests'}`]
                : [`has StorageClass "${cls}", which the set does not define`, `define the StorageClass, use one the cluster has, or ignore this if "${cls}" exists in the cluster`];
      issues.push(issueAt(claim.o, ID, 'warning', pointer,
        `${showObject(j)} ${why}, and no PersistentVolume of the set can bind it${need ? ` (it needs ${need})` : ''}`, fix));
    }
    return issues;
  },
};
