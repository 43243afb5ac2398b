import { describe, expect, test } from 'vitest';
import { addSeconds, fromMillis, toMillis } from './rfc3339';

describe('rfc3339', () => {
  test('formats with second precision in UTC, as metav1.Time does', () => {
    expect(fromMillis(toMillis('2025-01-01T00:00:00Z') + 1500)).toBe('2025-01-01T00:00:01Z');
  });

  test('adds and subtracts seconds across day boundaries', () => {
    expect(addSeconds('2024-12-31T23:59:50Z', 30)).toBe('2025-01-01T00:00:20Z');
    expect(addSeconds('2025-01-01T00:00:20Z', -30)).toBe('2024-12-31T23:59:50Z');
  });

  test('reads offsets other than Z', () => {
    expect(fromMillis(toMillis('2025-01-01T02:00:00+02:00'))).toBe('2025-01-01T00:00:00Z');
  });
});
