import { stripVTControlCharacters as plain } from 'node:util';
import { expect, test } from 'vitest';
import { firstHint, renderHints, resolveLevel } from './hints';

const kata = { id: '01-store', title: 'The store', hints: ['gentle', 'firmer', 'nearly the answer'] };

test('level 1 shows only the first hint and says how many remain', () => {
  const text = plain(renderHints(kata, 1));
  expect(text).toContain('hint 1/3 gentle');
  expect(text).not.toContain('firmer');
  expect(text).toContain('2 more hints: npm run hint 01-store -- --level 2');
});

test('level n shows hints 1 to n in order', () => {
  const text = plain(renderHints(kata, 2));
  expect(text.indexOf('hint 1/3 gentle')).toBeLessThan(text.indexOf('hint 2/3 firmer'));
  expect(text).not.toContain('nearly the answer');
  expect(text).toContain('1 more hint: npm run hint 01-store -- --level 3');
});

test('the last level says it was the last hint', () => {
  expect(plain(renderHints(kata, 3))).toContain('that was the last hint');
});

test('a level beyond the last shows every hint and says so', () => {
  const text = plain(renderHints(kata, 9));
  expect(text).toContain('hint 3/3 nearly the answer');
  expect(text).toContain('that is every hint (3)');
});

test('the level comes from --level first, then a bare number, then npm_config_level', () => {
  expect(resolveLevel('3', '2', { npm_config_level: '1' })).toBe(3);
  expect(resolveLevel(undefined, '2', { npm_config_level: 'true' })).toBe(2);
  expect(resolveLevel(undefined, undefined, { npm_config_level: '2' })).toBe(2);
  expect(resolveLevel(undefined, undefined, {})).toBe(1);
});

test('npm_config_level=true (npm kept the flag, the number went astray) alone means level 1', () => {
  expect(resolveLevel(undefined, undefined, { npm_config_level: 'true' })).toBe(1);
});

test('a level that is not a whole number from 1 up is an error naming the flag', () => {
  expect(resolveLevel('0', undefined, {})).toBe('--level: Invalid value: "0": must be a whole number from 1 up');
  expect(resolveLevel('two', undefined, {})).toMatch(/^--level: Invalid value: "two"/);
});

test('the runner\'s first hint points at the next level', () => {
  expect(plain(firstHint(kata))).toBe('hint 1/3 gentle  (more: npm run hint 01-store -- --level 2)');
});
