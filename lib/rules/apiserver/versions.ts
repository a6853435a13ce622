/**
 * Target-version tests for checks whose feature gate changed its default within the supported versions: such a
 * check runs only from the minor on which the gate is on by default (undefined means the newest bundled
 * version, where all of them are on).
 */

/** True when `k8sVersion` ("1.36", "1.36.2") is `minor` ("1.36") or newer; an undefined target is the newest. */
export function atLeast(k8sVersion: string | undefined, minor: string): boolean {
  if (k8sVersion === undefined) return true;
  const m = /^v?(\d+)\.(\d+)/.exec(k8sVersion);
  const want = /^(\d+)\.(\d+)/.exec(minor);
  if (!m || !want) return true;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const [c, d] = [Number(want[1]), Number(want[2])];
  return a > c || (a === c && b >= d);
}
