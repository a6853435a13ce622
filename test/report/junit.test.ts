import { formatReportJunit, xmlEscape } from '../../lib/report/junit';
import { CLEAN, ERROR, REPORT } from './fixture';

/** A minimal XML well-formedness check: balanced tags, quoted attributes, no raw `<` or `&` in text. */
function elements(xml: string): { name: string; attrs: Record<string, string>; text: string }[] {
  const body = xml.replace(/^<\?xml[^?]*\?>\n/, '');
  const stack: string[] = [];
  const out: { name: string; attrs: Record<string, string>; text: string }[] = [];
  const token = /<(\/?)([A-Za-z-]+)((?:\s+[a-z]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos|#\d+);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = token.exec(body))) {
    expect(m.index).toBe(consumed);
    consumed = m.index + m[0].length;
    const [, close, name, attrs, selfClose, text] = m;
    if (text !== undefined) {
      expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
      if (out.length) out[out.length - 1].text += text;
      continue;
    }
    if (close) expect(stack.pop()).toBe(name);
    else {
      const a: Record<string, string> = {};
      for (const [, k, v] of attrs.matchAll(/([a-z]+)="([^"]*)"/g)) a[k] = v;
      out.push({ name, attrs: a, text: '' });
      if (!selfClose) stack.push(name);
    }
  }
  expect(consumed).toBe(body.length);
  expect(stack).toEqual([]);
  return out;
}

describe('JUnit report', () => {
  const xml = formatReportJunit(REPORT);
  const els = elements(xml);

  test('is well-formed: one testsuite per file, one testcase per object or file-level problem', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(els.filter((e) => e.name === 'testsuite').map((e) => [e.attrs.name, e.attrs.tests, e.attrs.failures])).toEqual([
      ['k8s/web.yaml', '2', '1'],
      ['k8s/db.yaml', '1', '1'],
    ]);
    expect(els.filter((e) => e.name === 'testcase').map((e) => e.attrs.name)).toEqual(['Deployment/web', 'Service/web', 'syntax at line 3']);
    expect(els[0].attrs).toMatchObject({ tests: '3', failures: '2' });
  });

  test('errors are failures (escaped); warnings go to system-out and do not fail', () => {
    const failures = els.filter((e) => e.name === 'failure');
    expect(failures).toHaveLength(2);
    expect(failures[0].attrs.type).toBe('containers');
    expect(failures[0].attrs.message).toBe(xmlEscape(ERROR.message));
    expect(failures[0].text).toContain('k8s/web.yaml:12: container &quot;web&quot; has no valid image (undefined) &amp; &lt;needs&gt;');
    expect(failures[1].text).toContain('k8s/db.yaml:3:7');
    expect(els.find((e) => e.name === 'system-out')!.text).toContain('[object-metadata] k8s/web.yaml:5');
  });

  test('a clean object is a passing (empty) testcase', () => {
    expect(formatReportJunit(CLEAN)).toContain('<testcase name="ConfigMap/ok" classname="ok.yaml" file="ok.yaml" line="1"/>');
  });

  test('xmlEscape escapes markup characters and replaces what XML 1.0 cannot hold', () => {
    expect(xmlEscape(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
    expect(xmlEscape('bell\u0007 nul\u0000 ok\ttab')).toBe('bell\uFFFD nul\uFFFD ok\ttab');
    // Decoding the five entities restores the input exactly.
    const back = xmlEscape(ERROR.message).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    expect(back).toBe(ERROR.message);
  });
});
