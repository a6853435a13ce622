/** The registry the cluster suite samples from: every generator builds apps that kubeforge finds no error in. */
import * as fc from 'fast-check';
import { VALID_APPS } from './valid-apps';

test.each(VALID_APPS.map((g) => [g.name, g] as const))('%s: seeded samples synthesize with no error finding and emit objects', (_name, g) => {
  for (const build of fc.sample(g.apps, { seed: g.seed, numRuns: 10 })) {
    const result = build().synthesize({ validate: true, yaml: false });
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => `[${i.ruleId}] ${i.message}`)).toEqual([]);
    expect(result.charts.flatMap((c) => c.objects).length).toBeGreaterThan(0);
  }
});
