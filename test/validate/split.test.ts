import { splitYamlDocuments } from '../../lib/validate/split';

const lines = (text: string) => splitYamlDocuments(text).map((c) => [c.startLine, c.firstLine]);

describe('splitYamlDocuments (kubectl\'s YAMLReader: every line that starts with --- cuts the stream)', () => {
  test('splits on --- lines; each piece starts after its separator and keeps its first content line', () => {
    const text = 'a: 1\n---\n# comment\nb: 2\n---\nc: 3\n';
    expect(lines(text)).toEqual([[1, 1], [3, 4], [6, 6]]);
    expect(splitYamlDocuments(text).map((c) => c.text)).toEqual(['a: 1\n', '# comment\nb: 2\n', 'c: 3\n']);
  });

  test('a comment after --- is allowed; other content on the separator line is refused at that line', () => {
    expect(lines('a: 1\n--- # next\nb: 2\n')).toEqual([[1, 1], [3, 3]]);
    for (const bad of ['--- {}', '--- |', '---x: 1', '----', '--- !!map']) {
      const [, refused] = splitYamlDocuments(`a: 1\n${bad}\nb: 2\n`);
      expect(refused.refused).toMatchObject({ line: 2 });
      expect(refused.refused!.reason).toMatch(/^invalid document separator/);
    }
  });

  test('`...` ends the document; kubectl never reads what follows it up to the next ---', () => {
    const [a, c] = splitYamlDocuments('a: 1\n...\nb: 2\n---\nc: 3\n');
    expect(a).toMatchObject({ text: 'a: 1\n...\n', startLine: 1, firstLine: 1, ignoredLine: 3 });
    expect(c).toMatchObject({ text: 'c: 3\n', startLine: 5 });
    expect(splitYamlDocuments('...\na: 1\n')[0].refused).toMatchObject({ line: 1 });
    expect(splitYamlDocuments('a: 1\n...\n# only a comment\n')[0].ignoredLine).toBeUndefined();
  });

  test('a directive is refused (its --- is cut away, so go-yaml finds no document start)', () => {
    const [d, doc] = splitYamlDocuments('%YAML 1.1\n---\na: 1\n');
    expect(d.refused).toMatchObject({ line: 1, column: 1 });
    expect(d.refused!.reason).toContain('%YAML');
    expect(doc).toMatchObject({ text: 'a: 1\n', startLine: 3 });
    expect(splitYamlDocuments('a: 1\n')[0].refused).toBeUndefined();
  });

  test('empty pieces (comments and blank lines only) are dropped', () => {
    expect(lines('---\n---\n# nothing\n\n---\na: 1\n---\n')).toEqual([[6, 6]]);
    expect(splitYamlDocuments('')).toEqual([]);
    expect(splitYamlDocuments('# only a comment\n')).toEqual([]);
  });

  test('--- indented or inside a value does not cut; control characters after `...` are still refused', () => {
    expect(splitYamlDocuments('a: |\n  ---\nb: ---\n')).toHaveLength(1);
    expect(splitYamlDocuments('a: 1\n...\nb\u0001\n')[0].refused).toMatchObject({ line: 3, column: 2 });
  });

  test('CRLF line endings and a byte order mark', () => {
    expect(lines('\uFEFFa: 1\r\n---\r\nb: 2\r\n')).toEqual([[1, 1], [3, 3]]);
  });

  test('a stream that starts later in the file (YAML after JSON objects) keeps file lines', () => {
    expect(lines('---\na: 1\n').map(([s, f]) => [s, f])).toEqual([[2, 2]]);
    expect(splitYamlDocuments('a: 1\n', 7)[0]).toMatchObject({ startLine: 7, firstLine: 7 });
  });
});
