/**
 * The lifecycle data against a live API server: every kind of the bundled spec of the server's minor is served
 * (discovery lists it) exactly when lib/schema/lifecycle.ts says a stock server serves it, and a deprecated kind
 * gets the deprecation warning word for word. Valid for a cluster started with the default --runtime-config and
 * --feature-gates (scripts/cluster/up.sh).
 */
import { getVersionData } from '../../lib/schema/data';
import { apiLifecycle, deprecationWarning, servedByDefault } from '../../lib/schema/lifecycle';
import { kubectl, kubectlOk } from './kube';

interface ApiResource { readonly name: string; readonly kind: string }

function resources(path: string): ApiResource[] {
  return (JSON.parse(kubectlOk(['get', '--raw', path])).resources as ApiResource[]).filter((r) => !r.name.includes('/'));
}

function servedKinds(): Set<string> {
  const served = new Set(resources('/api/v1').map((r) => `v1/${r.kind}`));
  const groups = JSON.parse(kubectlOk(['get', '--raw', '/apis'])).groups as { versions: { groupVersion: string }[] }[];
  for (const g of groups) for (const v of g.versions) for (const r of resources(`/apis/${v.groupVersion}`)) served.add(`${v.groupVersion}/${r.kind}`);
  return served;
}

describe('what a stock API server serves', () => {
  const version = JSON.parse(kubectlOk(['version', '-o', 'json'])).serverVersion as { major: string; minor: string };
  const minor = `${version.major}.${version.minor.replace(/\D.*$/, '')}`;

  test('discovery agrees with servedByDefault for every kind of the bundled spec (subresource kinds aside)', () => {
    const served = servedKinds();
    // Kinds that exist only as subresources (pods/eviction, deployments/scale, serviceaccounts/token) are not listed.
    const subresourceKinds = new Set(['policy/v1/Eviction', 'autoscaling/v1/Scale', 'authentication.k8s.io/v1/TokenRequest']);
    const disagree: string[] = [];
    for (const key of Object.keys(getVersionData(minor).kinds)) {
      if (subresourceKinds.has(key)) continue;
      const slash = key.lastIndexOf('/');
      const ours = servedByDefault(key.slice(0, slash), minor, key.slice(slash + 1));
      if (ours !== served.has(key)) disagree.push(`${key}: lifecycle says ${ours ? 'served' : 'not served'}, the server ${served.has(key) ? 'serves it' : 'does not'}`);
    }
    expect(disagree).toEqual([]);
  });

  test('a deprecated kind gets the warning deprecationWarning() predicts', () => {
    // v1 Endpoints: deprecated from 1.33 (before that, the server must not warn).
    const l = apiLifecycle('v1', 'Endpoints', minor);
    const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kf-lifecycle-warning', namespace: 'default' } });
    const r = kubectl(['apply', '--server-side', '--dry-run=server', '--field-manager=kubeforge-test', '-f', '-'], manifest);
    expect(r.code).toBe(0);
    if (l?.deprecated) expect(r.stderr).toContain(`Warning: ${deprecationWarning('v1', 'Endpoints', l)}`);
    else expect(r.stderr).not.toContain('is deprecated');
  });
});
