import { Construct } from 'constructs';
import { App, Chart, ConfigMap, Deployment, LABEL_COMPONENT, LABEL_INSTANCE, LABEL_MANAGED_BY, LABEL_NAME, LABEL_PART_OF, LABEL_VERSION } from '../../lib';

function render(app: App) {
  return app.synthesize().charts.flatMap((c) => c.objects.map((o) => o.json));
}

describe('standard labels', () => {
  test('derived from the tree: part-of chart, name root, version image tag, managed-by', () => {
    const app = new App();
    const chart = new Chart(app, 'shop');
    new Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27.3' }] });
    const d = render(app)[0];
    expect(d.metadata.labels).toEqual({
      [LABEL_NAME]: 'web',
      [LABEL_INSTANCE]: 'shop-web',
      [LABEL_VERSION]: '1.27.3',
      [LABEL_PART_OF]: 'shop',
      [LABEL_MANAGED_BY]: 'kubeforge',
    });
  });

  test('a grouping construct gives name; the object id inside it gives component', () => {
    const app = new App();
    const chart = new Chart(app, 'shop', { partOf: 'webshop' });
    const db = new Construct(chart, 'mysql');
    new ConfigMap(db, 'settings');
    const cm = render(app)[0];
    expect(cm.metadata.labels[LABEL_NAME]).toBe('mysql');
    expect(cm.metadata.labels[LABEL_COMPONENT]).toBe('settings');
    expect(cm.metadata.labels[LABEL_PART_OF]).toBe('webshop');
    expect(cm.metadata.labels[LABEL_INSTANCE]).toBe('webshop-mysql');
  });

  test('user labels win over derived ones, except on the selector', () => {
    const app = new App();
    const chart = new Chart(app, 'shop');
    new Deployment(chart, 'web', { labels: { [LABEL_VERSION]: 'v2' }, podLabels: { [LABEL_NAME]: 'hijack' }, containers: [{ image: 'nginx:1.27' }] });
    const d = render(app)[0];
    expect(d.metadata.labels[LABEL_VERSION]).toBe('v2');
    // the selector labels are applied last on the template, so they always match
    expect(d.spec.template.metadata.labels[LABEL_NAME]).toBe('web');
    expect(d.spec.selector.matchLabels[LABEL_NAME]).toBe('web');
  });

  test('an image without a tag gives no version label', () => {
    const app = new App();
    new Deployment(new Chart(app, 'c'), 'web', { containers: [{ image: 'nginx' }] });
    expect(render(app)[0].metadata.labels[LABEL_VERSION]).toBeUndefined();
  });

  test('two workloads under one component never share a selector', () => {
    const app = new App();
    const g = new Construct(new Chart(app, 'c'), 'shop');
    new Deployment(g, 'web', { containers: [{ image: 'nginx:1.27' }] });
    new Deployment(g, 'worker', { containers: [{ image: 'nginx:1.27' }] });
    const [a, b] = render(app);
    expect(a.spec.selector.matchLabels).not.toEqual(b.spec.selector.matchLabels);
  });

  test('the selector does not contain the version, so an image update keeps it', () => {
    const sel = (image: string) => {
      const app = new App();
      new Deployment(new Chart(app, 'c'), 'web', { containers: [{ image }] });
      return render(app)[0].spec.selector;
    };
    expect(sel('nginx:1.27')).toEqual(sel('nginx:1.28'));
  });
});
