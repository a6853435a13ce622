import { containerResourcesRule as rule } from '../../../lib/rules/apiserver/container-resources';
import { Obj, broken, expectOne, fixtures, podOf, run } from './fixtures';

const withResources = (resources: unknown, base: Obj = fixtures.pod()) => broken(base, (o) => void (podOf(o).containers[0].resources = resources));
const R = '/spec/containers/0/resources';

describe('container-resources', () => {
  test.each(Object.entries(fixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['a request above its limit', withResources({ requests: { memory: '1Gi' }, limits: { memory: '512Mi' } }), `${R}/requests/memory`, ['"1Gi"', 'more than its limit "512Mi"']],
    ['a quantity that does not parse', withResources({ requests: { memory: '512MB' } }), `${R}/requests/memory`, ['"512MB"', 'not a valid quantity']],
    ['a negative quantity', withResources({ limits: { cpu: '-1' } }), `${R}/limits/cpu`, ['"-1"', 'greater than or equal to 0']],
    ['an unknown native resource', withResources({ requests: { storage: '1Gi' } }), `${R}/requests/storage`, ['["storage"]', 'not a resource the API server knows']],
    ['an extended resource request without a limit', withResources({ requests: { 'nvidia.com/gpu': 1 } }), `${R}/limits/nvidia.com~1gpu`, ['cannot be overcommitted', 'no limit']],
    ['an extended resource request unlike its limit', withResources({ requests: { 'nvidia.com/gpu': 1 }, limits: { 'nvidia.com/gpu': 2 } }), `${R}/requests/nvidia.com~1gpu`, ['must be equal']],
    ['a fractional extended resource', withResources({ limits: { 'nvidia.com/gpu': '0.5' } }), `${R}/limits/nvidia.com~1gpu`, ['whole numbers']],
    ['hugepages that are not a whole number of pages', withResources({ limits: { memory: '1Gi', 'hugepages-2Mi': '3Mi' } }), `${R}/limits/hugepages-2Mi`, ['"3Mi"', 'whole multiple of the page size 2Mi']],
    ['hugepages with an invalid page size', withResources({ limits: { memory: '1Gi', 'hugepages-big': '2Mi' } }), `${R}/limits/hugepages-big`, ['not a valid page size']],
    ['hugepages without cpu or memory', withResources({ requests: { 'hugepages-2Mi': '64Mi' }, limits: { 'hugepages-2Mi': '64Mi' } }), R, ['hugepages without a cpu or memory']],
    ['resources that are not an object', withResources('small'), R, ['must be an object']],
    ['a cpu request 1m above its limit written in cores (1151m > 1.15)', withResources({ requests: { cpu: '1151m' }, limits: { cpu: '1.15' } }), `${R}/requests/cpu`, ['"1151m"', 'more than its limit "1.15"']],
    ['a request above its limit by one byte (0.5Gi > 536870911)', withResources({ requests: { memory: '0.5Gi' }, limits: { memory: '536870911' } }), `${R}/requests/memory`, ['more than its limit']],
    ['an extended resource of 1n (rounded up, not a whole number)', withResources({ limits: { 'nvidia.com/gpu': '0.1n' } }), `${R}/limits/nvidia.com~1gpu`, ['whole numbers']],
    ['a request that rounds up above its limit (1001001u is 1002m)', withResources({ requests: { cpu: '1001001u' }, limits: { cpu: '1001m' } }), `${R}/requests/cpu`, ['more than its limit']],
    ['a request in a Deployment template', withResources({ requests: { cpu: '2' }, limits: { cpu: '1' } }, fixtures.deployment()), '/spec/template/spec/containers/0/resources/requests/cpu', ['more than its limit']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['1Gi request with a 1024Mi limit (compared by value)', withResources({ requests: { memory: '1Gi' }, limits: { memory: '1024Mi' } })],
    ['a 1150m cpu request with a 1.15 limit (equal, not above)', withResources({ requests: { cpu: '1150m' }, limits: { cpu: '1.15' } })],
    ['a request equal to its limit past float precision (9007199254740993m)', withResources({ requests: { cpu: '9007199254740993m' }, limits: { cpu: '9007199254740.993' } })],
    ['an extended resource spelled 2e0 with a 2000m limit', withResources({ requests: { 'nvidia.com/gpu': '2e0' }, limits: { 'nvidia.com/gpu': '2000m' } })],
    ['a request above its limit by less than 1m (the server rounds both up to 1001m)', withResources({ requests: { cpu: '1000002u' }, limits: { cpu: '1000001u' } })],
    ['a GPU set as a limit only', withResources({ limits: { 'nvidia.com/gpu': 2, memory: '16Gi' }, requests: { cpu: 4 } })],
    ['hugepages of 1Gi pages', withResources({ limits: { memory: '1Gi', 'hugepages-1Gi': '2Gi' } })],
    ['hugepages with memory', withResources({ requests: { memory: '1Gi', 'hugepages-2Mi': '64Mi' }, limits: { memory: '1Gi', 'hugepages-2Mi': '64Mi' } })],
    ['a plain number of cores and ephemeral storage', withResources({ requests: { cpu: 0.5, 'ephemeral-storage': '2Gi' } })],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
