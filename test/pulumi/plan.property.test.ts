/**
 * Property test of the deployment plan over random apps (services across charts and namespaces, random construct
 * dependencies): the plan holds exactly the objects synth renders, names are unique, every dependency is
 * registered before its dependents, and construct and namespace dependencies are all in the graph.
 */
import * as fc from 'fast-check';
import { Construct } from 'constructs';
import { App, Chart, ConfigMap, Deployment, Namespace } from '../../lib';
import { addMicroservice } from '../../bench/kubeforge-app';
import { planDeployment } from '../../lib/pulumi/plan';

const arbApp = fc.record({
  charts: fc.integer({ min: 1, max: 3 }),
  services: fc.array(
    fc.record({ chart: fc.nat(2), namespaced: fc.boolean(), kind: fc.constantFrom('micro', 'config', 'web'), dependsOn: fc.option(fc.nat(20), { nil: undefined }) }),
    { minLength: 1, maxLength: 8 },
  ),
});

test('the plan is the rendered set, in an order where every dependency comes first', () => {
  fc.assert(
    fc.property(arbApp, ({ charts, services }) => {
      const app = new App();
      const infra = new Chart(app, 'infra');
      const ns = new Namespace(infra, 'shop', { name: 'shop' });
      const chartList = Array.from({ length: charts }, (_, i) => new Chart(app, `c${i}`));
      const scopes: Construct[] = [];
      services.forEach((s, i) => {
        const chart = chartList[s.chart % charts];
        const scope = new Construct(chart, `s${i}`);
        if (s.kind === 'micro') addMicroservice(scope, i);
        else if (s.kind === 'config') new ConfigMap(scope, 'cm', { data: { k: String(i) }, namespace: s.namespaced ? ns : undefined });
        else new Deployment(scope, 'web', { containers: [{ image: 'nginx:1.27' }], namespace: s.namespaced ? ns : undefined });
        // Only on earlier services: construct dependencies stay acyclic.
        if (s.dependsOn !== undefined && i > 0) scope.node.addDependency(scopes[s.dependsOn % i]);
        scopes.push(scope);
      });

      const rendered = app.synthesize({ validate: false, yaml: false }).charts.flatMap((c) => c.objects);
      const plan = planDeployment(app, { validate: false });
      expect(new Set(plan.objects.map((o) => o.json))).toEqual(new Set(rendered.map((o) => o.json)));
      expect(new Set(plan.objects.map((o) => o.resourceName)).size).toBe(plan.objects.length);

      const position = new Map(plan.objects.map((o, i) => [o.path, i]));
      for (const o of plan.objects) {
        for (const d of o.dependsOn) expect(position.get(d)!).toBeLessThan(position.get(o.path)!);
        if (o.json.metadata.namespace === 'shop') expect(o.dependsOn).toContain('infra/shop');
        for (const dep of o.construct.node.dependencies) {
          for (const target of dep.node.findAll()) if (position.has(target.node.path)) expect(o.dependsOn).toContain(target.node.path);
        }
      }
      // A dependency on a scope is inherited by the objects below it.
      services.forEach((s, i) => {
        if (s.dependsOn === undefined || i === 0) return;
        const target = scopes[s.dependsOn % i];
        const targets = target.node.findAll().map((c) => c.node.path).filter((p) => position.has(p));
        // Objects created inside another object (Service, HPA) are below the scope too.
        for (const o of plan.objects.filter((x) => x.path.startsWith(`${scopes[i].node.path}/`))) {
          for (const t of targets) expect(o.dependsOn).toContain(t);
        }
      });
    }),
    { seed: 60501, numRuns: 60 },
  );
});
