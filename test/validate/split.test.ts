import { splitYamlDocuments } from '../../lib/validate/split';

const lines = (text: string) => splitYamlDocuments(text).map((c) => [c.startLine, c.firstLine]);

describe('splitYamlDocuments', () => {
  test('splits on --- lines and keeps each document\'s start and first content line', () => {
    const text = 'a: 1\n---\n# comment\nb: 2\n---\nc: 3\n';
    expect(lines(text)).toEqual([[1, 1], [2, 4], [5, 6]]);
    expect(splitYamlDocuments(text).map((c) => c.text)).toEqual(['a: 1\n', '---\n# comment\nb: 2\n', '---\nc: 3\n']);
  });

  test('`...` ends a document; what follows it is a new document even without ---', () => {
    expect(lines('a: 1\n...\nb: 2\n...\n---\nc: 3\n')).toEqual([[1, 1], [3, 3], [5, 6]]);
    expect(splitYamlDocuments('a: 1\n...\nb: 2\n')[0].text).toBe('a: 1\n...\n');
  });

  test('content on the marker line (`--- {}`, `--- |`) belongs to the document, on that line', () => {
    expect(lines('--- {}\n--- # just a comment\n--- !!map {a: 1}\n')).toEqual([[1, 1], [3, 3]]);
  });

  test('empty documents (markers, comments, blank lines only) are dropped', () => {
    expect(lines('---\n---\n# nothing\n\n---\na: 1\n---\n')).toEqual([[5, 6]]);
    expect(splitYamlDocuments('')).toEqual([]);
    expect(splitYamlDocuments('# only a comment\n')).toEqual([]);
  });

  test('only markers at column 0 followed by white space or end of line count', () => {
    const text = 'a: |\n  ---\n----\nb: ---\n---x: 1\n';
    expect(splitYamlDocuments(text)).toHaveLength(1);
  });

  test('CRLF line endings and a byte order mark', () => {
    expect(lines('\uFEFFa: 1\r\n---\r\nb: 2\r\n')).toEqual([[1, 1], [2, 3]]);
  });
});

test('directives (%YAML) stay with the document that follows them', () => {
  const chunks = splitYamlDocuments('%YAML 1.2\n---\na: 1\n...\n%YAML 1.2\n%TAG ! tag:example.com,2026:\n---\nb: 2\n');
  expect(chunks.map((c) => [c.startLine, c.firstLine, c.text])).toEqual([
    [1, 3, '%YAML 1.2\n---\na: 1\n...\n'],
    [5, 8, '%YAML 1.2\n%TAG ! tag:example.com,2026:\n---\nb: 2\n'],
  ]);
});
