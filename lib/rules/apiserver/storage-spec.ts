/**
 * storage.k8s.io objects as the API server checks them: StorageClass (ValidateStorageClass: provisioner name,
 * parameters, reclaimPolicy Delete or Retain, volumeBindingMode, allowedTopologies), CSIDriver
 * (fsGroupPolicy, tokenRequests, volumeLifecycleModes), CSINode (drivers) and VolumeAttachment (attacher,
 * exactly one source, node name).
 */
import { Issue } from '../../util/errors';
import { checkLabelKey, isDns1123Subdomain } from '../../util/names';
import { ObjectRule } from '../types';
import { Obj, Sink, entries, isInt, isObj, isStr, list, show, sink } from './support';

const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const FS_GROUP_POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'];
const LIFECYCLE_MODES = ['Persistent', 'Ephemeral'];
const MAX_PARAMETERS = 512;
const MAX_PARAMETER_BYTES = 256 * 1024;

export const storageSpecRule: ObjectRule = {
  id: 'storage-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment'],
  description: 'StorageClasses, CSIDrivers, CSINodes and VolumeAttachments use provisioner and driver names, policies, binding modes and topologies the API server accepts.',
  check(obj, path): Issue[] {
    if (!isObj(obj)) return [];
    const out = sink('storage-spec', path);
    if (obj.kind === 'StorageClass') checkStorageClass(obj, out);
    else if (obj.kind === 'CSIDriver' && isObj(obj.spec)) checkCsiDriver(obj.spec, out);
    else if (obj.kind === 'CSINode' && isObj(obj.spec)) checkCsiNode(obj.spec, out);
    else if (obj.kind === 'VolumeAttachment' && isObj(obj.spec)) checkAttachment(obj.spec, out);
    return out.issues;
  },
};

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

function checkStorageClass(sc: Obj, out: Sink): void {
  const prov = sc.provisioner;
  if (prov === '') {
    out.add('/provisioner', 'provisioner is empty; a StorageClass must name its provisioner', 'set provisioner, e.g. "ebs.csi.aws.com" or "kubernetes.io/no-provisioner"');
  } else if (isStr(prov)) {
    // The API server lower-cases the name before checking it as a qualified name.
    const problem = checkLabelKey(prov.toLowerCase());
    if (problem) out.add('/provisioner', `provisioner ${show(prov)} is not a valid provisioner name: ${problem}`, 'use the CSI driver name, e.g. "ebs.csi.aws.com", or "example.com/my-provisioner"');
  }
  const params = entries(sc.parameters);
  if (params.length > MAX_PARAMETERS) {
    out.add('/parameters', `parameters has ${params.length} entries; at most ${MAX_PARAMETERS} are allowed`, 'move the settings into fewer parameters');
  } else {
    let size = 0;
    for (const [k, v] of params) {
      if (k === '') out.add('/parameters', 'parameters has an empty key', 'remove the entry with the empty key');
      size += utf8Length(k) + (isStr(v) ? utf8Length(v) : 0);
    }
    if (size > MAX_PARAMETER_BYTES) out.add('/parameters', `parameters hold ${size} bytes; at most ${MAX_PARAMETER_BYTES} (256 KiB) are allowed`, 'shorten the parameter values');
  }
  const reclaim = sc.reclaimPolicy;
  if (isStr(reclaim) && reclaim !== '' && !RECLAIM_POLICIES.includes(reclaim)) {
    out.add('/reclaimPolicy', `reclaimPolicy ${show(reclaim)} is not supported for a StorageClass; allowed: ${RECLAIM_POLICIES.join(', ')}`, reclaim === 'Recycle' ? 'use Delete or Retain (Recycle is only for PersistentVolumes, and deprecated)' : 'use Delete (the default) or Retain');
  }
  const mode = sc.volumeBindingMode;
  if (mode !== undefined && mode !== null && !BINDING_MODES.includes(mode)) {
    out.add('/volumeBindingMode', `volumeBindingMode ${show(mode)} is not supported; allowed: ${BINDING_MODES.join(', ')}`, 'use Immediate (the default) or WaitForFirstConsumer');
  }
  checkTopologies(sc.allowedTopologies, out);
}

function checkTopologies(topologies: unknown, out: Sink): void {
  const seen: string[] = [];
  list(topologies).forEach((term, i) => {
    if (!isObj(term)) return;
    const base = `/allowedTopologies/${i}/matchLabelExpressions`;
    const byKey = new Map<string, string[]>();
    list(term.matchLabelExpressions).forEach((e, j) => {
      if (!isObj(e)) return;
      const p = `${base}/${j}`;
      const values = list(e.values);
      if (values.length === 0) out.add(`${p}/values`, `matchLabelExpressions[${j}] has no values; at least one is required`, 'list the allowed values, e.g. ["us-east-1a"]');
      const unique = new Set<unknown>();
      values.forEach((v, k) => {
        if (unique.has(v)) out.add(`${p}/values/${k}`, `value ${show(v)} is listed twice`, 'remove the duplicate');
        unique.add(v);
      });
      if (isStr(e.key)) {
        const problem = checkLabelKey(e.key);
        if (problem) out.add(`${p}/key`, `key ${show(e.key)} is not a valid label key: ${problem}`, 'use a topology label such as "topology.kubernetes.io/zone"');
        if (byKey.has(e.key)) out.add(`${p}/key`, `key ${show(e.key)} appears twice in this term`, 'merge the values into one expression');
        byKey.set(e.key, [...unique].map(String).sort());
      }
    });
    const canon = JSON.stringify([...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (seen.includes(canon)) out.add(base, `allowedTopologies[${i}] repeats an earlier term`, 'remove the duplicate term');
    seen.push(canon);
  });
}

function checkCsiDriver(spec: Obj, out: Sink): void {
  if (spec.fsGroupPolicy !== undefined && spec.fsGroupPolicy !== null && !FS_GROUP_POLICIES.includes(spec.fsGroupPolicy)) {
    out.add('/spec/fsGroupPolicy', `fsGroupPolicy ${show(spec.fsGroupPolicy)} is not supported; allowed: ${FS_GROUP_POLICIES.join(', ')}`, 'use ReadWriteOnceWithFSType (the default), File or None');
  }
  list(spec.volumeLifecycleModes).forEach((m, i) => {
    if (!LIFECYCLE_MODES.includes(m as string)) out.add(`/spec/volumeLifecycleModes/${i}`, `volume lifecycle mode ${show(m)} is not supported; allowed: ${LIFECYCLE_MODES.join(', ')}`, 'use Persistent or Ephemeral');
  });
  const audiences = new Set<unknown>();
  list(spec.tokenRequests).forEach((t, i) => {
    if (!isObj(t)) return;
    const audience = t.audience ?? '';
    if (audiences.has(audience)) {
      out.add(`/spec/tokenRequests/${i}/audience`, `audience ${show(audience)} is requested twice; each token request needs its own audience`, 'remove the duplicate token request');
      return;
    }
    audiences.add(audience);
    const exp = t.expirationSeconds;
    if (isInt(exp) && (exp < 600 || exp > 2 ** 32)) {
      out.add(`/spec/tokenRequests/${i}/expirationSeconds`, `expirationSeconds ${exp} is out of range; allowed: 600 (10 minutes) to 4294967296`, 'use e.g. 3600');
    }
  });
}

/** ValidateCSIDriverName: at most 63 characters, a DNS-1123 subdomain once lower-cased. */
function driverNameProblem(name: unknown): string | undefined {
  if (!isStr(name)) return undefined;
  if (name === '') return 'it is required';
  if (name.length > 63) return `it is ${name.length} characters long; at most 63 are allowed`;
  if (!isDns1123Subdomain(name.toLowerCase())) return 'it must be a DNS-1123 subdomain (letters, digits, "-" and ".")';
  return undefined;
}

function checkCsiNode(spec: Obj, out: Sink): void {
  const names = new Set<unknown>();
  list(spec.drivers).forEach((d, i) => {
    if (!isObj(d)) return;
    const base = `/spec/drivers/${i}`;
    const problem = driverNameProblem(d.name);
    if (problem) out.add(`${base}/name`, `driver name ${show(d.name)} is invalid: ${problem}`, 'use the CSI driver name, e.g. "ebs.csi.aws.com"');
    if (names.has(d.name)) out.add(`${base}/name`, `driver ${show(d.name)} is listed twice`, 'remove the duplicate driver entry');
    names.add(d.name);
    if (d.nodeID === '') out.add(`${base}/nodeID`, 'nodeID is empty; the API server requires the node ID the driver reported', 'set nodeID');
    else if (isStr(d.nodeID) && d.nodeID.length > 256) out.add(`${base}/nodeID`, `nodeID is ${d.nodeID.length} characters long; at most 256 are allowed`, 'use a shorter node ID');
    if (isObj(d.allocatable) && isInt(d.allocatable.count) && d.allocatable.count < 0) {
      out.add(`${base}/allocatable/count`, `allocatable.count ${d.allocatable.count} is negative`, 'use 0 or more');
    }
    const keys = new Set<unknown>();
    list(d.topologyKeys).forEach((k) => {
      if (!isStr(k)) return;
      if (k === '') out.add(base, 'topologyKeys has an empty key', 'remove the empty key');
      else {
        const keyProblem = checkLabelKey(k);
        if (keyProblem) out.add(base, `topology key ${show(k)} is invalid: ${keyProblem}`, 'use a label key such as "topology.kubernetes.io/zone"');
      }
      if (keys.has(k)) out.add(base, `topology key ${show(k)} is listed twice`, 'remove the duplicate');
      keys.add(k);
    });
  });
}

function checkAttachment(spec: Obj, out: Sink): void {
  const problem = driverNameProblem(spec.attacher);
  if (problem) out.add('/spec/attacher', `attacher ${show(spec.attacher)} is invalid: ${problem}`, 'use the CSI driver name, e.g. "ebs.csi.aws.com"');
  const src = isObj(spec.source) ? spec.source : undefined;
  if (src) {
    const hasPv = src.persistentVolumeName !== undefined && src.persistentVolumeName !== null;
    const hasInline = src.inlineVolumeSpec !== undefined && src.inlineVolumeSpec !== null;
    if (hasPv === hasInline) {
      out.add('/spec/source', `the source sets ${hasPv ? 'both' : 'neither of'} persistentVolumeName and inlineVolumeSpec; exactly one is required`, 'set persistentVolumeName to the PersistentVolume to attach');
    } else if (hasPv) {
      if (src.persistentVolumeName === '') out.add('/spec/source/persistentVolumeName', 'persistentVolumeName is empty', 'set the name of the PersistentVolume');
      else if (isStr(src.persistentVolumeName) && !isDns1123Subdomain(src.persistentVolumeName)) {
        out.add('/spec/source/persistentVolumeName', `persistentVolumeName ${show(src.persistentVolumeName)} is not a valid PersistentVolume name; allowed: a lowercase DNS-1123 subdomain`, 'use the name of the PersistentVolume');
      }
    }
  }
  if (isStr(spec.nodeName) && !isDns1123Subdomain(spec.nodeName)) {
    out.add('/spec/nodeName', `nodeName ${show(spec.nodeName)} is not a valid node name; allowed: a lowercase DNS-1123 subdomain`, 'use the name of the node');
  }
}
