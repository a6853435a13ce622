/** The shared set index: Service selection by several labels, and lookups where names repeat. */
import { hpaFixedReplicasRule, serviceSelectsNoPodRule, serviceTargetPortRule } from '../../../lib/rules/lint';
import { container, deployment, hpa, inFile, service } from './fixtures';

const withPorts = (ports: object[]) => ({ containers: [container({ ports })] });

describe('Service selection', () => {
  test('a template must carry every selected label, whichever label narrows the search', () => {
    const objects = inFile(
      deployment('one', { labels: { app: 'web' } }),
      deployment('two', { labels: { tier: 'front' } }),
      service('web', { app: 'web', tier: 'front' }),
    );
    const issues = serviceSelectsNoPodRule.check(objects);
    expect(issues.map((i) => [i.line, i.jsonPointer])).toEqual([[21, '/spec/selector']]);
    expect(issues[0].message).toContain('selects app=web, tier=front');
  });

  test('the twin: one template with both labels is selected', () => {
    const objects = inFile(
      deployment('one', { labels: { app: 'web', tier: 'front' } }),
      deployment('two', { labels: { tier: 'front' } }),
      service('web', { app: 'web', tier: 'front' }),
    );
    expect(serviceSelectsNoPodRule.check(objects)).toEqual([]);
  });

  test('only the templates the selector picks count for target ports, even when a broader label comes first', () => {
    const objects = inFile(
      deployment('a', { labels: { tier: 'front' }, spec: withPorts([{ name: 'http', containerPort: 80 }]) }),
      deployment('b', { labels: { tier: 'front' }, spec: withPorts([{ name: 'http', containerPort: 80 }]) }),
      deployment('c', { labels: { tier: 'front', app: 'c' }, spec: withPorts([{ name: 'admin', containerPort: 81 }]) }),
      service('c', { tier: 'front', app: 'c' }, [{ port: 80, targetPort: 'http' }]),
    );
    const issues = serviceTargetPortRule.check(objects);
    expect(issues.map((i) => [i.severity, i.line])).toEqual([['error', 31]]);
    expect(issues[0].message).toContain('the selected Deployment "c" declare container ports admin=81/TCP');
    const fixed = inFile(...objects.map((o) => o.json).slice(0, 3), service('c', { tier: 'front', app: 'c' }, [{ port: 81, targetPort: 'admin' }]));
    expect(serviceTargetPortRule.check(fixed)).toEqual([]);
  });

  test('labels named like Object members are plain labels', () => {
    const objects = inFile(deployment('p', { labels: { constructor: 'x' } }), service('p', { constructor: 'x' }), service('q', { toString: 'y' }));
    expect(serviceSelectsNoPodRule.check(objects).map((i) => i.line)).toEqual([21]);
  });
});

describe('lookups by kind, namespace and name', () => {
  test('of two workloads with one name, the first is the HPA target', () => {
    const objects = inFile(deployment('web', { replicas: 3 }), deployment('web'), hpa('web', { kind: 'Deployment', name: 'web' }));
    expect(hpaFixedReplicasRule.check(objects).map((i) => [i.line, i.jsonPointer])).toEqual([[1, '/spec/replicas']]);
    const swapped = inFile(deployment('web'), deployment('web', { replicas: 3 }), hpa('web', { kind: 'Deployment', name: 'web' }));
    expect(hpaFixedReplicasRule.check(swapped)).toEqual([]);
  });

  test('a same-named object of another kind or namespace is not the target', () => {
    const objects = inFile(deployment('web', { replicas: 3, namespace: 'other' }), { ...deployment('web', { replicas: 3 }), kind: 'StatefulSet' },
      hpa('web', { kind: 'Deployment', name: 'web' }));
    expect(hpaFixedReplicasRule.check(objects)).toEqual([]);
  });
});
