/**
 * Fields the API server owns, found in a manifest: the sign of an object copied from a cluster (`kubectl get -o
 * yaml`, a `kubectl edit` buffer). Server-side apply, which `kubectl apply --server-side` and Pulumi use, rejects
 * `metadata.managedFields` ("must be nil") and `metadata.uid` (a uid precondition no new object can meet). The
 * rest is ignored or overwritten by the server, but a stale `resourceVersion` makes a later update conflict, so
 * those are warnings.
 */
import { Issue } from '../../util/errors';
import { ObjectRule } from '../types';
import { isObj } from './support';

const ID = 'live-object-fields';
const FIX = 'remove the fields the API server sets (managedFields, uid, resourceVersion, creationTimestamp, generation, status) from the manifest';

/** Fields the server rejects under server-side apply, and fields it only ignores. */
const REJECTED = ['managedFields', 'uid'] as const;
const IGNORED = ['resourceVersion', 'generation', 'selfLink', 'creationTimestamp'] as const;

export const liveObjectFieldsRule: ObjectRule = {
  id: ID,
  category: 'apiserver',
  defaultSeverity: 'error',
  description: 'A manifest carries no fields the API server owns (managedFields and uid are rejected by server-side apply).',
  check(obj, path): Issue[] {
    const md = isObj(obj) ? obj.metadata : undefined;
    if (!isObj(md)) return [];
    const issues: Issue[] = [];
    for (const f of REJECTED) {
      if (md[f] === undefined || md[f] === null) continue;
      issues.push({
        ruleId: ID, severity: 'error', constructPath: path, jsonPointer: `/metadata/${f}`, fix: FIX,
        message: `metadata.${f} is set, as in an object copied from a cluster; server-side apply rejects it (${f === 'uid' ? 'no new object has this uid' : 'managedFields must be nil'})`,
      });
    }
    const ignored = IGNORED.filter((f) => md[f] !== undefined && md[f] !== null);
    if (isObj(obj.status) && Object.keys(obj.status).length > 0) ignored.push('status' as never);
    if (ignored.length > 0) {
      issues.push({
        ruleId: ID, severity: 'warning', constructPath: path,
        jsonPointer: ignored[0] === ('status' as never) ? '/status' : `/metadata/${ignored[0]}`, fix: FIX,
        message: `${ignored.join(', ')} ${ignored.length > 1 ? 'are' : 'is'} set by the API server; in a manifest ${ignored.length > 1 ? 'they are' : 'it is'} ignored${ignored.includes('resourceVersion' as never) ? ', and a stale resourceVersion makes later updates conflict' : ''}`,
      });
    }
    return issues;
  },
};
