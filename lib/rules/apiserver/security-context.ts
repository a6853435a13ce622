/**
 * Pod and container security contexts as the API server checks them (validatePodSpecSecurityContext,
 * ValidateSecurityContext, validateSysctls, the seccomp/AppArmor/Windows option checks), and the fields a pod's
 * declared OS forbids (validateOS / validateLinux / validateWindows / validateWindowsHostProcessPod).
 */
import { Issue } from '../../util/errors';
import { isDns1123Subdomain } from '../../util/names';
import { featureEnabled, minorAtLeast } from '../../schema/lifecycle';
import { ObjectRule, RuleContext } from '../types';
import { Obj, Sink, isObj, isStr, list, ptr, show, sink } from './support';
import { descendingPathProblem, eachContainer, isId, MAX_ID, POD_SPEC_KINDS, podSpecIn } from './pod-support';

const SYSCTL = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const SECCOMP_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];
const APPARMOR_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];
const PROC_MOUNTS = ['Default', 'Unmasked'];
/** Fields a Windows pod may not set in its pod security context, and in each container's. */
const WINDOWS_POD_FORBIDDEN = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'fsGroup', 'fsGroupChangePolicy', 'sysctls', 'runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'];
const WINDOWS_CONTAINER_FORBIDDEN = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];
const ID_RULE = `an integer from 0 to ${MAX_ID}`;

export const securityContextRule: ObjectRule = {
  id: 'security-context',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: POD_SPEC_KINDS,
  description: 'Pod and container security contexts use valid ids, sysctls, seccomp and AppArmor profiles and Windows options, agree with each other, and fit the pod\'s declared OS.',
  check(obj, path, ctx?: RuleContext): Issue[] {
    const found = podSpecIn(obj);
    if (!found || !isObj(found.spec)) return [];
    const { spec, pointer } = found;
    const out = sink('security-context', path);
    const v = ctx?.k8sVersion;
    if (isObj(spec.securityContext)) checkPodContext(spec, spec.securityContext, `${pointer}/securityContext`, v, out);
    const hostUsers = spec.hostUsers !== false;
    eachContainer(spec, pointer, (c, p) => {
      if (isObj(c.securityContext)) checkContainerContext(c, c.securityContext, `${p}/securityContext`, hostUsers, v, out);
    });
    checkOs(spec, pointer, out);
    checkHostProcess(spec, pointer, out);
    const meta = podMetaOf(obj);
    if (meta && isObj(meta.meta.annotations)) checkAnnotations(spec, pointer, meta.meta.annotations, `${meta.pointer}/annotations`, obj.kind === 'Pod', out);
    return out.issues;
  },
};

function ids(sc: Obj, p: string, fields: string[], out: Sink): void {
  for (const f of fields) {
    if (sc[f] != null && !isId(sc[f])) out.add(`${p}/${f}`, `${f} ${show(sc[f])} is out of range; allowed: ${ID_RULE}`, `use a valid id, e.g. ${f === 'runAsUser' ? 1000 : 2000}`);
  }
}

function checkPodContext(spec: Obj, sc: Obj, p: string, v: string | undefined, out: Sink): void {
  ids(sc, p, ['fsGroup', 'runAsUser', 'runAsGroup'], out);
  list(sc.supplementalGroups).forEach((g, i) => {
    if (!isId(g)) out.add(`${p}/supplementalGroups/${i}`, `supplementalGroups entry ${show(g)} is out of range; allowed: ${ID_RULE}`, 'use a valid group id');
  });
  checkSysctls(spec, sc, p, out);
  if (sc.fsGroupChangePolicy != null && !['OnRootMismatch', 'Always'].includes(sc.fsGroupChangePolicy)) {
    out.add(`${p}/fsGroupChangePolicy`, `fsGroupChangePolicy ${show(sc.fsGroupChangePolicy)} is not supported; allowed: OnRootMismatch, Always`, 'use OnRootMismatch or Always');
  }
  // Both fields are dropped by servers whose feature gate is off (on by default since 1.33).
  if (featureEnabled('SupplementalGroupsPolicy', v) && sc.supplementalGroupsPolicy != null && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) {
    out.add(`${p}/supplementalGroupsPolicy`, `supplementalGroupsPolicy ${show(sc.supplementalGroupsPolicy)} is not supported; allowed: Merge, Strict`, 'use Merge (the default) or Strict');
  }
  if (featureEnabled('SELinuxChangePolicy', v) && sc.seLinuxChangePolicy != null && !['Recursive', 'MountOption'].includes(sc.seLinuxChangePolicy)) {
    out.add(`${p}/seLinuxChangePolicy`, `seLinuxChangePolicy ${show(sc.seLinuxChangePolicy)} is not supported; allowed: Recursive, MountOption`, 'use Recursive or MountOption');
  }
  checkSeccomp(sc.seccompProfile, `${p}/seccompProfile`, out);
  checkAppArmor(sc.appArmorProfile, `${p}/appArmorProfile`, out);
  checkWindowsOptions(sc.windowsOptions, `${p}/windowsOptions`, out);
}

/** Sysctls in the network or IPC namespace that a pod sharing the host's namespace may not set. */
function hostNamespaceOf(name: string): 'net' | 'ipc' | undefined {
  const n = name.replace(/\//g, '.');
  if (n.startsWith('net.')) return 'net';
  if (n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n === 'kernel.sem' || n.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

function checkSysctls(spec: Obj, sc: Obj, p: string, out: Sink): void {
  const names = new Set<string>();
  list(sc.sysctls).forEach((s, i) => {
    const sp = `${p}/sysctls/${i}/name`;
    const name = isObj(s) ? s.name : undefined;
    if (!isStr(name) || name === '') return out.add(sp, `sysctl #${i} has no name`, 'name the sysctl, e.g. "net.ipv4.ip_local_port_range"');
    if (name.length > 253 || !SYSCTL.test(name)) out.add(sp, `sysctl name ${show(name)} is invalid; allowed: dot- or slash-separated parts of lowercase letters, digits, "-" and "_", at most 253 characters`, 'use a name such as "kernel.shm_rmid_forced"');
    else if (names.has(name)) out.add(sp, `sysctl "${name}" is set twice`, 'set each sysctl once');
    names.add(name);
    const ns = hostNamespaceOf(name);
    if (ns === 'net' && spec.hostNetwork === true) out.add(sp, `sysctl "${name}" is in the network namespace, which the pod shares with the host (hostNetwork: true)`, 'remove the sysctl, or hostNetwork');
    if (ns === 'ipc' && spec.hostIPC === true) out.add(sp, `sysctl "${name}" is in the IPC namespace, which the pod shares with the host (hostIPC: true)`, 'remove the sysctl, or hostIPC');
  });
}

function checkContainerContext(c: Obj, sc: Obj, p: string, hostUsers: boolean, v: string | undefined, out: Sink): void {
  ids(sc, p, ['runAsUser', 'runAsGroup'], out);
  if (sc.procMount != null) {
    if (!PROC_MOUNTS.includes(sc.procMount)) out.add(`${p}/procMount`, `procMount ${show(sc.procMount)} of container ${show(c.name)} is not supported; allowed: Default, Unmasked`, 'use Default, or remove procMount');
    // procMount (ProcMountType); when off, the server resets it to Default.
    else if (sc.procMount === 'Unmasked' && hostUsers && featureEnabled('ProcMountType', v)) out.add(`${p}/procMount`, `procMount Unmasked of container ${show(c.name)} needs the pod to set hostUsers: false`, 'set spec.hostUsers: false, or use procMount Default');
  }
  checkSeccomp(sc.seccompProfile, `${p}/seccompProfile`, out);
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    out.add(`${p}/allowPrivilegeEscalation`, `container ${show(c.name)} is privileged but sets allowPrivilegeEscalation: false; a privileged container always can escalate`, 'remove allowPrivilegeEscalation: false, or privileged: true');
  }
  // No feature gate: 1.37 added the check itself (AllowSysAdminWhenPrivilegeEscalationFalse is false on create).
  if (sc.allowPrivilegeEscalation === false && minorAtLeast(v, '1.37') && isObj(sc.capabilities) && list(sc.capabilities.add).includes('CAP_SYS_ADMIN')) {
    out.add(`${p}/capabilities/add`, `container ${show(c.name)} adds CAP_SYS_ADMIN while allowPrivilegeEscalation is false; the API server rejects the combination`, 'remove CAP_SYS_ADMIN, or allowPrivilegeEscalation: false');
  }
  checkWindowsOptions(sc.windowsOptions, `${p}/windowsOptions`, out);
  checkAppArmor(sc.appArmorProfile, `${p}/appArmorProfile`, out);
}

function checkSeccomp(sp: unknown, p: string, out: Sink): void {
  if (!isObj(sp)) return;
  if (!SECCOMP_TYPES.includes(sp.type)) out.add(`${p}/type`, `seccompProfile type ${show(sp.type)} is not supported; allowed: ${SECCOMP_TYPES.join(', ')}`, 'use RuntimeDefault');
  if (sp.type === 'Localhost') {
    if (!isStr(sp.localhostProfile)) out.add(`${p}/localhostProfile`, 'seccompProfile type Localhost needs localhostProfile', 'set localhostProfile to the profile\'s path relative to the kubelet\'s seccomp directory, e.g. "profiles/audit.json"');
    else {
      const bad = descendingPathProblem(sp.localhostProfile);
      if (bad) out.add(`${p}/localhostProfile`, `seccomp localhostProfile ${show(sp.localhostProfile)} is invalid: ${bad}`, 'use a path relative to the kubelet\'s seccomp directory');
    }
  } else if (sp.localhostProfile != null) {
    out.add(`${p}/localhostProfile`, `seccompProfile localhostProfile is only allowed with type Localhost (type is ${show(sp.type)})`, 'remove localhostProfile, or set type: Localhost');
  }
}

function checkAppArmor(ap: unknown, p: string, out: Sink): void {
  if (!isObj(ap)) return;
  if (ap.type === undefined || ap.type === null || ap.type === '') return out.add(`${p}/type`, 'appArmorProfile has no type', 'set type: RuntimeDefault');
  if (!APPARMOR_TYPES.includes(ap.type)) return out.add(`${p}/type`, `appArmorProfile type ${show(ap.type)} is not supported; allowed: ${APPARMOR_TYPES.join(', ')}`, 'use RuntimeDefault');
  const lp = ap.localhostProfile;
  if (ap.type === 'Localhost') {
    if (!isStr(lp) || lp.trim() === '') out.add(`${p}/localhostProfile`, 'appArmorProfile type Localhost needs a non-empty localhostProfile', 'set localhostProfile to the name of a profile loaded on the node');
    else if (lp.trim() !== lp) out.add(`${p}/localhostProfile`, `appArmor localhostProfile ${show(lp)} has leading or trailing whitespace`, 'remove the spaces');
    else if (lp.length > 4095) out.add(`${p}/localhostProfile`, `appArmor localhostProfile is ${lp.length} characters; at most 4095 are allowed`, 'use a shorter profile name');
  } else if (lp != null) {
    out.add(`${p}/localhostProfile`, `appArmorProfile localhostProfile is only allowed with type Localhost (type is ${show(ap.type)})`, 'remove localhostProfile, or set type: Localhost');
  }
}

function checkWindowsOptions(w: unknown, p: string, out: Sink): void {
  if (!isObj(w)) return;
  if (w.gmsaCredentialSpecName != null && (!isStr(w.gmsaCredentialSpecName) || !isDns1123Subdomain(w.gmsaCredentialSpecName))) {
    out.add(`${p}/gmsaCredentialSpecName`, `gmsaCredentialSpecName ${show(w.gmsaCredentialSpecName)} is not a valid object name (DNS-1123 subdomain)`, 'use the name of a GMSACredentialSpec object');
  }
  if (w.gmsaCredentialSpec === '') out.add(`${p}/gmsaCredentialSpec`, 'gmsaCredentialSpec is an empty string', 'remove it, or give the credential spec');
  else if (isStr(w.gmsaCredentialSpec) && Buffer.byteLength(w.gmsaCredentialSpec) > 64 * 1024) out.add(`${p}/gmsaCredentialSpec`, 'gmsaCredentialSpec is larger than 64 KiB', 'use gmsaCredentialSpecName to refer to a stored spec');
  const u = w.runAsUserName;
  if (u == null) return;
  const bad = isStr(u) ? windowsUserProblem(u) : 'it must be a string';
  if (bad) out.add(`${p}/runAsUserName`, `runAsUserName ${show(u)} is invalid: ${bad}`, 'use a user name such as "ContainerUser" or "DOMAIN\\\\user"');
}

function windowsUserProblem(u: string): string | undefined {
  if (u === '') return 'it must not be empty';
  if (/[\x00-\x1f\x7f]/.test(u)) return 'it must not contain control characters';
  const parts = u.split('\\');
  if (parts.length > 2) return 'it must not contain more than one backslash';
  const [domain, user] = parts.length === 2 ? parts : ['', parts[0]];
  if (domain.length >= 256) return 'the domain must be under 256 characters';
  if (parts.length === 2 && !isWindowsDomain(domain)) return 'the domain is neither a NetBIOS nor a DNS name';
  if (user === '') return 'the user part must not be empty';
  if (user.length > 104) return 'the user part must be at most 104 characters';
  if (/^[. ]+$/.test(user)) return 'the user part must not be only periods or spaces';
  if (/["/\\:;|=,+*?<>@[\]]/.test(user)) return 'the user part must not contain any of "/\\:;|=,+*?<>@[]';
  return undefined;
}

function isWindowsDomain(d: string): boolean {
  if (/^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/.test(d)) return true;
  return /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(d) && d.length <= 253;
}

function checkOs(spec: Obj, pointer: string, out: Sink): void {
  const os = spec.os;
  if (!isObj(os)) return;
  if (os.name === undefined || os.name === null || os.name === '') return out.add(`${pointer}/os/name`, 'os is set without a name', 'set os.name to linux or windows, or remove os');
  if (os.name !== 'linux' && os.name !== 'windows') return out.add(`${pointer}/os/name`, `os.name ${show(os.name)} is not supported; allowed: linux, windows`, 'use linux or windows (lower case)');
  const sc = isObj(spec.securityContext) ? spec.securityContext : undefined;
  if (os.name === 'linux') {
    if (sc?.windowsOptions != null) out.add(`${pointer}/securityContext/windowsOptions`, 'windowsOptions cannot be set for a pod with os.name linux', 'remove windowsOptions');
    eachContainer(spec, pointer, (c, p) => {
      if (isObj(c.securityContext) && c.securityContext.windowsOptions != null) out.add(`${p}/securityContext/windowsOptions`, `container ${show(c.name)} sets windowsOptions in a pod with os.name linux`, 'remove windowsOptions');
    });
    return;
  }
  const fix = (f: string) => `remove ${f} (it has no meaning on Windows), or set os.name: linux`;
  if (sc) for (const f of WINDOWS_POD_FORBIDDEN) if (sc[f] != null && !((f === 'sysctls' || f === 'supplementalGroups') && list(sc[f]).length === 0)) out.add(`${pointer}/securityContext/${f}`, `securityContext.${f} cannot be set for a pod with os.name windows`, fix(f));
  for (const f of ['hostUsers', 'shareProcessNamespace']) if (spec[f] != null) out.add(`${pointer}/${f}`, `${f} cannot be set for a pod with os.name windows`, fix(f));
  for (const f of ['hostPID', 'hostIPC']) if (spec[f] === true) out.add(`${pointer}/${f}`, `${f} cannot be set for a pod with os.name windows`, fix(f));
  eachContainer(spec, pointer, (c, p) => {
    const csc = c.securityContext;
    if (!isObj(csc)) return;
    for (const f of WINDOWS_CONTAINER_FORBIDDEN) if (csc[f] != null) out.add(`${p}/securityContext/${f}`, `container ${show(c.name)} sets securityContext.${f}, which cannot be set for a pod with os.name windows`, fix(f));
  });
}

/** Windows HostProcess pods: all containers or none, and always with hostNetwork. */
function checkHostProcess(spec: Obj, pointer: string, out: Sink): void {
  const podWin = isObj(spec.securityContext) && isObj(spec.securityContext.windowsOptions) ? spec.securityContext.windowsOptions.hostProcess : undefined;
  let containers = 0;
  let hostProcess = 0;
  eachContainer(spec, pointer, (c, p) => {
    containers++;
    const own = isObj(c.securityContext) && isObj(c.securityContext.windowsOptions) ? c.securityContext.windowsOptions.hostProcess : undefined;
    if (typeof podWin === 'boolean' && typeof own === 'boolean' && own !== podWin) {
      out.add(`${p}/securityContext/windowsOptions/hostProcess`, `container ${show(c.name)} sets hostProcess ${own}, unlike the pod's ${podWin}; both must be the same when both are set`, 'remove the container\'s hostProcess, or make it equal');
    }
    if (own === true || (own == null && podWin === true)) hostProcess++;
  });
  if (hostProcess === 0) return;
  if (hostProcess !== containers) out.add(pointer, `${hostProcess} of ${containers} containers are Windows HostProcess containers; if any is, all must be`, 'set windowsOptions.hostProcess: true in the pod securityContext for all containers');
  if (spec.hostNetwork !== true) out.add(`${pointer}/hostNetwork`, 'a pod with Windows HostProcess containers must set hostNetwork: true', 'set hostNetwork: true');
}

/** The pod's own metadata (a Pod's, or its template's), with its pointer. */
function podMetaOf(obj: Obj): { meta: Obj; pointer: string } | undefined {
  const at = (meta: unknown, pointer: string) => (isObj(meta) ? { meta, pointer } : undefined);
  switch (obj.kind) {
    case 'Pod':
      return at(obj.metadata, '/metadata');
    case 'PodTemplate':
      return at(obj.template?.metadata, '/template/metadata');
    case 'CronJob':
      return at(obj.spec?.jobTemplate?.spec?.template?.metadata, '/spec/jobTemplate/spec/template/metadata');
    default:
      return at(obj.spec?.template?.metadata, '/spec/template/metadata');
  }
}

const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** Why a seccomp annotation value is invalid, or undefined. */
function seccompAnnotationProblem(v: string): string | undefined {
  if (v === 'runtime/default' || v === 'docker/default' || v === 'unconfined') return undefined;
  if (v.startsWith('localhost/')) return descendingPathProblem(v.slice('localhost/'.length));
  return 'allowed: runtime/default, docker/default, unconfined or localhost/<relative path>';
}

/**
 * The legacy seccomp and AppArmor annotations (valid values, existing containers, and agreement with the fields
 * when both are set) and the pod-deletion-cost annotation (ValidatePodSpecificAnnotations and the create-time
 * match checks).
 */
function checkAnnotations(spec: Obj, pointer: string, ann: Obj, ap: string, isPod: boolean, out: Sink): void {
  const names = new Set<string>();
  eachContainer(spec, pointer, (c) => isStr(c.name) && names.add(c.name));
  for (const [k, v] of Object.entries(ann)) {
    if (!isStr(v)) continue;
    if (k === SECCOMP_POD || k.startsWith(SECCOMP_CONTAINER)) {
      const bad = seccompAnnotationProblem(v);
      if (bad) out.add(ptr(ap, k), `annotation ${k} has the invalid seccomp profile ${show(v)}: ${bad}`, 'use the securityContext.seccompProfile field instead of the annotation');
    }
    if (k.startsWith(APPARMOR_CONTAINER)) {
      const name = k.slice(APPARMOR_CONTAINER.length);
      if (!names.has(name)) out.add(ptr(ap, k), `annotation ${k} names container ${show(name)}, which the pod does not have`, 'fix the container name in the key, or remove the annotation (use securityContext.appArmorProfile)');
      if (v !== '' && v !== 'runtime/default' && v !== 'unconfined' && !v.startsWith('localhost/')) out.add(ptr(ap, k), `annotation ${k} has the invalid AppArmor profile ${show(v)}; allowed: runtime/default, unconfined or localhost/<profile>`, 'use securityContext.appArmorProfile instead of the annotation');
    }
  }
  const cost = ann[DELETION_COST];
  if (cost !== undefined && !(isStr(cost) && /^(0|[1-9]\d*|-\d+)$/.test(cost) && Number(cost) >= -2147483648 && Number(cost) <= 2147483647)) {
    out.add(ptr(ap, DELETION_COST), `annotation ${DELETION_COST} is ${show(cost)}; it must be a 32-bit integer, without "+" or leading zeros`, 'use a whole number such as "100" or "-5"');
  }
  checkProfileMatch(spec, pointer, ann, isPod, out);
}

const SECCOMP_MATCH: Record<string, (v: string, lp: unknown) => boolean> = {
  Unconfined: (v) => v === 'unconfined',
  RuntimeDefault: (v) => v === 'runtime/default' || v === 'docker/default',
  Localhost: (v, lp) => v === `localhost/${text(lp)}` && isStr(lp),
};
const APPARMOR_MATCH: Record<string, (v: string, lp: unknown) => boolean> = {
  Unconfined: (v) => v === 'unconfined',
  RuntimeDefault: (v) => v === 'runtime/default',
  Localhost: (v, lp) => v === `localhost/${text(lp)}` && isStr(lp),
};
const text = (v: unknown) => (isStr(v) ? v : '');

/**
 * Where a profile is set both as a field and as the legacy annotation, the two must say the same. On a Pod the
 * server first copies a container's AppArmor annotation into the container's unset field, so only a container's
 * own field can disagree there; in templates the pod-level profile counts for containers without one.
 */
function checkProfileMatch(spec: Obj, pointer: string, ann: Obj, isPod: boolean, out: Sink): void {
  const psc = isObj(spec.securityContext) ? spec.securityContext : {};
  const mismatch = (profile: unknown, value: unknown, table: Record<string, (v: string, lp: unknown) => boolean>, at: string, what: string, key: string) => {
    if (!isObj(profile) || !isStr(value)) return;
    const same = table[profile.type];
    if (same && !same(value, profile.localhostProfile)) out.add(at, `${what} (${show(profile.type)}${isStr(profile.localhostProfile) ? ` ${show(profile.localhostProfile)}` : ''}) does not match the annotation ${key}: ${show(value)}`, `remove the annotation ${key} (the field replaces it), or make them agree`);
  };
  mismatch(psc.seccompProfile, ann[SECCOMP_POD], SECCOMP_MATCH, `${pointer}/securityContext/seccompProfile`, 'the pod seccompProfile', SECCOMP_POD);
  const windows = isObj(spec.os) && spec.os.name === 'windows';
  eachContainer(spec, pointer, (c, p) => {
    if (!isStr(c.name)) return;
    const csc = isObj(c.securityContext) ? c.securityContext : {};
    mismatch(csc.seccompProfile, ann[SECCOMP_CONTAINER + c.name], SECCOMP_MATCH, `${p}/securityContext/seccompProfile`, `the seccompProfile of container "${c.name}"`, SECCOMP_CONTAINER + c.name);
    const appArmor = csc.appArmorProfile ?? (isPod ? undefined : psc.appArmorProfile);
    if (!windows) mismatch(appArmor, ann[APPARMOR_CONTAINER + c.name], APPARMOR_MATCH, `${p}/securityContext/appArmorProfile`, `the AppArmor profile of container "${c.name}"`, APPARMOR_CONTAINER + c.name);
  });
}
