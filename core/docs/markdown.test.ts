import { describe, expect, test } from 'vitest';
import { code, fence, formatMinutes, relativeLink, stars, text } from './markdown';

describe('code', () => {
  test('wraps plain text in single backticks', () => {
    expect(code('spec.replicas')).toBe('`spec.replicas`');
  });

  test('uses a longer fence and padding when the text holds backticks', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
  });

  test('shows control characters as escapes so the span stays on one line', () => {
    expect(code('a\nb\tc')).toBe('`a\\nb\\tc`');
  });

  test('shows an empty string as a visible empty span', () => {
    expect(code('')).toBe('` `');
  });
});

describe('text', () => {
  test('escapes characters that Markdown would interpret', () => {
    expect(text('a*b_c|d<e>')).toBe('a\\*b\\_c\\|d\\<e\\>');
  });
});

describe('fence', () => {
  test('uses a fence longer than any backtick run in the body', () => {
    expect(fence('```inner```', 'md')).toBe('````md\n```inner```\n````');
  });
});

describe('formatting', () => {
  test('writes minutes the way a person reads them', () => {
    expect([45, 60, 90, 125].map(formatMinutes)).toEqual(['45 min', '1 h', '1 h 30 min', '2 h 5 min']);
  });

  test('writes difficulty as five stars, filled up to the level', () => {
    expect(stars(3)).toBe('★★★☆☆');
  });

  test('makes relative links between pages', () => {
    expect(relativeLink('docs/chapters/01-a.md', 'docs/README.md')).toBe('../README.md');
    expect(relativeLink('docs/chapters/01-a.md', 'docs/chapters/02-b.md')).toBe('02-b.md');
    expect(relativeLink('docs/README.md', 'katas/01-a/x.ts')).toBe('../katas/01-a/x.ts');
  });
});
