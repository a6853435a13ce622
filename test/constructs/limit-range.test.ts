import { LimitRange } from '../../lib';
import { expectKubeforgeError, newChart, oneOfKind } from './util';

describe('LimitRange', () => {
  test('container, pod and PVC limits render one item per type', () => {
    const { app, chart } = newChart();
    new LimitRange(chart, 'limits', {
      container: { default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, min: { cpu: '50m' }, max: { cpu: '2', memory: '2Gi' }, maxLimitRequestRatio: { cpu: 10 } },
      pod: { max: { memory: '4Gi' } },
      persistentVolumeClaim: { min: { storage: '1Gi' }, max: { storage: '100Gi' } },
    });
    expect(oneOfKind(app, 'LimitRange').spec.limits).toEqual([
      { type: 'Container', max: { cpu: '2', memory: '2Gi' }, min: { cpu: '50m' }, default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, maxLimitRequestRatio: { cpu: 10 } },
      { type: 'Pod', max: { memory: '4Gi' } },
      { type: 'PersistentVolumeClaim', max: { storage: '100Gi' }, min: { storage: '1Gi' } },
    ]);
  });

  test('quantities compare by value (1Gi equals 1024Mi)', () => {
    const { app, chart } = newChart();
    new LimitRange(chart, 'l', { container: { default: { memory: '1Gi' }, max: { memory: '1024Mi' } } });
    expect(oneOfKind(app, 'LimitRange').spec.limits[0].default).toEqual({ memory: '1Gi' });
  });

  test('quantities compare exactly: 1150m equals 1.15, 1151m is above it; the ratio check follows the server', () => {
    const { chart } = newChart();
    expect(() => new LimitRange(chart, 'ok', { container: { min: { cpu: '1150m' }, defaultRequest: { cpu: '1.15' }, default: { cpu: '115e-2' }, max: { cpu: '1150000u' } } })).not.toThrow();
    expectKubeforgeError(() => new LimitRange(chart, 'bad', { container: { min: { cpu: '1151m' }, max: { cpu: '1.15' } } }), 'test/bad', 'container.min.cpu is greater than container.max.cpu');
    // max/min = 2 exactly: a ratio of 2 is allowed, 2001m is not.
    expect(() => new LimitRange(chart, 'r1', { container: { min: { cpu: '100m' }, max: { cpu: '0.2' }, maxLimitRequestRatio: { cpu: '2' } } })).not.toThrow();
    expectKubeforgeError(() => new LimitRange(chart, 'r2', { container: { min: { cpu: '100m' }, max: { cpu: '0.2' }, maxLimitRequestRatio: { cpu: '2001m' } } }), 'test/r2', 'max/min');
  });

  test('bounds out of order are rejected with both values', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new LimitRange(chart, 'a', { container: { min: { cpu: '1' }, max: { cpu: '500m' } } }), 'test/a', 'container.min.cpu is greater than container.max.cpu', '"500m"');
    expectKubeforgeError(() => new LimitRange(chart, 'b', { container: { default: { memory: '128Mi' }, defaultRequest: { memory: '256Mi' } } }), 'test/b', 'defaultRequest.memory is greater than container.default.memory');
    expectKubeforgeError(() => new LimitRange(chart, 'c', { container: { min: { cpu: '1' }, default: { cpu: '500m' } } }), 'test/c', 'min.cpu is greater than container.default.cpu');
    expectKubeforgeError(() => new LimitRange(chart, 'd', { container: { default: { cpu: '3' }, max: { cpu: '2' } } }), 'test/d', 'default.cpu is greater than container.max.cpu');
    expectKubeforgeError(() => new LimitRange(chart, 'e', { pod: { maxLimitRequestRatio: { cpu: '0.5' } } }), 'test/e', 'below 1');
    expectKubeforgeError(() => new LimitRange(chart, 'f', { container: { min: { cpu: '1' }, max: { cpu: '2' }, maxLimitRequestRatio: { cpu: 3 } } }), 'test/f', 'max/min', 'at most 2');
  });

  test('bad input: defaults for pods, unknown resources, bad quantities, empty PVC or range', () => {
    const { chart } = newChart();
    expectKubeforgeError(() => new LimitRange(chart, 'a', { pod: { default: { cpu: '1' } } as never }), 'test/a', 'do not exist for pods');
    expectKubeforgeError(() => new LimitRange(chart, 'b', { container: { max: { cpus: '1' } as never } }), 'test/b', '"cpus"');
    expectKubeforgeError(() => new LimitRange(chart, 'c', { container: { max: { memory: '1GB' as never } } }), 'test/c', '"1GB"', '1Gi');
    expectKubeforgeError(() => new LimitRange(chart, 'd', { persistentVolumeClaim: {} }), 'test/d', 'min or max storage');
    expectKubeforgeError(() => new LimitRange(chart, 'e'), 'test/e', 'no effect');
    // The API server: hugepages and extended resources cannot be overcommitted, so their default must equal defaultRequest.
    expectKubeforgeError(() => new LimitRange(chart, 'f', { container: { defaultRequest: { 'hugepages-2Mi': '2Mi' }, default: { 'hugepages-2Mi': '4Mi' } } }), 'test/f', 'cannot be overcommitted');
    expectKubeforgeError(() => new LimitRange(chart, 'g', { container: { defaultRequest: { 'nvidia.com/gpu': '1' }, default: { 'nvidia.com/gpu': '2' } } }), 'test/g', 'nvidia.com/gpu');
    expectKubeforgeError(() => new LimitRange(chart, 'i', { container: { defaultRequest: { 'hugepages-2Mi': '2Mi' }, max: { 'hugepages-2Mi': '4Mi' } } }), 'test/i', 'container.max.hugepages-2Mi (the default when none is given)');
    expect(() => new LimitRange(chart, 'h', { container: { defaultRequest: { 'nvidia.com/gpu': '1', cpu: '100m' }, default: { 'nvidia.com/gpu': '1', cpu: '1' } } })).not.toThrow();
    expect(() => new LimitRange(chart, 'j', { pod: { max: { 'hugepages-2Mi': '4Mi' } }, container: { defaultRequest: { 'hugepages-2Mi': '4Mi' }, max: { 'hugepages-2Mi': '4Mi' } } })).not.toThrow();
  });
});
