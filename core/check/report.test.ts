import { stripVTControlCharacters } from 'node:util';
import { expect, test } from 'vitest';
import { capLines, formatStep, summaryLine, timed } from './report';

test('the summary line counts passed and failed steps in the fixed form', () => {
  const line = summaryLine([{ status: 'passed' }, { status: 'failed' }, { status: 'passed' }, { status: 'passed' }, { status: 'failed' }]);
  expect(line).toBe('check: 3 passed, 2 failed');
  expect(line).toMatch(/^check: \d+ passed, \d+ failed$/);
});

test('a skipped step counts as neither passed nor failed', () => {
  expect(summaryLine([{ status: 'passed' }, { status: 'skipped' }])).toBe('check: 1 passed, 0 failed');
});

test('a step section shows its number, name, details and headline', () => {
  const text = stripVTControlCharacters(
    formatStep({ name: 'contract', what: 'files agree', status: 'failed', headline: '1 contract problem', details: ['katas/x.ts: Not found'], seconds: 0.25 }, 2, 5),
  );
  expect(text.split('\n')).toEqual(['[2/5] contract files agree', '    katas/x.ts: Not found', '  ✗ 1 contract problem (0.3s)', '']);
});

test('long detail lists are cut and say how much was left out', () => {
  expect(capLines(['a', 'b', 'c'], 2)).toEqual(['a', 'b', '... and 1 more']);
});

test('a step that throws becomes a failed step instead of stopping the check', async () => {
  const result = await timed('docs', 'compare', async () => {
    throw new Error('boom');
  });
  expect(result.status).toBe('failed');
  expect(result.details[0]).toContain('boom');
});
