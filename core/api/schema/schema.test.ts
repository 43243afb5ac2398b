/**
 * Tests of the given schema plumbing: the registry covers every kind, the name rules and
 * base64 checks agree with upstream, and YAML documents read the way kubectl reads them.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { base64Error } from './base64';
import { readYamlDocuments } from './documents';
import { KINDS_WITHOUT_SCHEMA, schemaForKind } from './index';
import { isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPortName, regexError } from './names';
import { integerRangeError, int32 } from './schema';

describe('registry', () => {
  test('every kind of core/api/kinds.ts has a schema', () => {
    expect(KINDS_WITHOUT_SCHEMA).toEqual([]);
  });

  test('a kind the cluster does not serve has no schema', () => {
    expect(schemaForKind('Foo')).toBeUndefined();
  });
});

describe('names', () => {
  // TestIsDNS1123Label in staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go.
  test.each(['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a'.repeat(63)])('%s is a DNS-1123 label', (name) => {
    expect(isDNS1123Label(name)).toEqual([]);
  });

  test.each(['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'a'.repeat(64)])(
    '%j is not a DNS-1123 label',
    (name) => {
      expect(isDNS1123Label(name)).not.toEqual([]);
    },
  );

  test('upstream puts two spaces before "or" between examples', () => {
    expect(regexError('msg', 'fmt', 'a', 'b')).toBe("msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')");
  });

  test('subdomains allow dots, DNS-1035 labels must start with a letter', () => {
    expect(isDNS1123Subdomain('example.com')).toEqual([]);
    expect(isDNS1035Label('1abc')).not.toEqual([]);
    expect(isDNS1035Label('abc-1')).toEqual([]);
  });

  // TestIsValidPortName.
  test('port names follow the IANA rules', () => {
    for (const good of ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3']) expect(isValidPortName(good), good).toEqual([]);
    for (const bad of ['longerthan15characters', '', 'h'.repeat(16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', 'whois++']) expect(isValidPortName(bad), bad).not.toEqual([]);
  });

  test('config keys may not start with two dots', () => {
    expect(isConfigMapKey('..data')).toEqual(["must not start with '..'"]);
    expect(isConfigMapKey('game.properties')).toEqual([]);
  });

  test('an integer range names both bounds, a lower bound of 0 reads as non-negative', () => {
    expect(integerRangeError(int32({ min: 1, max: 65535 }), 0)).toBe('must be between 1 and 65535, inclusive');
    expect(integerRangeError(int32({ min: 0 }), -1)).toBe('must be greater than or equal to 0');
    expect(integerRangeError(int32({ min: 0 }), 5)).toBeUndefined();
  });
});

describe('base64', () => {
  test('valid padded base64 has no error, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(base64Error(Buffer.from(bytes).toString('base64'))).toBeUndefined();
      }),
    );
  });

  test('errors name the byte Go names', () => {
    expect(base64Error('hunter2')).toBe('illegal base64 data at input byte 4');
    expect(base64Error('YWRt!W4=')).toBe('illegal base64 data at input byte 4');
    expect(base64Error('YQ')).toBe('illegal base64 data at input byte 0');
    expect(base64Error('YQ==YQ==')).toBe('illegal base64 data at input byte 4');
    expect(base64Error('YWRt\naW4=')).toBeUndefined();
  });
});

describe('documents', () => {
  test('YAML 1.1 booleans are booleans and timestamps stay strings', () => {
    expect(readYamlDocuments('a: yes\nb: on\nc: 2024-01-01T00:00:00Z\n')).toEqual([{ type: 'value', index: 1, value: { a: true, b: true, c: '2024-01-01T00:00:00Z' } }]);
  });

  test('empty documents keep their place in the count', () => {
    expect(readYamlDocuments('a: 1\n---\n# nothing\n---\nb: 2\n').map((d) => [d.type, d.index])).toEqual([
      ['value', 1],
      ['empty', 2],
      ['value', 3],
    ]);
  });

  test('a value JSON cannot hold is refused as sigs.k8s.io/yaml refuses it', () => {
    expect(readYamlDocuments('a: .nan\n')).toEqual([{ type: 'error', index: 1, message: 'error converting YAML to JSON: json: unsupported value: NaN' }]);
  });

  test('reading never throws', () => {
    fc.assert(fc.property(fc.string(), (text) => void readYamlDocuments(text)), { numRuns: 300 });
  });
});
