/** Plain-text report. Colour only on a TTY and never when NO_COLOR is set (https://no-color.org). */
import { Issue } from '../util/errors';

export function useColor(stream: NodeJS.WriteStream = process.stderr): boolean {
  return !!stream.isTTY && !('NO_COLOR' in process.env) && process.env.KUBEFORGE_NO_COLOR !== '1';
}

export function formatIssuesText(issues: readonly Issue[], color = useColor()): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  let out = '';
  for (const i of issues) {
    const sev = i.severity === 'error' ? paint('31', 'error') : paint('33', 'warning');
    const where = i.file ? `${i.file}${i.line ? `:${i.line}` : ''}` : i.constructPath;
    // KubeforgeError messages already start with their path; avoid printing it twice.
    const msg = where && i.message.startsWith(where) ? i.message : `${where ? where + ': ' : ''}${i.message}`;
    out += `${sev} [${i.ruleId}] ${msg}\n`;
    if (i.fix && !i.message.includes(`Fix: ${i.fix}`)) out += `  fix: ${i.fix}\n`;
  }
  return out;
}
