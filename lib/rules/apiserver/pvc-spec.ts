/**
 * PersistentVolumeClaim and PersistentVolume specs as the API server checks them
 * (ValidatePersistentVolumeClaimSpec / ValidatePersistentVolumeSpec): access modes, the storage request or
 * capacity, volume mode, class names, and for a PersistentVolume exactly one volume source.
 */
import { Issue } from '../../util/errors';
import { isDns1123Subdomain } from '../../util/names';
import { QUANTITY_ALLOWED, exactQuantity, quantityFix } from '../../util/quantity';
import { ObjectRule, POD_KINDS, podSpecOf } from '../types';
import { checkLabelSelector } from './label-syntax';
import { posix } from 'path';
import { Obj, Sink, isObj, isStr, list, ptr, show, sink } from './support';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Filesystem', 'Block'];
const RECLAIM_POLICIES = ['Retain', 'Delete', 'Recycle'];
/** The volume sources a PersistentVolumeSpec can hold (unknown fields are the schema rule's business). */
const PV_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker',
  'gcePersistentDisk', 'glusterfs', 'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume',
  'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume',
];

export const pvcSpecRule: ObjectRule = {
  id: 'pvc-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['PersistentVolumeClaim', 'PersistentVolume', ...POD_KINDS],
  description: 'PersistentVolumeClaims (and StatefulSet claim templates and ephemeral volume templates) request storage with valid access modes; PersistentVolumes have a capacity, access modes and exactly one volume source.',
  check(obj, path): Issue[] {
    if (POD_KINDS.includes(obj?.kind)) return [...(obj.kind === 'StatefulSet' ? checkClaimTemplates(obj, path) : []), ...checkEphemeralVolumes(obj, path)];
    if ((obj?.kind !== 'PersistentVolumeClaim' && obj?.kind !== 'PersistentVolume') || obj.spec === undefined) return [];
    const out = sink('pvc-spec', path);
    if (!isObj(obj.spec)) {
      out.add('/spec', `spec must be an object (got ${show(obj.spec)})`, 'write spec as a map');
      return out.issues;
    }
    checkAccessModes(obj.spec, out);
    checkVolumeMode(obj.spec, out);
    checkClassNames(obj.spec, out);
    if (obj.kind === 'PersistentVolumeClaim') checkClaim(obj.spec, out);
    else {
      checkVolume(obj.spec, out);
      checkMountOptionsAnnotation(obj, out);
    }
    return out.issues;
  },
};

/** A StatefulSet's volumeClaimTemplates are claims: the API server checks each spec as it checks a claim's. */
function checkClaimTemplates(obj: Obj, path: string): Issue[] {
  const out = sink('pvc-spec', path);
  list(isObj(obj.spec) ? obj.spec.volumeClaimTemplates : undefined).forEach((t, i) => {
    if (!isObj(t) || !isObj(t.spec)) return;
    const base = `/spec/volumeClaimTemplates/${i}`;
    const at: Sink = { issues: out.issues, add: (pointer, message, fix) => out.add(base + pointer, `claim template ${i}: ${message}`, fix) };
    checkAccessModes(t.spec, at);
    checkVolumeMode(t.spec, at);
    checkClassNames(t.spec, at);
    checkClaim(t.spec, at);
  });
  return out.issues;
}

/** A generic ephemeral volume's volumeClaimTemplate is a claim too (the dry run against the API server found this). */
function checkEphemeralVolumes(obj: Obj, path: string): Issue[] {
  const out = sink('pvc-spec', path);
  const found = podSpecOf(obj);
  list(found?.spec.volumes).forEach((v, i) => {
    const t = isObj(v) && isObj(v.ephemeral) ? v.ephemeral.volumeClaimTemplate : undefined;
    if (!isObj(t) || !isObj(t.spec)) return;
    const base = `${found!.pointer}/volumes/${i}/ephemeral/volumeClaimTemplate`;
    const at: Sink = { issues: out.issues, add: (pointer, message, fix) => out.add(base + pointer, `ephemeral volume ${show((v as Obj).name)}: ${message}`, fix) };
    checkAccessModes(t.spec, at);
    checkVolumeMode(t.spec, at);
    checkClassNames(t.spec, at);
    checkClaim(t.spec, at);
  });
  return out.issues;
}

function checkAccessModes(spec: Obj, out: Sink): void {
  const modes = list(spec.accessModes);
  if (modes.length === 0) {
    return out.add('/spec/accessModes', `spec.accessModes is empty (got ${show(spec.accessModes)}); the API server requires at least one access mode`, 'add one, e.g. accessModes: ["ReadWriteOnce"]');
  }
  modes.forEach((m, i) => {
    if (!ACCESS_MODES.includes(m as string)) out.add(`/spec/accessModes/${i}`, `access mode ${show(m)} is not supported; allowed: ${ACCESS_MODES.join(', ')}`, 'use one of the listed modes (case matters)');
  });
  if (modes.includes('ReadWriteOncePod') && modes.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m as string))) {
    out.add('/spec/accessModes', `access modes ${show(modes)} combine ReadWriteOncePod with other modes; the API server requires it to be the only one`, 'use ReadWriteOncePod alone, or drop it');
  }
}

function checkVolumeMode(spec: Obj, out: Sink): void {
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !VOLUME_MODES.includes(spec.volumeMode)) {
    out.add('/spec/volumeMode', `volumeMode ${show(spec.volumeMode)} is not supported; allowed: Filesystem, Block`, 'use Filesystem (the default) or Block');
  }
}

function checkClassNames(spec: Obj, out: Sink): void {
  for (const f of ['storageClassName', 'volumeAttributesClassName']) {
    const v = spec[f];
    // An empty storageClassName is meaningful on a claim: it asks for a PV without a class.
    if (v === undefined || v === null || v === '') continue;
    if (!isStr(v) || !isDns1123Subdomain(v)) {
      out.add(`/spec/${f}`, `${f} ${show(v)} is not a valid class name; allowed: a lowercase DNS-1123 subdomain`, 'use the name of an existing class, e.g. "standard"');
    }
  }
}

/** A quantity that must be greater than zero (the storage request or capacity). */
function checkStorage(q: unknown, pointer: string, field: string, out: Sink): void {
  const v = exactQuantity(q);
  if (!v) return out.add(pointer, `${field} ${show(q)} is not a valid quantity; allowed: ${QUANTITY_ALLOWED}`, quantityFix(String(q)));
  if (v.sign <= 0) out.add(pointer, `${field} is ${show(q)}; it must be greater than zero`, 'give a size such as "10Gi"');
}

function checkClaim(spec: Obj, out: Sink): void {
  const requests = isObj(spec.resources) ? spec.resources.requests : undefined;
  if (!isObj(requests) || requests.storage === undefined || requests.storage === null) {
    out.add('/spec/resources/requests/storage', 'the claim has no resources.requests.storage; the API server requires a storage request', 'request a size, e.g. resources: { requests: { storage: "10Gi" } }');
  } else {
    checkStorage(requests.storage, '/spec/resources/requests/storage', 'resources.requests.storage', out);
  }
  if (spec.selector !== undefined) checkLabelSelector(spec.selector, '/spec/selector', out);
  for (const f of ['dataSource', 'dataSourceRef']) {
    const ds = spec[f];
    if (ds === undefined || ds === null) continue;
    if (!isObj(ds) || !isStr(ds.name) || ds.name === '' || !isStr(ds.kind) || ds.kind === '') {
      out.add(`/spec/${f}`, `${f} ${show(ds)} needs a kind and a name`, `set ${f}: { kind: "PersistentVolumeClaim", name: "source" } (or a VolumeSnapshot with its apiGroup)`);
    } else if ((ds.apiGroup === undefined || ds.apiGroup === null || ds.apiGroup === '') && ds.kind !== 'PersistentVolumeClaim') {
      out.add(`/spec/${f}/apiGroup`, `${f} of kind ${show(ds.kind)} has no apiGroup; without one the only allowed kind is PersistentVolumeClaim`, ds.kind === 'VolumeSnapshot' ? 'add apiGroup: "snapshot.storage.k8s.io"' : 'add the apiGroup of the source kind');
    } else if (isStr(ds.apiGroup) && ds.apiGroup !== '' && !isDns1123Subdomain(ds.apiGroup)) {
      out.add(`/spec/${f}/apiGroup`, `${f}.apiGroup ${show(ds.apiGroup)} is not a valid API group; allowed: a DNS-1123 subdomain`, 'use the group of the source kind, e.g. "snapshot.storage.k8s.io"');
    }
  }
  const ds = spec.dataSource;
  const ref = spec.dataSourceRef;
  // Either one is copied into the other when only one is set; both set must agree (a namespaced ref is gated).
  if (isObj(ds) && isObj(ref) && (ref.namespace === undefined || ref.namespace === null || ref.namespace === '')) {
    const group = (v: unknown) => (isStr(v) ? v : '');
    if (ds.kind !== ref.kind || ds.name !== ref.name || group(ds.apiGroup) !== group(ref.apiGroup)) {
      out.add('/spec/dataSource', `dataSource ${show(ds)} and dataSourceRef ${show(ref)} differ; when both are set the API server requires them to be equal`, 'set only dataSourceRef (the API server fills in dataSource)');
    }
  }
}

function checkVolume(spec: Obj, out: Sink): void {
  const capacity = spec.capacity;
  if (!isObj(capacity) || capacity.storage === undefined || capacity.storage === null) {
    out.add('/spec/capacity/storage', 'the PersistentVolume has no capacity.storage; the API server requires it', 'set capacity: { storage: "10Gi" }');
  } else {
    checkStorage(capacity.storage, '/spec/capacity/storage', 'capacity.storage', out);
    const others = Object.keys(capacity).filter((k) => k !== 'storage');
    if (others.length > 0) out.add('/spec/capacity', `capacity lists ${others.join(', ')}; the only supported capacity is storage`, `remove ${others.join(', ')} from capacity`);
  }
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy !== undefined && policy !== '' && !RECLAIM_POLICIES.includes(policy)) {
    out.add('/spec/persistentVolumeReclaimPolicy', `persistentVolumeReclaimPolicy ${show(policy)} is not supported; allowed: ${RECLAIM_POLICIES.join(', ')}`, 'use Retain or Delete (Recycle is deprecated)');
  }
  const sources = PV_SOURCES.filter((k) => spec[k] !== null && spec[k] !== undefined);
  if (sources.length !== 1) {
    out.add('/spec', `the PersistentVolume has ${sources.length === 0 ? 'no volume source' : `${sources.length} volume sources (${sources.join(', ')})`}; the API server requires exactly one`, 'keep exactly one source, e.g. csi, nfs, hostPath or local');
  }
  if (isObj(spec.local) && spec.nodeAffinity == null) {
    out.add('/spec/nodeAffinity', 'a local PersistentVolume has no nodeAffinity; the API server requires one so pods land on the node that holds the disk', 'add nodeAffinity.required with the node\'s kubernetes.io/hostname');
  }
  if (isObj(spec.nodeAffinity)) {
    const required = spec.nodeAffinity.required;
    if (!isObj(required)) out.add('/spec/nodeAffinity/required', 'nodeAffinity has no required node constraints; the API server requires nodeAffinity.required when nodeAffinity is set', 'add required.nodeSelectorTerms, or remove nodeAffinity');
    else if (list(required.nodeSelectorTerms).length === 0) out.add('/spec/nodeAffinity/required/nodeSelectorTerms', 'nodeAffinity.required has no nodeSelectorTerms; the API server requires at least one', 'add a term, e.g. { matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node-1"] }] }');
  }
  checkSourceFields(spec, out);
  if (isObj(spec.hostPath) && isStr(spec.hostPath.path) && posix.normalize(spec.hostPath.path) === '/' && policy === 'Recycle') {
    out.add('/spec/persistentVolumeReclaimPolicy', 'a hostPath PersistentVolume of "/" may not use the Recycle reclaim policy (it would wipe the node\'s root)', 'use Retain');
  }
}

const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
/** Volume sources that take mount options; the deprecated mount-options annotation is refused on the others. */
const MOUNTABLE = ['gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'iscsi', 'cinder', 'cephfs', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk'];
const MOUNT_OPTIONS_ANNOTATION = 'volume.beta.kubernetes.io/mount-options';

const hasBackstep = (path: string): boolean => path.replace(/\\/g, '/').split('/').includes('..');

/** The fields the API server requires of the common volume sources (hostPath, nfs, local, csi). */
function checkSourceFields(spec: Obj, out: Sink): void {
  const required = (src: Obj, name: string, field: string, example: string): boolean => {
    if (isStr(src[field]) && src[field] !== '') return true;
    out.add(`/spec/${name}/${field}`, `${name}.${field} is empty; the API server requires it`, `set ${name}.${field}, e.g. ${example}`);
    return false;
  };
  const noBacksteps = (src: Obj, name: string): void => {
    if (hasBackstep(src.path)) out.add(`/spec/${name}/path`, `${name}.path ${show(src.path)} contains ".."; the API server forbids it`, 'write the path without ".." parts');
  };
  if (isObj(spec.hostPath)) {
    if (required(spec.hostPath, 'hostPath', 'path', '"/mnt/data"')) noBacksteps(spec.hostPath, 'hostPath');
    const t = spec.hostPath.type;
    if (t !== undefined && t !== null && !HOST_PATH_TYPES.includes(t)) out.add('/spec/hostPath/type', `hostPath.type ${show(t)} is not supported; allowed: ${HOST_PATH_TYPES.slice(1).join(', ')} or ""`, 'use e.g. DirectoryOrCreate (case matters)');
  }
  if (isObj(spec.local) && required(spec.local, 'local', 'path', '"/mnt/disks/ssd1"')) noBacksteps(spec.local, 'local');
  if (isObj(spec.nfs)) {
    required(spec.nfs, 'nfs', 'server', '"nfs.example.com"');
    if (!isStr(spec.nfs.path) || !spec.nfs.path.startsWith('/')) out.add('/spec/nfs/path', `nfs.path ${show(spec.nfs.path)} must be an absolute path`, 'use the exported path, e.g. "/exports/data"');
  }
  if (isObj(spec.csi)) {
    const driver = spec.csi.driver;
    if (required(spec.csi, 'csi', 'driver', '"ebs.csi.aws.com"') && (driver.length > 63 || !isDns1123Subdomain(driver.toLowerCase()))) {
      out.add('/spec/csi/driver', `csi.driver ${show(driver)} is not a valid CSI driver name; allowed: at most 63 characters, a DNS-1123 subdomain (case-insensitive)`, 'use the driver name its CSIDriver object has, e.g. "ebs.csi.aws.com"');
    }
    required(spec.csi, 'csi', 'volumeHandle', '"vol-0123456789"');
  }
}

/** The deprecated mount-options annotation, refused on sources without mount options (pv_validation.go). */
function checkMountOptionsAnnotation(obj: Obj, out: Sink): void {
  const annotations = isObj(obj.metadata) && isObj(obj.metadata.annotations) ? obj.metadata.annotations : undefined;
  if (!annotations || !(MOUNT_OPTIONS_ANNOTATION in annotations) || !isObj(obj.spec)) return;
  if (MOUNTABLE.some((k) => obj.spec[k] !== undefined && obj.spec[k] !== null)) return;
  out.add(ptr('/metadata/annotations', MOUNT_OPTIONS_ANNOTATION), `annotation ${MOUNT_OPTIONS_ANNOTATION} is set, but this PersistentVolume's volume type takes no mount options`, 'remove the annotation (and use spec.mountOptions where the volume type supports them)');
}
