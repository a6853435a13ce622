import { hpaNoRequestsRule as rule } from '../../../lib/rules/lint';
import { container, deployment, expectWellFormed, hpa, inFile } from './fixtures';

const noCpu = container({ resources: { requests: { memory: '128Mi' } } });

describe('hpa-no-requests', () => {
  test('a cpu Utilization metric on a target whose container lacks a cpu request is an error at that container', () => {
    const issues = rule.check(inFile(deployment('web', { spec: { containers: [container(), noCpu] } }), hpa('web', { kind: 'Deployment', name: 'web' })));
    expectWellFormed(issues, 'hpa-no-requests');
    expect(issues.map((i) => [i.severity, i.line, i.jsonPointer])).toEqual([['error', 1, '/spec/template/spec/containers/1/resources/requests']]);
    expect(issues[0].message).toContain('has no cpu request');
    expect(issues[0].message).toContain('HorizontalPodAutoscaler "web" scales on a cpu Utilization metric');
    expect(issues[0].message).toContain('missing request for cpu');
  });

  test('no metrics means 80% CPU; autoscaling/v1 scales on CPU too', () => {
    const target = deployment('web', { spec: { containers: [noCpu] } });
    const v2 = rule.check(inFile(target, hpa('h', { kind: 'Deployment', name: 'web' }, { metrics: undefined })));
    expect(v2[0].message).toContain('no metrics (the default: 80% CPU utilization)');
    const v1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, targetCPUUtilizationPercentage: 60 } };
    expect(rule.check(inFile(target, v1))[0].message).toContain('targetCPUUtilizationPercentage 60');
  });

  test('requests (or limits), AverageValue targets, another container of a ContainerResource metric, or a LimitRange default pass', () => {
    const withLimit = container({ resources: { limits: { cpu: '1', memory: '1Gi' } } });
    expect(rule.check(inFile(deployment('web', { spec: { containers: [container(), withLimit] } }), hpa('h', { kind: 'Deployment', name: 'web' })))).toEqual([]);
    const target = deployment('web', { spec: { containers: [container({ name: 'main' }), { ...noCpu, name: 'side' }] } });
    const avg = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '500m' } } }];
    expect(rule.check(inFile(target, hpa('h', { kind: 'Deployment', name: 'web' }, { metrics: avg })))).toEqual([]);
    const perContainer = [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'main', target: { type: 'Utilization', averageUtilization: 50 } } }];
    expect(rule.check(inFile(target, hpa('h', { kind: 'Deployment', name: 'web' }, { metrics: perContainer })))).toEqual([]);
    const limitRange = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m' } }] } };
    expect(rule.check(inFile(target, limitRange, hpa('h', { kind: 'Deployment', name: 'web' })))).toEqual([]);
  });
});
