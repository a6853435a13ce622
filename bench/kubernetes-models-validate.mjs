// The reference validator for `npm run bench`: kubernetes-models' validate() on every object of a multi-document
// YAML file, whole process. kubernetes-models is ESM-only, hence a plain .mjs file beside the compiled bench.
// Usage: node bench/kubernetes-models-validate.mjs FILE   → prints one JSON line.
import { readFileSync } from 'fs';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const jsyaml = require('js-yaml');

const t0 = performance.now();
const docs = jsyaml.loadAll(readFileSync(process.argv[2], 'utf8')).filter((d) => d && typeof d === 'object');
const t1 = performance.now();
const models = new Map();
let invalid = 0;
let unknown = 0;
for (const doc of docs) {
  const key = `${doc.apiVersion}/${doc.kind}`;
  let model = models.get(key);
  if (model === undefined) {
    const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['v1', ''];
    const spec = version ? `kubernetes-models/${group}/${version}/${doc.kind}` : `kubernetes-models/v1/${doc.kind}`;
    model = await import(spec).then((m) => m[doc.kind], () => null);
    models.set(key, model);
  }
  if (!model) {
    unknown++;
    continue;
  }
  try {
    new model(doc).validate();
  } catch {
    invalid++;
  }
}
const t2 = performance.now();
process.stdout.write(
  JSON.stringify({ objects: docs.length, invalid, unknown, parseMs: t1 - t0, validateMs: t2 - t1, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
