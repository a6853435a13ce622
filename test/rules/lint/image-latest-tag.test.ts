import { imageLatestTagRule as rule, } from '../../../lib/rules/lint';
import { imageTag } from '../../../lib/rules/lint/image-latest-tag';
import { container, deployment, expectWellFormed, pod } from './fixtures';

describe('image-latest-tag', () => {
  test('an untagged image and a :latest image are warnings at the image field', () => {
    const obj = deployment('web', { spec: { initContainers: [container({ name: 'init', image: 'busybox' })], containers: [container({ image: 'nginx:latest' })] } });
    const issues = rule.check(obj, 'chart/web');
    expectWellFormed(issues, 'image-latest-tag');
    expect(issues.map((i) => [i.severity, i.constructPath, i.jsonPointer])).toEqual([
      ['warning', 'chart/web', '/spec/template/spec/initContainers/0/image'],
      ['warning', 'chart/web', '/spec/template/spec/containers/0/image'],
    ]);
    expect(issues[0].message).toContain('"busybox" with no tag');
    expect(issues[1].message).toContain('"nginx:latest" tagged :latest');
    expect(issues[1].fix).toContain('nginx:1.2.3');
  });

  test('version tags, digests and a registry port with a tag pass', () => {
    for (const image of ['nginx:1.27', 'nginx@sha256:0123abcd', 'registry.local:5000/team/app:2.1', 'nginx:latest@sha256:0123abcd']) {
      expect(rule.check(pod('p', { containers: [container({ image })] }), 'p')).toEqual([]);
    }
  });

  test('a registry port is not a tag', () => {
    expect(imageTag('registry.local:5000/app')).toBe('');
    expect(imageTag('registry.local:5000/app:1.0')).toBe('1.0');
    expect(imageTag('app@sha256:00')).toBeUndefined();
  });
});
