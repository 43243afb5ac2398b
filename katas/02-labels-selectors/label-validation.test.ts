/**
 * Kata 02-label-validation, first file: label keys and values.
 *
 * Valid/invalid examples come from upstream's tables: TestIsQualifiedName and
 * TestIsValidLabelValue (staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go,
 * the same lists as TestIsLabelKey/TestIsLabelValue in pkg/api/validate/content/kube_test.go)
 * and TestIsDNS1123Subdomain. The exact messages are the strings built in
 * pkg/api/validate/content/kube.go, dns.go and errors.go (MaxLenError, RegexError).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '@kata/02-labels-selectors/label-validation';
import { labelKey, labelValue } from '../../core/labels/arbitraries';
import { runs } from '../../core/testing/runs';

const NAME_REGEX_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_REGEX_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const SUBDOMAIN_REGEX_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('isQualifiedName (label keys)', () => {
  // TestIsQualifiedName successCases
  test.each([
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes',
    'now.with.dots/simple',
    'now-with.dashes-and.dots/simple',
    '1-num.2-num/3-num',
    '1234/5678',
    '1.2.3.4/5678',
    'Uppercase_Is_OK_123',
    'example.com/Uppercase_Is_OK_123',
    'requests.storage-foo',
    'a'.repeat(63),
    'a'.repeat(253) + '/' + 'b'.repeat(63),
  ])('accepts %j', (key) => {
    expect(isQualifiedName(key), `"${key}" is a valid label key`).toEqual([]);
  });

  // TestIsQualifiedName errorCases
  test.each([
    'nospecialchars%^=@',
    'cantendwithadash-',
    '-cantstartwithadash-',
    'only/one/slash',
    'Example.com/abc',
    'example_com/abc',
    'example.com/',
    '/simple',
    'a'.repeat(64),
    'a'.repeat(254) + '/abc',
  ])('rejects %j', (key) => {
    expect(isQualifiedName(key).length, `"${key}" is not a valid label key`).toBeGreaterThan(0);
  });

  test('a name with a bad character gets the name-part regex message', () => {
    expect(isQualifiedName('cantendwithadash-')).toEqual(['name part ' + NAME_REGEX_MSG]);
  });

  test('a key with two slashes gets one message about the whole key', () => {
    expect(isQualifiedName('only/one/slash')).toEqual([
      'a valid label key ' + NAME_REGEX_MSG + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });

  test('an empty prefix before the slash is reported as such', () => {
    expect(isQualifiedName('/simple')).toEqual(['prefix part must be non-empty']);
  });

  test('an empty name after the slash fails both the emptiness and the regex check', () => {
    expect(isQualifiedName('example.com/')).toEqual(['name part must be non-empty', 'name part ' + NAME_REGEX_MSG]);
  });

  test('a 64-character name is too long, measured in bytes', () => {
    expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 bytes']);
  });

  test('an upper-case prefix is not a DNS-1123 subdomain', () => {
    expect(isQualifiedName('Example.com/abc')).toEqual(['prefix part ' + SUBDOMAIN_REGEX_MSG]);
  });

  test('a prefix longer than 253 bytes is too long', () => {
    expect(isQualifiedName('a'.repeat(254) + '/abc')).toEqual(['prefix part must be no more than 253 bytes']);
  });

  test('every generated label key is accepted', () => {
    fc.assert(
      fc.property(labelKey(), (key) => isQualifiedName(key).length === 0),
      runs(200),
    );
  });

  test('a key is valid exactly when it matches the documented shape (prefix/name, lengths, characters)', () => {
    // The rule as kubernetes.io states it, written as plainly as possible.
    const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
    const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
    const model = (key: string): boolean => {
      const parts = key.split('/');
      if (parts.length > 2) return false;
      const name = parts.length === 2 ? parts[1]! : key;
      const prefixOk = parts.length === 1 || (SUBDOMAIN.test(parts[0]!) && parts[0]!.length <= 253);
      return prefixOk && NAME.test(name) && name.length <= 63;
    };
    const tricky = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', '/', ' '), maxLength: 12 });
    const longish = fc.tuple(tricky, fc.integer({ min: 60, max: 66 }), tricky).map(([a, n, b]) => a + 'x'.repeat(n) + b);
    fc.assert(
      fc.property(fc.oneof(tricky, longish), (key) => {
        expect(isQualifiedName(key).length === 0, `validity of ${JSON.stringify(key)}`).toBe(model(key));
      }),
      runs(300),
    );
  });
});

describe('isValidLabelValue', () => {
  // TestIsValidLabelValue successCases
  test.each(['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), ''])(
    'accepts %j',
    (value) => {
      expect(isValidLabelValue(value), `"${value}" is a valid label value`).toEqual([]);
    },
  );

  // TestIsValidLabelValue errorCases
  test.each([
    'nospecialchars%^=@',
    'Tama-nui-te-rā.is.Māori.sun',
    '\\backslashes\\are\\bad',
    '-starts-with-dash',
    'ends-with-dash-',
    '.starts.with.dot',
    'ends.with.dot.',
    'a'.repeat(64),
  ])('rejects %j', (value) => {
    expect(isValidLabelValue(value).length, `"${value}" is not a valid label value`).toBeGreaterThan(0);
  });

  test('a value with a bad first character gets the value regex message', () => {
    expect(isValidLabelValue('-starts-with-dash')).toEqual([VALUE_REGEX_MSG]);
  });

  test('a 64-character value is too long and nothing else', () => {
    expect(isValidLabelValue('a'.repeat(64))).toEqual(['must be no more than 63 bytes']);
  });

  test('length counts UTF-8 bytes, as Go len does: 32 × "ā" is 64 bytes', () => {
    expect(isValidLabelValue('ā'.repeat(32))).toEqual(['must be no more than 63 bytes', VALUE_REGEX_MSG]);
  });

  test('every generated label value is accepted', () => {
    fc.assert(
      fc.property(labelValue(), (value) => isValidLabelValue(value).length === 0),
      runs(200),
    );
  });
});

describe('isDNS1123Subdomain', () => {
  // TestIsDNS1123Subdomain goodValues (a selection)
  test.each(['a', 'ab', 'a-1', 'a--1--2--b', '0', '1a', 'a.a', 'a-1.1', '0.1', 'a.b.c.d.e', '11.22.33.44.55', 'a'.repeat(253)])(
    'accepts %j',
    (value) => {
      expect(isDNS1123Subdomain(value)).toEqual([]);
    },
  );

  // TestIsDNS1123Subdomain badValues (a selection)
  test.each(['', 'A', 'aBc', '-', 'a-', '-a', '_a', 'a_b', '.', 'a.', '.a', 'a..b', ' ', 'a b', 'A.a', 'ab.A', 'a@b', 'a:b', 'a'.repeat(254)])(
    'rejects %j',
    (value) => {
      expect(isDNS1123Subdomain(value).length).toBeGreaterThan(0);
    },
  );

  test('a bad subdomain gets the RFC 1123 message with its example', () => {
    expect(isDNS1123Subdomain('a_b')).toEqual([SUBDOMAIN_REGEX_MSG]);
  });
});
