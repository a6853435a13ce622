/**
 * Pod volumes and the mounts that use them (validateVolumes / ValidateVolumeMounts): unique DNS-1123 volume
 * names, exactly one source per volume, and every mount naming a defined volume at a unique path. A
 * StatefulSet's volumeClaimTemplates count as volumes, because its controller adds them to every pod.
 */
import { Issue } from '../../util/errors';
import { isDns1123Label } from '../../util/names';
import { featureEnabled } from '../../schema/lifecycle';
import { ObjectRule, RuleContext } from '../types';
import { Obj, Sink, isObj, isStr, list, show, sink } from './support';
import { POD_SPEC_KINDS, podSpecIn } from './pod-support';
import { checkVolumeSource } from './volume-sources';

export const podVolumesRule: ObjectRule = {
  id: 'pod-volumes',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: POD_SPEC_KINDS,
  description: 'Pod volumes have unique names and exactly one source, and every volume mount names a defined volume at a unique path.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    const found = podSpecIn(obj);
    if (!found || !isObj(found.spec)) return [];
    const { spec, pointer } = found;
    const out = sink('pod-volumes', path);
    const rro = featureEnabled('RecursiveReadOnlyMounts', ctx?.k8sVersion);
    const volumes = checkVolumes(spec, pointer, out);
    if (obj.kind === 'Pod' && isStr(obj.metadata?.name) && obj.metadata.name !== '') checkEphemeralClaims(spec, pointer, obj.metadata.name, out);
    if (obj.kind === 'StatefulSet') {
      for (const t of list(obj.spec?.volumeClaimTemplates)) if (isStr((t as Obj)?.metadata?.name)) volumes.set((t as Obj).metadata.name, 'persistentVolumeClaim');
    }
    for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
      list(spec[field]).forEach((c, i) => {
        if (isObj(c)) checkMounts(c, `${pointer}/${field}/${i}`, volumes, field === 'ephemeralContainers', rro, out);
      });
    }
    return out.issues;
  },
};

/** Returns the defined volume names with their source type. */
function checkVolumes(spec: Obj, pointer: string, out: Sink): Map<string, string> {
  const volumes = new Map<string, string>();
  list(spec.volumes).forEach((v, i) => {
    const p = `${pointer}/volumes/${i}`;
    if (!isObj(v)) return out.add(p, `volumes[${i}] must be an object (got ${show(v)})`, 'write { name: "data", emptyDir: {} }');
    if (!isStr(v.name) || !isDns1123Label(v.name)) {
      out.add(`${p}/name`, `volume name ${show(v.name)} is invalid; allowed: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters (DNS-1123 label)`, 'rename the volume, e.g. "data"');
    } else if (volumes.has(v.name)) {
      out.add(`${p}/name`, `volume name "${v.name}" is used twice; volume names must be unique in a pod`, 'rename one of the volumes');
    }
    const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
    if (sources.length !== 1) {
      out.add(p, `volume ${show(v.name)} has ${sources.length === 0 ? 'no source' : `${sources.length} sources (${sources.join(', ')})`}; the API server requires exactly one volume type`, 'keep exactly one source, e.g. configMap, secret, persistentVolumeClaim or emptyDir');
    }
    if (sources.length === 1) checkVolumeSource(v, sources[0], p, out);
    if (isStr(v.name) && !volumes.has(v.name)) volumes.set(v.name, sources[0] ?? '');
  });
  return volumes;
}

/**
 * A Pod's generic ephemeral volumes become claims named "<pod>-<volume>": the name must be valid, and no
 * persistentVolumeClaim volume of the same pod may use it.
 */
function checkEphemeralClaims(spec: Obj, pointer: string, podName: string, out: Sink): void {
  const created = new Set<string>();
  list(spec.volumes).forEach((v, i) => {
    if (!isObj(v) || !isObj(v.ephemeral) || !isStr(v.name) || v.name === '') return;
    const claim = `${podName}-${v.name}`;
    created.add(claim);
    if (claim.length > 253) out.add(`${pointer}/volumes/${i}/name`, `the claim of ephemeral volume "${v.name}" would be named "${claim}", longer than 253 characters`, 'shorten the pod or volume name');
  });
  list(spec.volumes).forEach((v, i) => {
    const claim = isObj(v) && isObj(v.persistentVolumeClaim) ? v.persistentVolumeClaim.claimName : undefined;
    if (isStr(claim) && created.has(claim)) out.add(`${pointer}/volumes/${i}/persistentVolumeClaim/claimName`, `volume ${show(v && (v as Obj).name)} mounts claim "${claim}", which an ephemeral volume of this pod creates`, 'use the ephemeral volume itself, or another claim');
  });
}

const PROPAGATIONS = ['None', 'HostToContainer', 'Bidirectional'];
const RECURSIVE_READ_ONLY = ['Disabled', 'IfPossible', 'Enabled'];

function checkMounts(c: Obj, p: string, volumes: Map<string, string>, ephemeral: boolean, recursiveReadOnly: boolean, out: Sink): void {
  const paths = new Set<string>();
  const deviceNames = new Set(list(c.volumeDevices).map((d) => (isObj(d) ? d.name : undefined)).filter(isStr));
  const devicePaths = new Set(list(c.volumeDevices).map((d) => (isObj(d) ? d.devicePath : undefined)).filter(isStr));
  const mountNames = new Set(list(c.volumeMounts).map((m) => (isObj(m) ? m.name : undefined)).filter(isStr));
  const mountPaths = new Set(list(c.volumeMounts).map((m) => (isObj(m) ? m.mountPath : undefined)).filter(isStr));
  const privileged = isObj(c.securityContext) && c.securityContext.privileged === true;
  list(c.volumeMounts).forEach((m, j) => {
    const mp = `${p}/volumeMounts/${j}`;
    if (!isObj(m)) return out.add(mp, `volumeMounts[${j}] of container ${show(c.name)} must be an object (got ${show(m)})`, 'write { name: "data", mountPath: "/data" }');
    if (!isStr(m.name) || !volumes.has(m.name)) {
      const known = [...volumes.keys()];
      out.add(`${mp}/name`, `container ${show(c.name)} mounts volume ${show(m.name)}, which the pod does not define (volumes: ${known.length ? known.join(', ') : 'none'})`, 'add the volume to the pod, or fix the mount\'s name');
    }
    if (!isStr(m.mountPath) || m.mountPath === '') {
      out.add(`${mp}/mountPath`, `volume mount ${show(m.name)} of container ${show(c.name)} has no mountPath; the API server requires one`, 'set mountPath, e.g. "/data"');
    } else if (paths.has(m.mountPath)) {
      out.add(`${mp}/mountPath`, `container ${show(c.name)} mounts two volumes at "${m.mountPath}"; mount paths must be unique in a container`, 'mount the second volume at another path');
    } else paths.add(m.mountPath);
    for (const field of ['subPath', 'subPathExpr'] as const) {
      const sp = m[field];
      if (!isStr(sp) || sp === '') continue;
      if (sp.startsWith('/') || sp.split('/').includes('..')) {
        out.add(`${mp}/${field}`, `${field} ${show(sp)} of container ${show(c.name)} must be a relative path without ".." segments`, 'use a relative path inside the volume, e.g. "config/app.yaml"');
      }
    }
    if (isStr(m.subPath) && m.subPath !== '' && isStr(m.subPathExpr) && m.subPathExpr !== '') {
      out.add(`${mp}/subPathExpr`, `volume mount ${show(m.name)} of container ${show(c.name)} sets both subPath and subPathExpr; they are mutually exclusive`, 'keep one of them');
    }
    if (ephemeral) {
      for (const field of ['subPath', 'subPathExpr']) {
        if (isStr(m[field]) && m[field] !== '') out.add(`${mp}/${field}`, `ephemeral container ${show(c.name)} may not use ${field}`, `remove ${field}`);
      }
    }
    if (isStr(m.name) && deviceNames.has(m.name)) out.add(`${mp}/name`, `container ${show(c.name)} uses volume "${m.name}" both as a mount and as a device`, 'use the volume either in volumeMounts or in volumeDevices');
    if (isStr(m.mountPath) && devicePaths.has(m.mountPath)) out.add(`${mp}/mountPath`, `mountPath "${m.mountPath}" of container ${show(c.name)} is also a devicePath`, 'use another path');
    const prop = m.mountPropagation;
    if (prop != null) {
      if (!PROPAGATIONS.includes(prop)) out.add(`${mp}/mountPropagation`, `mountPropagation ${show(prop)} of container ${show(c.name)} is not supported; allowed: ${PROPAGATIONS.join(', ')}`, 'use None, HostToContainer or Bidirectional');
      else if (prop === 'Bidirectional' && !privileged) out.add(`${mp}/mountPropagation`, `mountPropagation Bidirectional of container ${show(c.name)} needs a privileged container`, 'use HostToContainer, or set securityContext.privileged: true');
    }
    // recursiveReadOnly (RecursiveReadOnlyMounts); when off, it is dropped.
    const rro = m.recursiveReadOnly;
    if (rro != null && recursiveReadOnly) {
      if (!RECURSIVE_READ_ONLY.includes(rro)) out.add(`${mp}/recursiveReadOnly`, `recursiveReadOnly ${show(rro)} of container ${show(c.name)} is not supported; allowed: ${RECURSIVE_READ_ONLY.join(', ')}`, 'use Disabled, IfPossible or Enabled');
      else if (rro !== 'Disabled') {
        if (m.readOnly !== true) out.add(`${mp}/recursiveReadOnly`, `recursiveReadOnly ${rro} of container ${show(c.name)} needs readOnly: true`, 'set readOnly: true on the mount');
        if (prop != null && prop !== 'None') out.add(`${mp}/recursiveReadOnly`, `recursiveReadOnly ${rro} of container ${show(c.name)} needs mountPropagation None (or unset)`, 'remove mountPropagation');
      }
    }
  });
  const devNames = new Set<string>();
  const devPaths = new Set<string>();
  list(c.volumeDevices).forEach((d, j) => {
    const dp = `${p}/volumeDevices/${j}`;
    if (!isObj(d)) return;
    const source = isStr(d.name) ? volumes.get(d.name) : undefined;
    if (source !== 'persistentVolumeClaim' && source !== 'ephemeral') {
      out.add(`${dp}/name`, `volume device ${show(d.name)} of container ${show(c.name)} must name a persistentVolumeClaim or ephemeral volume of the pod (raw block devices need a claim)`, 'add a persistentVolumeClaim volume with that name, or use volumeMounts for a filesystem');
    }
    if (!isStr(d.devicePath) || d.devicePath === '') out.add(`${dp}/devicePath`, `volume device ${show(d.name)} of container ${show(c.name)} has no devicePath`, 'set devicePath, e.g. "/dev/xvda"');
    else if (devPaths.has(d.devicePath)) out.add(`${dp}/devicePath`, `devicePath "${d.devicePath}" is used twice in container ${show(c.name)}`, 'give every device its own path');
    else if (d.devicePath.split('/').includes('..')) out.add(`${dp}/devicePath`, `devicePath ${show(d.devicePath)} of container ${show(c.name)} must not contain ".."`, 'use a plain device path such as "/dev/xvda"');
    else if (mountPaths.has(d.devicePath)) out.add(`${dp}/devicePath`, `devicePath "${d.devicePath}" of container ${show(c.name)} is also a mountPath`, 'use another path');
    if (isStr(d.devicePath)) devPaths.add(d.devicePath);
    if (isStr(d.name) && devNames.has(d.name)) out.add(`${dp}/name`, `volume device "${d.name}" is listed twice in container ${show(c.name)}`, 'list each device once');
    else if (isStr(d.name) && mountNames.has(d.name)) out.add(`${dp}/name`, `container ${show(c.name)} uses volume "${d.name}" both as a device and as a mount`, 'use the volume either in volumeMounts or in volumeDevices');
    if (isStr(d.name)) devNames.add(d.name);
  });
}
