/**
 * Syntax rules for names and keys, returning upstream's messages (an empty list means
 * valid). `metadata.name` is a DNS-1123 subdomain for most kinds, a DNS-1123 label for
 * Namespaces and a DNS-1035 label for Services.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
 * (IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label, IsValidPortName, IsValidPercent,
 * IsConfigMapKey, RegexError) and staging/src/k8s.io/apimachinery/pkg/api/validation/generic.go
 * (NameIsDNSSubdomain and friends, which let a generateName prefix end in '-').
 */
import { match } from 'ts-pattern';

/** The string formats a schema may ask for. */
export type StringFormat =
  | 'dns1123Label'
  | 'dns1123Subdomain'
  | 'dns1035Label'
  | 'wildcardDns1123Subdomain'
  | 'portName'
  | 'configMapKey'
  | 'percent';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const WILDCARD_DNS1123_SUBDOMAIN_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const PERCENT_FMT = '[0-9]+%';

const whole = (fmt: string) => new RegExp(`^${fmt}$`);
const dns1123Label = whole(DNS1123_LABEL_FMT);
const dns1123Subdomain = whole(DNS1123_SUBDOMAIN_FMT);
const dns1035Label = whole(DNS1035_LABEL_FMT);
const wildcardSubdomain = whole(WILDCARD_DNS1123_SUBDOMAIN_FMT);
const configMapKey = whole(CONFIG_MAP_KEY_FMT);
const percent = whole(PERCENT_FMT);

/** Go's `len(s)`: the length in UTF-8 bytes. */
const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** Upstream `MaxLenError`. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** Upstream `InclusiveRangeError`. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** Upstream `RegexError`: a message, examples, and the regular expression used. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  // Upstream appends "', " after each example and " or " before all but the first,
  // which is why two spaces precede "or".
  const shown = examples.map((example, i) => `${i > 0 ? ' or ' : ''}'${example}', `).join('');
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

/** Upstream `IsDNS1123Label`. */
export function isDNS1123Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!dns1123Label.test(value)) {
    // A valid subdomain that is not a valid label can only be failing on its dots.
    if (dns1123Subdomain.test(value)) errors.push('must not contain dots');
    else
      errors.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
  }
  return errors;
}

/** Upstream `IsDNS1123Subdomain`. */
export function isDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!dns1123Subdomain.test(value))
    errors.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  return errors;
}

/** Upstream `IsDNS1035Label`. */
export function isDNS1035Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLenError(63));
  if (!dns1035Label.test(value))
    errors.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        'my-name',
        'abc-123',
      ),
    );
  return errors;
}

/** Upstream `IsWildcardDNS1123Subdomain` (`*.example.com`). */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!wildcardSubdomain.test(value))
    errors.push(
      regexError(
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
        WILDCARD_DNS1123_SUBDOMAIN_FMT,
        '*.example.com',
      ),
    );
  return errors;
}

/** Upstream `IsValidPortName` (an IANA service name, at most 15 characters). */
export function isValidPortName(port: string): string[] {
  const errors: string[] = [];
  if (byteLength(port) > 15) errors.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errors.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errors.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errors.push('must not begin or end with a hyphen');
  return errors;
}

/** Upstream `IsValidPortNum`: 1 to 65535. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** Upstream `IsValidPercent` (`25%`). */
export function isValidPercent(value: string): string[] {
  return percent.test(value) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%')];
}

/** Upstream `IsConfigMapKey`: keys of ConfigMap and Secret data. */
export function isConfigMapKey(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLenError(253));
  if (!configMapKey.test(value))
    errors.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  if (value === '.') errors.push("must not be '.'");
  else if (value === '..') errors.push("must not be '..'");
  else if (value.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

/**
 * Checks `value` against a format. With `prefix` (a `generateName`), a trailing '-' is
 * allowed, as upstream's `NameIsDNSSubdomain(name, true)` masks it before checking.
 */
export function formatErrors(format: StringFormat, value: string, prefix = false): string[] {
  const masked = prefix && value.length > 1 && value.endsWith('-') ? `${value.slice(0, -1)}a` : value;
  return match(format)
    .with('dns1123Label', () => isDNS1123Label(masked))
    .with('dns1123Subdomain', () => isDNS1123Subdomain(masked))
    .with('dns1035Label', () => isDNS1035Label(masked))
    .with('wildcardDns1123Subdomain', () => isWildcardDNS1123Subdomain(masked))
    .with('portName', () => isValidPortName(value))
    .with('configMapKey', () => isConfigMapKey(value))
    .with('percent', () => isValidPercent(value))
    .exhaustive();
}
