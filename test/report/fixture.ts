/** A small hand-built Report: two files, an error, a warning, a syntax error, a clean object. */
import { Report, ReportedIssue } from '../../lib/report/types';

export const ERROR: ReportedIssue = {
  ruleId: 'containers',
  severity: 'error',
  message: 'container "web" has no valid image (undefined) & <needs> "one"',
  fix: 'set image, e.g. "nginx:1.27"',
  file: 'k8s/web.yaml',
  line: 12,
  jsonPointer: '/spec/template/spec/containers/0/image',
};
export const WARNING: ReportedIssue = { ruleId: 'object-metadata', severity: 'warning', message: 'label x="y z"', fix: 'change it', file: 'k8s/web.yaml', line: 5, jsonPointer: '/metadata/labels/x' };
export const PARSE: ReportedIssue = { ruleId: 'parse', severity: 'error', message: 'not valid YAML: bad indentation', fix: 'fix it', file: 'k8s/db.yaml', line: 3, column: 7 };

export const REPORT: Report = {
  files: [
    {
      file: 'k8s/web.yaml',
      issues: [],
      cases: [
        { name: 'Deployment/web', line: 1, isObject: true, issues: [ERROR, WARNING] },
        { name: 'Service/web', line: 30, isObject: true, issues: [] },
      ],
    },
    { file: 'k8s/db.yaml', issues: [PARSE], cases: [] },
  ],
  rules: [
    { id: 'containers', category: 'apiserver', defaultSeverity: 'error', description: 'Containers have images.' },
    { id: 'object-metadata', category: 'apiserver', defaultSeverity: 'error', description: 'Names are valid.' },
    { id: 'image-latest-tag', category: 'lint', defaultSeverity: 'warning', description: 'Pin image tags.' },
    { id: 'parse', category: 'schema', defaultSeverity: 'error', description: 'Valid YAML.' },
  ],
};

export const CLEAN: Report = { files: [{ file: 'ok.yaml', issues: [], cases: [{ name: 'ConfigMap/ok', line: 1, isObject: true, issues: [] }] }], rules: REPORT.rules };
