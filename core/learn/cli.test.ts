import { stripVTControlCharacters as plain } from 'node:util';
import { expect, test } from 'vitest';
import { saidYes, validIds } from './cli';

test('--yes counts, and so does npm_config_yes when npm kept the flag for itself', () => {
  expect(saidYes(true, {})).toBe(true);
  expect(saidYes(undefined, { npm_config_yes: 'true' })).toBe(true);
  expect(saidYes(undefined, {})).toBe(false);
  expect(saidYes(undefined, { npm_config_yes: 'false' })).toBe(false);
});

test('the list of valid ids names every kata with its title, in order', () => {
  const manifest = { katas: [{ id: '01-a', title: 'First' }, { id: '01-b', title: 'Second' }] } as never;
  expect(plain(validIds(manifest)).split('\n').map((l) => l.trim().replace(/\s+/g, ' '))).toEqual(['01-a First', '01-b Second']);
});
