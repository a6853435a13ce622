/**
 * A claim and a volume tied to each other (claim.spec.volumeName, or the volume's claimRef) bind only if the
 * volume satisfies the claim; otherwise the claim stays Pending forever. Both are in the set, so this is
 * certain: error.
 */
import { Issue } from '../../util/errors';
import { SetRule } from '../types';
import { showObject, existingPointer, issueAt, keyOf } from './objects';
import { Claim, fitProblems, storageSet, Volume } from './storage';

const ID = 'pv-pvc-mismatch';

export const pvPvcMismatchRule: SetRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'error',
  description: 'A PVC pre-bound to a PV (volumeName or claimRef) asks for what the PV offers: class, access modes, capacity and volume mode.',
  check(objects): Issue[] {
    const set = storageSet(objects);
    if (set.claims.length === 0 || set.volumes.size === 0) return [];
    const claims = new Map<string, Claim>(set.claims.map((c) => [keyOf('PersistentVolumeClaim', c.namespace, c.name), c]));
    const pairs: [Claim, Volume][] = [];
    for (const c of set.claims) {
      const v = c.volumeName ? set.volumes.get(c.volumeName) : undefined;
      if (v) pairs.push([c, v]);
    }
    for (const v of set.volumes.values()) {
      const c = v.claimRef ? claims.get(keyOf('PersistentVolumeClaim', v.claimRef.namespace, v.claimRef.name)) : undefined;
      if (c && !c.volumeName) pairs.push([c, v]);
    }
    const issues: Issue[] = [];
    for (const [c, v] of pairs) {
      const j = c.o.json;
      const volume = `PersistentVolume "${v.name}"`;
      if (c.volumeName === v.name && v.claimRef && (v.claimRef.name !== c.name || v.claimRef.namespace !== c.namespace)) {
        issues.push(issueAt(c.o, ID, 'error', '/spec/volumeName',
          `${showObject(j)} names ${volume} in volumeName, but the volume's claimRef reserves it for claim "${v.claimRef.namespace}/${v.claimRef.name}"; it never binds`,
          'make the volume\'s claimRef and the claim\'s volumeName name each other (kubeforge: pvc.bind(pv))'));
      }
      for (const p of fitProblems(c, v, set)) {
        issues.push(issueAt(c.o, ID, 'error', existingPointer(j, '', p.pointer.split('/').slice(1)),
          `${showObject(j)} is tied to ${volume} but can never bind it: ${p.problem}`,
          'make the claim ask for what the volume offers (or change the volume): same class, a subset of its access modes, at most its capacity, the same volumeMode'));
      }
    }
    return issues;
  },
};
