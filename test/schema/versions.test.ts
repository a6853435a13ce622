import { getVersionData } from '../../lib/schema/data';
import { DEFAULT_K8S_VERSION, K8S_VERSIONS, resolveK8sVersion } from '../../lib/schema';
import { KubeforgeError } from '../../lib/util/errors';

describe('bundled versions', () => {
  test('every minor from 1.30 to 1.37, ascending; the newest is the default', () => {
    expect(K8S_VERSIONS).toEqual(['1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37']);
    expect(DEFAULT_K8S_VERSION).toBe('1.37');
  });
});

describe('resolveK8sVersion', () => {
  test.each([
    ['1.36', '1.36'],
    ['v1.36', '1.36'],
    ['1.36.3', '1.36'],
    ['v1.36.3', '1.36'],
    [undefined, '1.37'],
  ])('%p -> %p', (input, minor) => {
    expect(resolveK8sVersion(input)).toBe(minor);
  });

  test.each(['1.29', '1.38', 'latest', '136', ''])('%p throws a k8s-version error naming the allowed versions', (input) => {
    let err: unknown;
    try {
      resolveK8sVersion(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KubeforgeError);
    const k = err as KubeforgeError;
    expect(k.details.ruleId).toBe('k8s-version');
    expect(k.message).toContain(JSON.stringify(input));
    expect(k.message).toContain('1.30, 1.31, 1.32, 1.33, 1.34, 1.35, 1.36, 1.37');
  });
});

describe('server-side apply list semantics in the bundled data', () => {
  const core = 'io.k8s.api.core.v1.';
  test.each(K8S_VERSIONS.map((v) => [v]))('%s keeps list types, map keys and the defaults of key fields', (v) => {
    const { defs } = getVersionData(v);
    const ports = defs[`${core}Container`].properties?.ports;
    expect(ports).toMatchObject({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'] });
    expect(defs[`${core}ContainerPort`].properties?.protocol?.default).toBe('TCP');
    expect(defs[`${core}Container`].properties?.env).toMatchObject({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] });
    expect(defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties?.finalizers?.['x-kubernetes-list-type']).toBe('set');
    // Atomic is the default and is not stored; neither are defaults of fields that are not list-map keys.
    expect(defs[`${core}Container`].properties?.args?.['x-kubernetes-list-type']).toBeUndefined();
    expect(defs[`${core}Container`].properties?.imagePullPolicy?.default).toBeUndefined();
  });

  test('each minor names the full release its data came from', () => {
    expect(K8S_VERSIONS.map((v) => getVersionData(v).version.split('.').slice(0, 2).join('.'))).toEqual([...K8S_VERSIONS]);
  });
});
