/**
 * YAML parsing alone, for the validate benchmark: kubeforge's reader (split + js-yaml with Kubernetes' YAML rules),
 * plain js-yaml loadAll, and the yaml package's parseAllDocuments, each on the same text in this one process.
 * Usage: node build/bench/validate-parse.js FILE → one JSON line of milliseconds.
 */
import * as fs from 'fs';
import * as jsyaml from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { parseYamlStream } from '../lib/validate/parse';

function ms(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

const file = process.argv[2];
const text = fs.readFileSync(file, 'utf8');
const report = {
  kubeforge: ms(() => parseYamlStream(file, text)),
  'js-yaml': ms(() => jsyaml.loadAll(text)),
  yaml: ms(() => parseAllDocuments(text).map((d) => d.toJS())),
};
process.stdout.write(JSON.stringify(report) + '\n');
