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
