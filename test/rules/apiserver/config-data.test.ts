import { MAX_DATA_SIZE, configDataRule as rule } from '../../../lib/rules/apiserver/config-data';
import { Obj, broken, expectOne, run } from './fixtures';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const configMap = (): Obj => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { 'app.properties': 'a=1', '.hidden': 'x' }, binaryData: { 'logo.png': b64('png') } });
const secret = (type: string, stringData: Obj = {}, data: Obj = {}): Obj => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type, data, stringData });

describe('config-data', () => {
  const cases: Array<[string, Obj, string, string[]]> = [
    ['a ConfigMap key with "/"', broken(configMap(), (o) => void (o.data['conf/app'] = 'x')), '/data/conf~1app', ['"conf/app"']],
    ['a ConfigMap key starting with ".."', broken(configMap(), (o) => void (o.data['..data'] = 'x')), '/data/..data', ['not starting with ".."']],
    ['a binaryData key with a space', broken(configMap(), (o) => void (o.binaryData['my logo'] = b64('x'))), '/binaryData/my logo', ['binaryData key "my logo"']],
    ['a key in both data and binaryData', broken(configMap(), (o) => void (o.binaryData['app.properties'] = b64('x'))), '/data/app.properties', ['both data and binaryData']],
    ['a ConfigMap over 1 MiB', broken(configMap(), (o) => void (o.data.big = 'x'.repeat(MAX_DATA_SIZE))), '', ['1 MiB']],
    ['a Secret stringData key with a space', secret('Opaque', { 'db password': 'x' }), '/stringData/db password', ['"db password"']],
    ['a Secret over 1 MiB once decoded', secret('Opaque', {}, { big: b64('x'.repeat(MAX_DATA_SIZE + 1)) }), '/data', [`${MAX_DATA_SIZE + 1} bytes`]],
    ['a service-account-token Secret without its annotation', secret('kubernetes.io/service-account-token'), '/metadata/annotations/kubernetes.io~1service-account.name', ['service-account.name']],
    ['a dockerconfigjson Secret without .dockerconfigjson', secret('kubernetes.io/dockerconfigjson', { 'config.json': '{}' }), '/data/.dockerconfigjson', ['needs data key ".dockerconfigjson"']],
    ['a dockerconfigjson Secret with broken JSON', secret('kubernetes.io/dockerconfigjson', { '.dockerconfigjson': '{auths' }), '/stringData/.dockerconfigjson', ['not valid JSON']],
    ['a dockercfg Secret holding a JSON array (base64 in data)', secret('kubernetes.io/dockercfg', {}, { '.dockercfg': b64('[1]') }), '/data/.dockercfg', ['an array, not an object']],
    ['a basic-auth Secret without username and password', secret('kubernetes.io/basic-auth', { user: 'x' }), '/data', ['"username" or a "password"']],
    ['an ssh-auth Secret with an empty key', secret('kubernetes.io/ssh-auth', { 'ssh-privatekey': '' }), '/stringData/ssh-privatekey', ['non-empty']],
    ['a tls Secret without tls.key', secret('kubernetes.io/tls', { 'tls.crt': 'c' }), '/data/tls.key', ['"tls.key"']],
  ];
  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a ConfigMap with distinct data and binaryData keys', configMap()],
    ['a ConfigMap of exactly 1 MiB', { ...configMap(), data: { big: 'x'.repeat(MAX_DATA_SIZE) }, binaryData: {} }],
    ['a service-account-token Secret with its annotation', { ...secret('kubernetes.io/service-account-token'), metadata: { name: 's', annotations: { 'kubernetes.io/service-account.name': 'build' } } }],
    ['a dockerconfigjson Secret with a JSON object', secret('kubernetes.io/dockerconfigjson', { '.dockerconfigjson': '{"auths":{}}' })],
    ['a dockercfg Secret whose JSON is null', secret('kubernetes.io/dockercfg', { '.dockercfg': 'null' })],
    ['a basic-auth Secret with only a password (in data)', secret('kubernetes.io/basic-auth', {}, { password: b64('pw') })],
    ['a tls Secret with empty values', secret('kubernetes.io/tls', { 'tls.crt': '', 'tls.key': '' })],
    ['a tls Secret whose stringData supplies the key that data lacks', secret('kubernetes.io/tls', { 'tls.key': 'k' }, { 'tls.crt': b64('c') })],
    ['a Secret of a custom type', secret('example.com/token', { token: 'x' })],
    ['garbage data', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 7, data: 'x', stringData: [1] }],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });
});
