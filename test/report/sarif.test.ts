import { artifactUri, formatReportSarif, SARIF_SCHEMA } from '../../lib/report/sarif';
import { CLEAN, ERROR, REPORT } from './fixture';

const OPTS = { cwd: '/repo', toolVersion: '1.2.3', informationUri: 'https://example.com/kubeforge' };

describe('SARIF report', () => {
  const sarif = JSON.parse(formatReportSarif(REPORT, OPTS));
  const run = sarif.runs[0];

  test('has the 2.1.0 envelope and the tool driver GitHub code scanning requires', () => {
    expect(sarif.$schema).toBe(SARIF_SCHEMA);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'kubeforge', version: '1.2.3', informationUri: 'https://example.com/kubeforge' });
  });

  test('lists every rule with a description, a default level and help', () => {
    expect(run.tool.driver.rules.map((r: any) => [r.id, r.defaultConfiguration.level])).toEqual([
      ['containers', 'error'],
      ['object-metadata', 'error'],
      ['image-latest-tag', 'warning'],
      ['parse', 'error'],
    ]);
    for (const r of run.tool.driver.rules) {
      expect(r.shortDescription.text).toEqual(expect.any(String));
      expect(r.help.text).toContain(r.id);
    }
  });

  test('results carry ruleId, ruleIndex, level, the message with its fix, a relative URI and the start line', () => {
    expect(run.results).toHaveLength(3);
    const [warning, error, parse] = run.results;
    expect(error).toMatchObject({ ruleId: 'containers', ruleIndex: 0, level: 'error' });
    expect(error.message.text).toBe(`${ERROR.message}. Fix: ${ERROR.fix}`);
    expect(error.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'k8s/web.yaml' }, region: { startLine: 12 } });
    expect(error.locations[0].logicalLocations[0].fullyQualifiedName).toBe(ERROR.jsonPointer);
    expect(warning).toMatchObject({ ruleId: 'object-metadata', ruleIndex: 1, level: 'warning' });
    expect(parse.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 7 });
  });

  test('a result from a rule the engine does not list still gets rule metadata', () => {
    const r = { ...CLEAN, files: [{ file: 'x.yaml', cases: [], issues: [{ ruleId: 'construct', severity: 'error' as const, message: 'm', file: 'x.yaml', line: 1 }] }] };
    const out = JSON.parse(formatReportSarif(r, OPTS)).runs[0];
    expect(out.tool.driver.rules[out.results[0].ruleIndex].id).toBe('construct');
  });

  test('a clean run has an empty results array', () => {
    expect(JSON.parse(formatReportSarif(CLEAN, OPTS)).runs[0].results).toEqual([]);
  });
});

describe('artifactUri', () => {
  test('is relative to cwd, with / and percent-encoding; a file URI outside cwd; "stdin" for stdin', () => {
    expect(artifactUri('k8s/web.yaml', '/repo')).toBe('k8s/web.yaml');
    expect(artifactUri('/repo/k8s/my app#1.yaml', '/repo')).toBe('k8s/my%20app%231.yaml');
    expect(artifactUri('../other/a.yaml', '/repo/sub')).toBe('file:///repo/other/a.yaml');
    expect(artifactUri('<stdin>', '/repo')).toBe('stdin');
  });
});
