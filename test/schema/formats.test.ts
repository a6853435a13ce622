import * as fc from 'fast-check';
import { checkSchema } from '../../lib/schema';
import { isQuantity } from '../../lib/util/quantity';
import { deployment, secret, service } from './fixtures';

const V = '1.37';
const container = (d: Record<string, any>) => d.spec.template.spec.containers[0];

describe('int-or-string', () => {
  test.each([8080, 'http'])('targetPort %p passes', (port) => {
    const s = service();
    s.spec.ports[0].targetPort = port;
    expect(checkSchema(s, 'p', V)).toEqual([]);
  });

  test.each([8.5, true, { port: 1 }])('targetPort %p is neither an integer nor a string', (port) => {
    const s = service();
    s.spec.ports[0].targetPort = port;
    const [i] = checkSchema(s, 'p', V);
    expect(i).toMatchObject({ ruleId: 'schema', jsonPointer: '/spec/ports/0/targetPort' });
    expect(i.message).toContain('must be an integer or a string');
  });
});

describe('quantity', () => {
  test.each(['100m', '0.5', 2, '1Gi', '1e3'])('cpu %p passes', (q) => {
    const d = deployment();
    container(d).resources.requests.cpu = q;
    expect(checkSchema(d, 'p', V)).toEqual([]);
  });

  test('512MB is not a quantity; the fix proposes 512Mi', () => {
    const d = deployment();
    container(d).resources.requests.memory = '512MB';
    const [i] = checkSchema(d, 'p', V);
    expect(i).toMatchObject({ ruleId: 'schema', jsonPointer: '/spec/template/spec/containers/0/resources/requests/memory' });
    expect(i.message).toContain('"512MB"');
    expect(i.fix).toContain('"512Mi"');
  });

  test('property: every value isQuantity accepts passes, and every other string fails', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{1,4}(\.[0-9]{1,2})?(m|Mi|Gi|k|M)?$/)), (q) => {
        const d = deployment();
        container(d).resources.requests.cpu = q;
        expect(checkSchema(d, 'p', V).length === 0).toBe(isQuantity(q));
      }),
    );
  });
});

describe('enum', () => {
  test('imagePullPolicy must be one of the values the API server accepts', () => {
    const d = deployment();
    container(d).imagePullPolicy = 'always';
    const [i] = checkSchema(d, 'p', V);
    expect(i).toMatchObject({ ruleId: 'schema', jsonPointer: '/spec/template/spec/containers/0/imagePullPolicy' });
    expect(i.message).toContain('"always"');
    expect(i.message).toContain('Always, IfNotPresent, Never');
  });

  test.each(['Always', 'IfNotPresent', 'Never'])('imagePullPolicy %s passes', (p) => {
    const d = deployment();
    container(d).imagePullPolicy = p;
    expect(checkSchema(d, 'p', V)).toEqual([]);
  });

  test('enums hold on list items too: PVC access modes', () => {
    const pvc = (mode: string) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: [mode], resources: { requests: { storage: '1Gi' } } },
    });
    expect(checkSchema(pvc('ReadWriteOnce'), 'p', V)).toEqual([]);
    expect(checkSchema(pvc('RWO'), 'p', V).map((i) => i.jsonPointer)).toEqual(['/spec/accessModes/0']);
  });
});

describe('byte (base64)', () => {
  test('Secret data must be base64; the fix points to stringData', () => {
    const s = secret();
    s.data.password = 'password!';
    const [i] = checkSchema(s, 'p', V);
    expect(i).toMatchObject({ ruleId: 'schema', jsonPointer: '/data/password' });
    expect(i.message).toContain('base64');
    expect(i.fix).toContain('stringData');
  });

  test('base64 data and plain stringData pass', () => {
    const s = secret();
    s.stringData = { user: 'plain text!' };
    expect(checkSchema(s, 'p', V)).toEqual([]);
  });

  test('property: any base64-encoded bytes pass', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        const s = secret();
        s.data.password = Buffer.from(bytes).toString('base64');
        expect(checkSchema(s, 'p', V)).toEqual([]);
      }),
    );
  });
});

describe('date-time', () => {
  test('an RFC 3339 timestamp passes; a date without time does not', () => {
    const d = deployment();
    d.metadata.creationTimestamp = '2024-05-01T12:00:00Z';
    expect(checkSchema(d, 'p', V)).toEqual([]);
    d.metadata.creationTimestamp = '2024-05-01';
    expect(checkSchema(d, 'p', V).map((i) => i.jsonPointer)).toEqual(['/metadata/creationTimestamp']);
  });
});
