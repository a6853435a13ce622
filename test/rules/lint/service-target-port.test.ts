import { serviceTargetPortRule as rule } from '../../../lib/rules/lint';
import { container, deployment, expectWellFormed, inFile, service } from './fixtures';

describe('service-target-port', () => {
  test('a target port name no selected container has is an error; an undeclared number is a warning', () => {
    const issues = rule.check(inFile(
      deployment('web'),
      service('web', { app: 'web' }, [{ name: 'a', port: 80, targetPort: 'metrics' }, { name: 'b', port: 81, targetPort: 9090 }, { name: 'c', port: 8081 }]),
    ));
    expectWellFormed(issues, 'service-target-port');
    expect(issues.map((i) => [i.severity, i.line, i.jsonPointer])).toEqual([
      ['error', 11, '/spec/ports/0/targetPort'],
      ['warning', 11, '/spec/ports/1/targetPort'],
      ['warning', 11, '/spec/ports/2/port'],
    ]);
    expect(issues[0].message).toContain('port name "metrics"/TCP');
    expect(issues[0].message).toContain('Deployment "web" declare container ports http=8080/TCP');
    expect(issues[1].message).toContain('targets 9090/TCP');
  });

  test('a name with the wrong protocol does not count', () => {
    const d = deployment('dns', { spec: { containers: [container({ ports: [{ name: 'dns', containerPort: 53, protocol: 'TCP' }] })] } });
    const issues = rule.check(inFile(d, service('dns', { app: 'dns' }, [{ port: 53, protocol: 'UDP', targetPort: 'dns' }])));
    expect(issues.map((i) => i.severity)).toEqual(['error']);
  });

  test('named and numbered targets that a selected container declares pass; unselected services are skipped', () => {
    const issues = rule.check(inFile(
      deployment('web'),
      service('web', { app: 'web' }, [{ port: 80, targetPort: 'http' }, { port: 8080 }, { port: 81, targetPort: 8080 }]),
      service('nothing', { app: 'none' }, [{ port: 80, targetPort: 'missing' }]),
    ));
    expect(issues).toEqual([]);
  });
});
