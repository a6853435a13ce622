/**
 * The agreement harness by hand, for developers writing cases:
 *
 *   bash scripts/agreement.sh [--cli build/lib/cli/main.js] FILES|DIRS...
 *
 * prints kubeforge's and the API server's verdict for each case, the disagreements with both sides' reasons, and the
 * confusion matrix. The cluster comes from KUBEFORGE_TEST_KUBECONFIG (scripts/agreement.sh sets it).
 */
import * as fs from 'fs';
import * as path from 'path';
import { AgreementCase, confusionMatrix, formatMatrix, kubeforgeVerdicts, loadCases, readCase, serverVerdicts } from './agreement';

async function main(argv: string[]): Promise<number> {
  let cli = path.resolve(__dirname, '..', '..', 'lib', 'cli', 'main.js');
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cli') cli = path.resolve(argv[++i]);
    else inputs.push(argv[i]);
  }
  if (inputs.length === 0) {
    console.error('usage: agreement.sh [--cli PATH] FILES|DIRS...');
    return 2;
  }
  const cases: AgreementCase[] = [];
  for (const input of inputs) {
    if (fs.statSync(input).isDirectory()) cases.push(...loadCases(path.resolve(input)));
    else cases.push(readCase(path.resolve(input), path.dirname(path.resolve(input))));
  }
  const kf = kubeforgeVerdicts(cases, cli);
  const server = await serverVerdicts(cases);
  const results = cases.map((c) => ({ case: c, kubeforge: kf.get(c.id)!, server: server.get(c.id)! }));
  for (const r of results) {
    const ok = r.kubeforge.verdict === r.server.verdict && r.server.verdict === r.case.server;
    console.log(`${ok ? 'ok  ' : 'DIFF'} ${r.case.file}  header=${r.case.server} server=${r.server.verdict} kubeforge=${r.kubeforge.verdict}`);
    if (!ok) {
      if (r.server.detail) console.log(`     server:    ${r.server.detail.replace(/\n/g, '\n                ')}`);
      if (r.kubeforge.detail) console.log(`     kubeforge: ${r.kubeforge.detail.replace(/\n/g, '\n                ')}`);
    }
  }
  console.log(formatMatrix(confusionMatrix(results)));
  return results.every((r) => r.kubeforge.verdict === r.server.verdict && r.server.verdict === r.case.server) ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
});
