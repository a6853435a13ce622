import { securityContextRule as rule } from '../../../lib/rules/apiserver/security-context';
import { Obj, PATH, broken, expectOne, fixtures, podOf, run } from './fixtures';

const inPod = (mutate: (spec: Obj) => void) => (base: Obj) => broken(base, (o) => void mutate(podOf(o)));
const pod = (mutate: (spec: Obj) => void) => inPod(mutate)(fixtures.pod());
const web = (sc: Obj) => pod((s) => void (s.containers[0].securityContext = sc));
const PSC = '/spec/securityContext';
const CSC = '/spec/containers/0/securityContext';

describe('security-context', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a negative pod runAsUser', pod((s) => void (s.securityContext = { runAsUser: -1 })), `${PSC}/runAsUser`, ['-1', '2147483647']],
    ['an fsGroup over 2^31-1', pod((s) => void (s.securityContext = { fsGroup: 2147483648 })), `${PSC}/fsGroup`, ['2147483648']],
    ['a negative supplemental group', pod((s) => void (s.securityContext = { supplementalGroups: [1000, -5] })), `${PSC}/supplementalGroups/1`, ['-5']],
    ['a sysctl with upper case', pod((s) => void (s.securityContext = { sysctls: [{ name: 'Net.core.somaxconn', value: '1024' }] })), `${PSC}/sysctls/0/name`, ['"Net.core.somaxconn"']],
    ['a sysctl set twice', pod((s) => void (s.securityContext = { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'kernel.shm_rmid_forced', value: '0' }] })), `${PSC}/sysctls/1/name`, ['set twice']],
    ['a net sysctl with hostNetwork', pod((s) => { s.hostNetwork = true; s.securityContext = { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] }; }), `${PSC}/sysctls/0/name`, ['hostNetwork']],
    ['an IPC sysctl with hostIPC', pod((s) => { s.hostIPC = true; s.securityContext = { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }] }; }), `${PSC}/sysctls/0/name`, ['hostIPC']],
    ['an unknown fsGroupChangePolicy', pod((s) => void (s.securityContext = { fsGroupChangePolicy: 'Never' })), `${PSC}/fsGroupChangePolicy`, ['OnRootMismatch, Always']],
    ['seccomp Localhost without a profile', pod((s) => void (s.securityContext = { seccompProfile: { type: 'Localhost' } })), `${PSC}/seccompProfile/localhostProfile`, ['needs localhostProfile']],
    ['a seccomp localhostProfile with RuntimeDefault', web({ seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'x.json' } }), `${CSC}/seccompProfile/localhostProfile`, ['only allowed with type Localhost']],
    ['an absolute seccomp localhostProfile', web({ seccompProfile: { type: 'Localhost', localhostProfile: '/etc/x.json' } }), `${CSC}/seccompProfile/localhostProfile`, ['relative']],
    ['an unknown seccomp type', web({ seccompProfile: { type: 'Default' } }), `${CSC}/seccompProfile/type`, ['"Default"']],
    ['appArmor Localhost with a padded profile', web({ appArmorProfile: { type: 'Localhost', localhostProfile: ' k8s-deny ' } }), `${CSC}/appArmorProfile/localhostProfile`, ['whitespace']],
    ['privileged with allowPrivilegeEscalation false', web({ privileged: true, allowPrivilegeEscalation: false }), `${CSC}/allowPrivilegeEscalation`, ['privileged']],
    ['CAP_SYS_ADMIN with allowPrivilegeEscalation false', web({ allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } }), `${CSC}/capabilities/add`, ['CAP_SYS_ADMIN']],
    ['an unknown procMount', web({ procMount: 'Masked' }), `${CSC}/procMount`, ['"Masked"']],
    ['procMount Unmasked in the host user namespace', web({ procMount: 'Unmasked' }), `${CSC}/procMount`, ['hostUsers: false']],
    ['a windows runAsUserName with two backslashes', web({ windowsOptions: { runAsUserName: 'a\\b\\c' } }), `${CSC}/windowsOptions/runAsUserName`, ['more than one backslash']],
    ['windowsOptions in a linux pod', pod((s) => { s.os = { name: 'linux' }; s.securityContext = { windowsOptions: { runAsUserName: 'ContainerUser' } }; }), `${PSC}/windowsOptions`, ['linux']],
    ['runAsUser in a windows pod', pod((s) => { s.os = { name: 'windows' }; s.containers[0].securityContext = { runAsUser: 1000 }; }), `${CSC}/runAsUser`, ['windows']],
    ['hostPID in a windows pod', pod((s) => { s.os = { name: 'windows' }; s.hostPID = true; }), '/spec/hostPID', ['windows']],
    ['an unknown os name', pod((s) => void (s.os = { name: 'Linux' })), '/spec/os/name', ['"Linux"']],
    ['a HostProcess pod without hostNetwork', pod((s) => void (s.securityContext = { windowsOptions: { hostProcess: true } })), '/spec/hostNetwork', ['hostNetwork: true']],
    ['an init container in a Job with a bad runAsGroup', inPod((s) => void (s.initContainers = [{ name: 'init', image: 'busybox:1', securityContext: { runAsGroup: -2 } }]))(fixtures.job()), '/spec/template/spec/initContainers/0/securityContext/runAsGroup', ['-2']],
    ['an invalid seccomp annotation', broken(fixtures.pod(), (o) => void (o.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'default' })), '/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod', ['"default"']],
    ['an AppArmor annotation for a missing container', broken(fixtures.deployment(), (o) => void (o.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/api': 'runtime/default' })), '/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1api', ['"api"']],
    ['a seccomp field unlike its annotation', broken(web({ seccompProfile: { type: 'RuntimeDefault' } }), (o) => void (o.metadata.annotations = { 'container.seccomp.security.alpha.kubernetes.io/web': 'unconfined' })), `${CSC}/seccompProfile`, ['does not match']],
    ['a container AppArmor profile unlike its annotation', broken(web({ appArmorProfile: { type: 'Localhost', localhostProfile: 'a' } }), (o) => void (o.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/web': 'localhost/b' })), `${CSC}/appArmorProfile`, ['does not match']],
    ['a template pod AppArmor profile unlike a container annotation', broken(fixtures.deployment(), (o) => { o.spec.template.spec.securityContext = { appArmorProfile: { type: 'RuntimeDefault' } }; o.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/web': 'unconfined' }; }), '/spec/template/spec/containers/0/securityContext/appArmorProfile', ['does not match']],
    ['a deletion cost with a leading zero', broken(fixtures.pod(), (o) => void (o.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '010' })), '/metadata/annotations/controller.kubernetes.io~1pod-deletion-cost', ['"010"']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['valid ids, sysctls and profiles', pod((s) => void (s.securityContext = { runAsUser: 1000, runAsGroup: 0, fsGroup: 2000, supplementalGroups: [0, 2147483647], fsGroupChangePolicy: 'OnRootMismatch', sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }, { name: 'kernel/shm_rmid_forced', value: '1' }], seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-deny' } }))],
    ['a net sysctl without hostNetwork', pod((s) => void (s.securityContext = { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] }))],
    ['allowPrivilegeEscalation false with other capabilities', web({ allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, privileged: false })],
    ['procMount Unmasked with hostUsers false', pod((s) => { s.hostUsers = false; s.containers[0].securityContext = { procMount: 'Unmasked' }; })],
    ['seccomp Localhost with a relative profile', web({ seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } })],
    ['windows options in a windows pod', pod((s) => { s.os = { name: 'windows' }; s.securityContext = { windowsOptions: { runAsUserName: 'NT AUTHORITY\\NETWORK SERVICE', gmsaCredentialSpecName: 'webapp-spec' } }; })],
    ['a HostProcess pod with hostNetwork', pod((s) => { s.hostNetwork = true; s.securityContext = { windowsOptions: { hostProcess: true } }; })],
    ['a Pod AppArmor annotation that the server copies into the container field', broken(pod((s) => void (s.securityContext = { appArmorProfile: { type: 'Localhost', localhostProfile: 'a' } })), (o) => void (o.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/web': 'localhost/b' }))],
    ['legacy annotations that agree with the fields', broken(web({ seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' }, appArmorProfile: { type: 'RuntimeDefault' } }), (o) => void (o.metadata.annotations = {
      'container.seccomp.security.alpha.kubernetes.io/web': 'localhost/p.json', 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default',
      'container.apparmor.security.beta.kubernetes.io/web': 'runtime/default', 'controller.kubernetes.io/pod-deletion-cost': '-007',
    }))],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('judges version-gated checks by the target version', () => {
    const unmasked = web({ procMount: 'Unmasked' });
    expect(rule.check(unmasked, PATH, { k8sVersion: '1.32' })).toEqual([]);
    expect(rule.check(unmasked, PATH, { k8sVersion: '1.33' })).toHaveLength(1);
    const sysAdmin = web({ allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } });
    expect(rule.check(sysAdmin, PATH, { k8sVersion: '1.36' })).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const spec of [null, 5, { securityContext: 'x' }, { securityContext: { sysctls: [null, 3], windowsOptions: 7 }, containers: [null, { securityContext: [] }], os: { name: 5 } }]) {
      expect(() => run(rule, { kind: 'Pod', spec })).not.toThrow();
    }
  });
});
