import { missingReferenceRule as rule } from '../../../lib/rules/lint';
import { container, deployment, expectWellFormed, inFile, pvc } from './fixtures';

const T = '/spec/template/spec';

function referencing(namespace?: string) {
  return deployment('web', {
    namespace,
    spec: {
      serviceAccountName: 'web-sa',
      imagePullSecrets: [{ name: 'registry' }],
      containers: [container({
        env: [
          { name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a' } } },
          { name: 'B', valueFrom: { secretKeyRef: { name: 'creds', key: 'b' } } },
          { name: 'C', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'c' } } },
        ],
        envFrom: [{ secretRef: { name: 'more' } }],
      })],
      volumes: [
        { name: 'files', configMap: { name: 'files' } },
        { name: 'certs', secret: { secretName: 'tls' } },
        { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'all', projected: { sources: [{ configMap: { name: 'proj' } }, { secret: { name: 'proj-secret' } }] } },
      ],
    },
  });
}

describe('missing-reference', () => {
  test('every kind of reference to an object the set lacks is a warning naming the kind, once per object', () => {
    const issues = rule.check(inFile(referencing()));
    expectWellFormed(issues, 'missing-reference');
    expect(issues.every((i) => i.severity === 'warning' && i.line === 1)).toBe(true);
    expect(issues.map((i) => i.jsonPointer)).toEqual([
      `${T}/containers/0/env/0/valueFrom/configMapKeyRef/name`,
      `${T}/containers/0/env/1/valueFrom/secretKeyRef/name`,
      `${T}/containers/0/envFrom/0/secretRef/name`,
      `${T}/volumes/0/configMap/name`,
      `${T}/volumes/1/secret/secretName`,
      `${T}/volumes/2/persistentVolumeClaim/claimName`,
      `${T}/volumes/3/projected/sources/0/configMap/name`,
      `${T}/volumes/3/projected/sources/1/secret/name`,
      `${T}/imagePullSecrets/0/name`,
      `${T}/serviceAccountName`,
    ]);
    expect(issues[0].message).toContain('Deployment "web" references ConfigMap "cfg" (env A of container "app"), which is not defined in namespace "default"');
    expect(issues[5].message).toContain('PersistentVolumeClaim "data"');
    expect(issues[9].message).toContain('ServiceAccount "web-sa"');
  });

  test('references to objects of the same namespace pass, and so do optional ones and the default ServiceAccount', () => {
    const defined = (kind: string, name: string) => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'team' } });
    const set = inFile(
      referencing('team'),
      defined('ConfigMap', 'cfg'), defined('Secret', 'creds'), defined('Secret', 'more'), defined('ConfigMap', 'files'),
      defined('Secret', 'tls'), { ...pvc('data'), metadata: { name: 'data', namespace: 'team' } }, defined('ConfigMap', 'proj'),
      defined('Secret', 'proj-secret'), defined('Secret', 'registry'), defined('ServiceAccount', 'web-sa'),
    );
    expect(rule.check(set)).toEqual([]);
    const optional = deployment('opt', {
      spec: {
        serviceAccountName: 'default',
        containers: [container({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a', optional: true } } }], envFrom: [{ secretRef: { name: 's', optional: true } }] })],
        volumes: [{ name: 'v', secret: { secretName: 'x', optional: true } }],
      },
    });
    expect(rule.check(inFile(optional))).toEqual([]);
  });

  test('an object of the same name in another namespace does not count', () => {
    const issues = rule.check(inFile(
      deployment('web', { spec: { containers: [container({ envFrom: [{ configMapRef: { name: 'cfg' } }] })] } }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'other' } },
    ));
    expect(issues.map((i) => i.jsonPointer)).toEqual([`${T}/containers/0/envFrom/0/configMapRef/name`]);
  });
});
