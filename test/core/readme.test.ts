/** The README's rule table is the user's reference: it must list every rule the engine runs, with its default. */
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../lib/rules';

const README = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

test.each(ALL_RULES.map((r) => [r.id, r] as const))('the README documents rule %s with its kind and default severity', (id, r) => {
  expect(README).toContain(`| \`${id}\` | ${r.category} | ${r.defaultSeverity} |`);
});

test('the README documents no rule that does not exist', () => {
  const documented = [...README.matchAll(/^\| `([a-z0-9-]+)` \| (?:schema|apiserver|lint) \|/gm)].map((m) => m[1]);
  expect(documented.sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
});
