#!/usr/bin/env node
/**
 * Measures the two performance requirements of the schema module (run after `npm run build`):
 *   node scripts/schema/measure.js
 * 1. the cost of require('./build/lib/schema') over bare node (median of fresh processes), and
 * 2. validating 10,000 objects of a realistic mix in a fresh process, cold start (loading the data and the six
 *    precompiled definition validators they reach) included, and whether ajv itself was loaded;
 * plus the size of the precompiled validators. Wall times are noisy on a loaded machine; compare medians.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const RUNS = 11;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeProcess(code) {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, ['-e', code], { cwd: ROOT });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const bare = median(Array.from({ length: RUNS }, () => timeProcess('')));
const withSchema = median(Array.from({ length: RUNS }, () => timeProcess("require('./build/lib/schema')")));
const inProcess = median(Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath,
  ['-e', "const t = process.hrtime.bigint(); require('./build/lib/schema'); console.log(Number(process.hrtime.bigint() - t) / 1e6)"],
  { cwd: ROOT }).toString())));
console.log(`require('./build/lib/schema'): ${inProcess.toFixed(1)} ms in-process; process ${(withSchema - bare).toFixed(1)} ms slower ` +
  `than bare node (${bare.toFixed(1)} ms), medians of ${RUNS}`);

// The mix of a microservice app: per service a Deployment, Service, ConfigMap, Secret, HPA and PVC.
const VALIDATE = `
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
const { checkSchema } = require('./build/lib/schema');
const mk = (i) => {
  const n = 'svc-' + i, labels = { 'app.kubernetes.io/name': n };
  return [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: n, labels, creationTimestamp: null },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: {
        containers: [
          { name: 'app', image: 'registry.example.com/app:1.2.3', imagePullPolicy: 'IfNotPresent',
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            env: [{ name: 'MODE', value: 'prod' }, { name: 'CFG', valueFrom: { configMapKeyRef: { name: n, key: 'k' } } }],
            envFrom: [{ configMapRef: { name: n } }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
            readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 10 },
            livenessProbe: { tcpSocket: { port: 8080 } },
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
            securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true } },
          { name: 'sidecar', image: 'registry.example.com/proxy:2.0', resources: { requests: { cpu: '50m', memory: '64Mi' } } },
        ],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: n } }] } } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: n, labels },
      spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], type: 'ClusterIP' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n }, data: { k: 'v', 'app.yaml': 'a: 1' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: n }, type: 'Opaque', data: { password: 'cGFzc3dvcmQ=' } },
    { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: n },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: n }, minReplicas: 2, maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } },
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: n },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  ];
};
const objects = [];
for (let i = 0; objects.length < 10000; i++) objects.push(...mk(i));
objects.length = 10000;
const t1 = process.hrtime.bigint();
let issues = 0;
for (const o of objects) issues += checkSchema(o, 'app/' + o.metadata.name, '1.37').length;
const t2 = process.hrtime.bigint();
const cpu = process.cpuUsage(c0);
const ajvLoaded = Object.keys(require.cache).some((f) => f.includes('/node_modules/ajv/'));
console.log(JSON.stringify({ validateMs: Number(t2 - t1) / 1e6, totalMs: Number(t2 - t0) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000, issues, ajvLoaded }));
`;
const runs = Array.from({ length: 5 }, () => JSON.parse(execFileSync(process.execPath, ['-e', VALIDATE], { cwd: ROOT }).toString()));
const m = (k) => median(runs.map((r) => r[k])).toFixed(1);
console.log(`10,000 objects (Deployment, Service, ConfigMap, Secret, HPA, PVC), fresh process, cold, median of 5: ` +
  `validation ${m('validateMs')} ms wall; require + building the objects + validation ${m('totalMs')} ms wall, ` +
  `${m('cpuMs')} ms CPU (totals: ${runs.map((r) => r.totalMs.toFixed(0)).join(', ')} ms; issues found: ${runs[0].issues}; ` +
  `ajv loaded: ${runs.some((r) => r.ajvLoaded) ? 'yes, validators were compiled in-process: run npm run build' : 'no'})`);

const compiled = path.join(ROOT, 'build', 'lib', 'schema', 'compiled');
const modules = path.join(compiled, 'defs');
const sizeOf = (name) => fs.statSync(path.join(modules, `${name}.js`)).size;
const indexes = fs.existsSync(compiled) ? fs.readdirSync(compiled).filter((f) => f.endsWith('.json')).sort() : [];
const perMinor = indexes.map((f) => {
  const { defs } = JSON.parse(fs.readFileSync(path.join(compiled, f), 'utf8'));
  return { minor: f.replace(/\.json$/, ''), defs, bytes: Object.values(defs).reduce((n, m) => n + sizeOf(m), 0) };
});
const distinct = new Set(perMinor.flatMap((p) => Object.values(p.defs)));
const stored = [...distinct].reduce((n, m) => n + sizeOf(m), 0);
// The modules the six kinds above reach (each definition's module loads on first use).
const latest = perMinor.find((p) => p.minor === '1.37');
const mixDefs = latest ? reachedModules(latest.defs, ['apps.v1.Deployment', 'core.v1.Service', 'core.v1.ConfigMap', 'core.v1.Secret',
  'autoscaling.v2.HorizontalPodAutoscaler', 'core.v1.PersistentVolumeClaim'].map((k) => `io.k8s.api.${k}`)) : new Set();
const mixBytes = [...mixDefs].reduce((n, m) => n + sizeOf(m), 0);
console.log(`precompiled validators: ${distinct.size} distinct definition modules, ${(stored / 1e6).toFixed(1)} MB stored for ` +
  `${perMinor.length} minors (${perMinor.map((p) => `${p.minor} ${(p.bytes / 1e6).toFixed(1)} MB`).join(', ')} if stored apart); ` +
  `the six kinds above reach ${mixDefs.size} modules, ${(mixBytes / 1e3).toFixed(0)} kB`);

function reachedModules(defs, roots) {
  const seen = new Set();
  const todo = [...roots];
  while (todo.length) {
    const m = defs[todo.pop()];
    if (!m || seen.has(m)) continue;
    seen.add(m);
    for (const r of fs.readFileSync(path.join(modules, `${m}.js`), 'utf8').matchAll(/kfRef\("([^"]+)"\)/g)) todo.push(r[1]);
  }
  return seen;
}
