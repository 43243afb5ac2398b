import { describe, expect, test } from 'vitest';
import { extractRegion, languageOf, wholeFile } from './regions';

const source = [
  'import x from "y";',
  'export function f() {',
  '  // #region outer',
  '  const a = 1;',
  '  // #region inner',
  '  const b = 2;',
  '  // #endregion inner',
  '  return a + b;',
  '  // #endregion outer',
  '}',
].join('\n');

describe('extractRegion', () => {
  test('returns the lines between the markers, dedented, without nested markers of other regions', () => {
    expect(extractRegion(source, 'outer')).toEqual({ ok: true, lines: ['const a = 1;', 'const b = 2;', 'return a + b;'] });
  });

  test('cuts out a nested region on its own', () => {
    expect(extractRegion(source, 'inner')).toEqual({ ok: true, lines: ['const b = 2;'] });
  });

  test('reads regions marked with # comments in YAML files', () => {
    const yaml = 'a: 1\n# #region spec\nspec:\n  replicas: 3\n# #endregion spec\n';
    expect(extractRegion(yaml, 'spec')).toEqual({ ok: true, lines: ['spec:', '  replicas: 3'] });
  });

  test('reports a region that does not exist', () => {
    expect(extractRegion(source, 'missing')).toEqual({ ok: false, reason: 'region "missing" not found' });
  });

  test('reports a region that is opened but never closed, with its line', () => {
    const result = extractRegion('// #region open\nconst a = 1;\n', 'open');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('opened on line 1 is never closed');
  });

  test('reports a region opened twice, with both lines', () => {
    const result = extractRegion('// #region a\n// #endregion a\n// #region a\n// #endregion a\n', 'a');
    expect(!result.ok && result.reason).toBe('region "a" is opened twice (lines 1 and 3)');
  });

  test('does not take a longer region name for the one asked for', () => {
    expect(extractRegion('// #region ab\nx\n// #endregion ab\n', 'a').ok).toBe(false);
  });
});

describe('wholeFile', () => {
  test('drops every region marker and trailing blank lines', () => {
    expect(wholeFile('// #region a\nconst a = 1;\n// #endregion a\n\n')).toEqual(['const a = 1;']);
  });

  test('reads Windows line endings like Unix ones', () => {
    expect(wholeFile('a\r\nb\r\n')).toEqual(['a', 'b']);
  });
});

describe('languageOf', () => {
  test('maps file extensions to fence languages', () => {
    expect(['x.ts', 'x.yaml', 'x.yml', 'x.json', 'x.md', 'x.mjs', 'x.unknown'].map(languageOf)).toEqual(['ts', 'yaml', 'yaml', 'json', 'markdown', 'js', '']);
  });
});
