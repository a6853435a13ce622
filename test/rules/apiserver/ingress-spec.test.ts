import { ingressSpecRule as rule } from '../../../lib/rules/apiserver/ingress-spec';
import { Obj, PATH, broken, expectOne, run } from './fixtures';
import { groupFixtures } from './group-fixtures';

const ing = (mutate: (spec: Obj, o: Obj) => void) => broken(groupFixtures.ingress(), (o) => void mutate(o.spec, o));
const path0 = (mutate: (p: Obj) => void) => ing((s) => void mutate(s.rules[0].http.paths[0]));
const cls = (mutate: (spec: Obj) => void) => broken(groupFixtures.ingressClass(), (o) => void mutate(o.spec));
const P0 = '/spec/rules/0/http/paths/0';

describe('ingress-spec', () => {
  test.each(Object.entries(groupFixtures))('the valid %s fixture has no findings', (_kind, make) => {
    expect(run(rule, make())).toEqual([]);
  });

  const cases: Array<[string, Obj, string, string[]]> = [
    ['an Exact path without a leading slash', path0((p) => Object.assign(p, { path: 'api', pathType: 'Exact' })), `${P0}/path`, ['"api"', 'Exact']],
    ['a Prefix path without a path', path0((p) => void delete p.path), `${P0}/path`, ['not absolute']],
    ['a Prefix path with "//"', path0((p) => void (p.path = '/a//b')), `${P0}/path`, ['"//"']],
    ['a Prefix path with "/./"', path0((p) => void (p.path = '/a/./b')), `${P0}/path`, ['"/./"']],
    ['a Prefix path with an encoded slash', path0((p) => void (p.path = '/a%2Fb')), `${P0}/path`, ['"%2F"']],
    ['a Prefix path ending in "/."', path0((p) => void (p.path = '/static/.')), `${P0}/path`, ['ends with "/."']],
    ['a relative ImplementationSpecific path', path0((p) => Object.assign(p, { path: '(.*)', pathType: 'ImplementationSpecific' })), `${P0}/path`, ['"(.*)"']],
    ['a pathType typo', path0((p) => void (p.pathType = 'Regex')), `${P0}/pathType`, ['"Regex"']],
    ['a backend with service and resource', path0((p) => void (p.backend.resource = { kind: 'Bucket', name: 'b' })), `${P0}/backend`, ['both service and resource']],
    ['an empty backend', path0((p) => void (p.backend = {})), `${P0}/backend`, ['neither service nor resource']],
    ['a port with name and number', path0((p) => void (p.backend.service.port = { name: 'http', number: 80 })), `${P0}/backend/service/port`, ['both name "http" and number 80']],
    ['a port with neither', path0((p) => void (p.backend.service.port = {})), `${P0}/backend/service/port`, ['neither a name nor a number']],
    ['a port number above 65535', path0((p) => void (p.backend.service.port = { number: 70000 })), `${P0}/backend/service/port/number`, ['70000']],
    ['a numeric port name', path0((p) => void (p.backend.service.port = { name: '8080' })), `${P0}/backend/service/port/name`, ['"8080"']],
    ['a service name with an underscore', path0((p) => void (p.backend.service.name = 'web_svc')), `${P0}/backend/service/name`, ['"web_svc"']],
    ['a resource kind with a slash', path0((p) => void (p.backend = { resource: { kind: 'a/b', name: 'x' } })), `${P0}/backend/resource/kind`, ['"a/b"']],
    ['an IP host', ing((s) => void (s.rules[0].host = '10.0.0.1')), '/spec/rules/0/host', ['IP address']],
    ['an upper-case host', ing((s) => void (s.rules[0].host = 'Shop.example.com')), '/spec/rules/0/host', ['"Shop.example.com"']],
    ['a wildcard in the middle of a host', ing((s) => void (s.rules[0].host = 'shop.*.com')), '/spec/rules/0/host', ['wildcard']],
    ['http without paths', ing((s) => void (s.rules[0].http.paths = [])), '/spec/rules/0/http/paths', ['at least one path']],
    ['neither rules nor a default backend', ing((s) => void delete s.rules), '/spec', ['neither rules nor a defaultBackend']],
    ['a default backend without a port', ing((s) => void (s.defaultBackend = { service: { name: 'web' } })), '/spec/defaultBackend/service/port', ['neither a name nor a number']],
    ['a TLS host with a double wildcard', ing((s) => void (s.tls[0].hosts[1] = '*.*.example.com')), '/spec/tls/0/hosts/1', ['"*.*.example.com"']],
    ['a TLS secret name with upper case', ing((s) => void (s.tls[0].secretName = 'Shop-TLS')), '/spec/tls/0/secretName', ['"Shop-TLS"']],
    ['an invalid ingressClassName', ing((s, o) => { s.ingressClassName = 'Nginx'; delete o.metadata.annotations; }), '/spec/ingressClassName', ['"Nginx"']],
    ['a class annotation that differs from ingressClassName', ing((_s, o) => void (o.metadata.annotations['kubernetes.io/ingress.class'] = 'traefik')), '/metadata/annotations/kubernetes.io~1ingress.class', ['"traefik"', '"nginx"']],
    ['a controller without a domain', cls((s) => void (s.controller = 'nginx')), '/spec/controller', ['domain-prefixed']],
    ['a controller with an upper-case domain', cls((s) => void (s.controller = 'K8s.io/nginx')), '/spec/controller', ['"K8s.io"']],
    ['an IngressClass without a controller', cls((s) => void delete s.controller), '/spec/controller', ['required']],
    ['a controller longer than 250 characters', cls((s) => void (s.controller = `example.com/${'a'.repeat(250)}`)), '/spec/controller', ['at most 250']],
    ['Namespace scope without a namespace', cls((s) => void delete s.parameters.namespace), '/spec/parameters/namespace', ['not set']],
    ['Cluster scope with a namespace', cls((s) => void (s.parameters.scope = 'Cluster')), '/spec/parameters/namespace', ['scope is Cluster']],
    ['the default (Cluster) scope with a namespace', cls((s) => void delete s.parameters.scope), '/spec/parameters/namespace', ['scope is Cluster']],
    ['an Ingress without spec', broken(groupFixtures.ingress(), (o) => void delete o.spec), '/spec', ['neither rules nor a defaultBackend']],
    ['an IngressClass without spec', broken(groupFixtures.ingressClass(), (o) => void delete o.spec), '/spec/controller', ['required']],
    ['a scope typo', cls((s) => void (s.parameters.scope = 'Global')), '/spec/parameters/scope', ['"Global"']],
  ];

  test.each(cases)('catches %s', (_title, obj, pointer, fragments) => {
    expectOne(rule, obj, pointer, ...fragments);
  });

  test.each<[string, Obj]>([
    ['a regex ImplementationSpecific path', path0((p) => Object.assign(p, { path: '/api/(.*)', pathType: 'ImplementationSpecific' }))],
    ['an ImplementationSpecific rule without a path', path0((p) => Object.assign(p, { pathType: 'ImplementationSpecific', path: undefined }))],
    ['regex characters in an Exact path (matched literally)', path0((p) => Object.assign(p, { path: '/foo[0-9]+', pathType: 'Exact' }))],
    ['a rule without a host', ing((s) => void delete s.rules[0].host)],
    ['a wildcard host', ing((s) => void (s.rules[0].host = '*.example.com'))],
    ['a rule without http', ing((s) => void (s.rules = [{ host: 'a.example.com' }]))],
    ['a default backend alone', ing((s) => { delete s.rules; s.defaultBackend = { service: { name: 'web', port: { name: 'http' } } }; })],
    ['a resource backend with apiGroup', path0((p) => void (p.backend = { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'assets' } }))],
    ['a service name starting with a digit (relaxed from 1.36)', path0((p) => void (p.backend.service.name = '1web'))],
    ['a TLS entry without secret or hosts', ing((s) => void (s.tls = [{}]))],
    ['an IngressClass without parameters', cls((s) => void delete s.parameters)],
  ])('accepts %s', (_title, obj) => {
    expect(run(rule, obj)).toEqual([]);
  });

  test('before 1.36 a backend Service name must be a DNS-1035 label', () => {
    const obj = path0((p) => void (p.backend.service.name = '1web'));
    expect(rule.check(obj, PATH, { k8sVersion: '1.35' }).map((i) => i.jsonPointer)).toEqual([`${P0}/backend/service/name`]);
    expect(rule.check(obj, PATH, { k8sVersion: '1.36' })).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const spec of [null, 7, { rules: 'x' }, { rules: [null, { host: 5, http: { paths: [null, { pathType: 'Exact', path: 3, backend: 'x' }] } }] }, { tls: [{ hosts: [null] }] }, { defaultBackend: { service: 'x' } }]) {
      expect(() => run(rule, { kind: 'Ingress', spec })).not.toThrow();
      expect(() => run(rule, { kind: 'IngressClass', spec })).not.toThrow();
    }
  });
});
