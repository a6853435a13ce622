/**
 * The per-source volume checks of validateVolumeSource: required names and paths, file modes, item paths,
 * downward API files, projected sources (one kind each, no duplicate paths, token lifetimes), CSI driver
 * names, NFS and hostPath paths, iSCSI ids and the presence of a generic ephemeral volume's claim template. Used by pod-volumes.
 */
import { isDns1123Subdomain } from '../../util/names';
import { quantityOf } from '../quantity-cache';
import { Obj, Sink, isInt, isObj, isStr, list, show } from './support';
import { fieldRefProblem, resourceRefProblem, VOLUME_FIELDS } from './env-sources';
import { descendingPathProblem, nonReservedPathProblem } from './pod-support';

const MAX_MODE = 0o777;
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
const MIN_TOKEN_SECONDS = 600;
const MAX_TOKEN_SECONDS = 2 ** 32;
const IQN = /^iqn\.\d{4}-\d{2}\.([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+(:[^,;*&$|\s]+)?$/;
const EUI = /^eui\.[0-9A-Fa-f]{16}$/;
const NAA = /^naa\.[0-9A-Fa-f]{32}$/;

/** Checks the one source `kind` of volume `v` (at pointer `p`). */
export function checkVolumeSource(v: Obj, kind: string, p: string, out: Sink): void {
  const src = v[kind];
  const sp = `${p}/${kind}`;
  if (!isObj(src)) return;
  const who = `volume ${show(v.name)}`;
  const required = (field: string, fix: string) => {
    if (!isStr(src[field]) || src[field] === '') out.add(`${sp}/${field}`, `${who}: ${kind}.${field} is required`, fix);
  };
  switch (kind) {
    case 'hostPath': {
      if (!isStr(src.path) || src.path === '') return out.add(`${sp}/path`, `${who}: hostPath.path is required`, 'set the path on the node, e.g. "/var/log"');
      if (src.path.split('/').includes('..')) out.add(`${sp}/path`, `${who}: hostPath.path ${show(src.path)} must not contain ".."`, 'write the path without ".." segments');
      if (src.type != null && !HOST_PATH_TYPES.includes(src.type)) out.add(`${sp}/type`, `${who}: hostPath.type ${show(src.type)} is not supported; allowed: ${HOST_PATH_TYPES.filter(Boolean).join(', ')} or ""`, 'use e.g. Directory or DirectoryOrCreate');
      return;
    }
    case 'secret':
      required('secretName', 'name the Secret to mount');
      mode(src, 'defaultMode', sp, who, out);
      items(src.items, `${sp}/items`, who, undefined, out);
      return;
    case 'configMap':
      required('name', 'name the ConfigMap to mount');
      mode(src, 'defaultMode', sp, who, out);
      items(src.items, `${sp}/items`, who, undefined, out);
      return;
    case 'downwardAPI':
      mode(src, 'defaultMode', sp, who, out);
      list(src.items).forEach((f, i) => downwardFile(f, `${sp}/items/${i}`, who, undefined, out));
      return;
    case 'projected':
      mode(src, 'defaultMode', sp, who, out);
      projected(src, sp, who, out);
      return;
    case 'emptyDir': {
      const q = src.sizeLimit;
      if (q != null) {
        const n = quantityOf(q);
        if (n !== undefined && n.sign < 0) out.add(`${sp}/sizeLimit`, `${who}: emptyDir.sizeLimit ${show(q)} is negative`, 'use a positive size such as "1Gi"');
      }
      return;
    }
    case 'persistentVolumeClaim':
      return required('claimName', 'name the PersistentVolumeClaim to mount');
    case 'nfs':
      required('server', 'set the NFS server host name or IP');
      if (!isStr(src.path) || !src.path.startsWith('/')) out.add(`${sp}/path`, `${who}: nfs.path ${show(src.path)} must be an absolute path`, 'use the exported path, e.g. "/exports/data"');
      return;
    case 'csi': {
      const d = src.driver;
      if (!isStr(d) || d === '') return out.add(`${sp}/driver`, `${who}: csi.driver is required`, 'name the CSI driver, e.g. "secrets-store.csi.k8s.io"');
      if (d.length > 63 || !isDns1123Subdomain(d.toLowerCase())) out.add(`${sp}/driver`, `${who}: csi.driver ${show(d)} is invalid; allowed: a DNS-1123 subdomain of at most 63 characters`, 'use the driver\'s registered name, e.g. "ebs.csi.aws.com"');
      return;
    }
    case 'gitRepo': {
      required('repository', 'set the repository URL');
      const bad = isStr(src.directory) && src.directory !== '' ? descendingPathProblem(src.directory) : undefined;
      if (bad) out.add(`${sp}/directory`, `${who}: gitRepo.directory ${show(src.directory)} is invalid: ${bad}`, 'use a relative directory, or "."');
      return;
    }
    case 'iscsi':
      return iscsi(v, src, sp, who, out);
    case 'ephemeral':
      // The claim template itself is checked by pvc-spec.
      if (!isObj(src.volumeClaimTemplate)) out.add(`${sp}/volumeClaimTemplate`, `${who}: ephemeral.volumeClaimTemplate is required`, 'add volumeClaimTemplate with a spec (accessModes, resources.requests.storage)');
      return;
    default:
      return;
  }
}

function mode(src: Obj, field: string, sp: string, who: string, out: Sink): void {
  const m = src[field];
  if (m != null && (!isInt(m) || m < 0 || m > MAX_MODE)) out.add(`${sp}/${field}`, `${who}: ${field} ${show(m)} is out of range; allowed: 0 to 0777 (octal; 511 in decimal)`, 'use e.g. 0644 (420 in decimal)');
}

/** Items of a secret or configMap source; `paths` collects projected paths to find duplicates. */
function items(v: unknown, p: string, who: string, paths: Set<string> | undefined, out: Sink): void {
  list(v).forEach((kp, i) => {
    const ip = `${p}/${i}`;
    if (!isObj(kp)) return;
    if (!isStr(kp.key) || kp.key === '') out.add(`${ip}/key`, `${who}: item #${i} has no key`, 'set the key to project');
    pathField(kp, 'path', ip, who, out);
    mode(kp, 'mode', ip, who, out);
    duplicate(kp.path, paths, ip, who, out);
  });
}

function pathField(o: Obj, field: string, p: string, who: string, out: Sink): void {
  const v = o[field];
  if (!isStr(v) || v === '') return out.add(`${p}/${field}`, `${who}: ${field} is required`, 'set a relative file name, e.g. "config.yaml"');
  const bad = nonReservedPathProblem(v);
  if (bad) out.add(`${p}/${field}`, `${who}: ${field} ${show(v)} is invalid: ${bad}`, 'use a relative path inside the volume, e.g. "conf/app.yaml"');
}

function duplicate(path: unknown, paths: Set<string> | undefined, p: string, who: string, out: Sink): void {
  if (!paths || !isStr(path) || path === '') return;
  if (paths.has(path)) out.add(`${p}/path`, `${who}: the projected path "${path}" is written by two sources`, 'give each projected file its own path');
  paths.add(path);
}

function downwardFile(f: unknown, p: string, who: string, paths: Set<string> | undefined, out: Sink): void {
  if (!isObj(f)) return;
  pathField(f, 'path', p, who, out);
  mode(f, 'mode', p, who, out);
  if (isObj(f.fieldRef)) {
    const bad = fieldRefProblem(f.fieldRef, VOLUME_FIELDS);
    if (bad) out.add(`${p}/fieldRef/${bad.field}`, `${who}: ${bad.problem}`, 'use metadata.name, metadata.namespace, metadata.uid, metadata.labels or metadata.annotations');
    if (f.resourceFieldRef != null) out.add(p, `${who}: a downward API file sets both fieldRef and resourceFieldRef`, 'keep one of them');
  } else if (isObj(f.resourceFieldRef)) {
    const bad = resourceRefProblem(f.resourceFieldRef, true);
    if (bad) out.add(`${p}/resourceFieldRef/${bad.field}`, `${who}: ${bad.problem}`, 'use e.g. { containerName: "web", resource: "limits.memory" }');
  } else {
    out.add(p, `${who}: a downward API file needs fieldRef or resourceFieldRef`, 'add a fieldRef, e.g. { fieldPath: "metadata.labels" }');
  }
  duplicate(f.path, paths, p, who, out);
}

function projected(src: Obj, sp: string, who: string, out: Sink): void {
  const paths = new Set<string>();
  list(src.sources).forEach((s, i) => {
    const p = `${sp}/sources/${i}`;
    if (!isObj(s)) return;
    const kinds = Object.keys(s).filter((k) => s[k] != null);
    if (kinds.length > 1) out.add(p, `${who}: projected source #${i} sets ${kinds.join(' and ')}; each source may set only one`, 'split it into one source per kind');
    if (isObj(s.secret)) {
      if (!isStr(s.secret.name) || s.secret.name === '') out.add(`${p}/secret/name`, `${who}: projected secret source has no name`, 'name the Secret');
      items(s.secret.items, `${p}/secret/items`, who, paths, out);
    }
    if (isObj(s.configMap)) {
      if (!isStr(s.configMap.name) || s.configMap.name === '') out.add(`${p}/configMap/name`, `${who}: projected configMap source has no name`, 'name the ConfigMap');
      items(s.configMap.items, `${p}/configMap/items`, who, paths, out);
    }
    if (isObj(s.downwardAPI)) list(s.downwardAPI.items).forEach((f, j) => downwardFile(f, `${p}/downwardAPI/items/${j}`, who, paths, out));
    const t = s.serviceAccountToken;
    if (isObj(t)) {
      const exp = t.expirationSeconds;
      if (exp != null && (!isInt(exp) || exp < MIN_TOKEN_SECONDS || exp > MAX_TOKEN_SECONDS)) {
        out.add(`${p}/serviceAccountToken/expirationSeconds`, `${who}: token expirationSeconds ${show(exp)} is out of range; allowed: ${MIN_TOKEN_SECONDS} (10 minutes) to 2^32`, 'use e.g. 3600 (the default)');
      }
      pathField(t, 'path', `${p}/serviceAccountToken`, who, out);
    }
  });
}

function iscsi(v: Obj, src: Obj, sp: string, who: string, out: Sink): void {
  if (!isStr(src.targetPortal) || src.targetPortal === '') out.add(`${sp}/targetPortal`, `${who}: iscsi.targetPortal is required`, 'set the target portal, e.g. "10.0.0.5:3260"');
  const idProblem = (id: string) => {
    if (!/^(iqn|eui|naa)/.test(id)) return 'it must start with iqn, eui or naa';
    if ((id.startsWith('iqn') && !IQN.test(id)) || (id.startsWith('eui') && !EUI.test(id)) || (id.startsWith('naa') && !NAA.test(id))) return 'it is not in a valid format';
    return undefined;
  };
  if (!isStr(src.iqn) || src.iqn === '') out.add(`${sp}/iqn`, `${who}: iscsi.iqn is required`, 'set the target IQN, e.g. "iqn.2001-04.com.example:storage"');
  else {
    const bad = idProblem(src.iqn);
    if (bad) out.add(`${sp}/iqn`, `${who}: iscsi.iqn ${show(src.iqn)} is invalid: ${bad}`, 'use e.g. "iqn.2001-04.com.example:storage"');
  }
  if (src.lun != null && (!isInt(src.lun) || src.lun < 0 || src.lun > 255)) out.add(`${sp}/lun`, `${who}: iscsi.lun ${show(src.lun)} is out of range; allowed: 0 to 255`, 'use the LUN number, e.g. 0');
  if ((src.chapAuthDiscovery === true || src.chapAuthSession === true) && src.secretRef == null) out.add(`${sp}/secretRef`, `${who}: CHAP authentication needs iscsi.secretRef`, 'add secretRef naming the CHAP Secret');
  if (isStr(src.initiatorName)) {
    const bad = idProblem(src.initiatorName);
    if (bad) out.add(`${sp}/initiatorName`, `${who}: iscsi.initiatorName ${show(src.initiatorName)} is invalid: ${bad}`, 'use e.g. "iqn.2001-04.com.example:node1"');
    if (isStr(v.name) && `${v.name}:${text(src.targetPortal)}`.length > 64) out.add(`${sp.replace(/\/iscsi$/, '')}/name`, `${who}: with initiatorName set, "<volume name>:<targetPortal>" must be under 64 characters`, 'shorten the volume name');
  }
}

const text = (v: unknown) => (isStr(v) ? v : '');
