/**
 * Checks base64 text the way Go's `encoding/base64.StdEncoding` decodes it, which is what
 * kube-apiserver does with Secret `data` and ConfigMap `binaryData` values: padded standard
 * alphabet, line breaks ignored. The error names the first bad byte, as Go's
 * `CorruptInputError` does.
 *
 * Upstream: Go's src/encoding/base64/base64.go (decodeQuantum), used by encoding/json for `[]byte`.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const valid = new Set(Array.from(ALPHABET, (c) => c.charCodeAt(0)));
const PAD = '='.charCodeAt(0);
const isNewline = (b: number | undefined) => b === 10 || b === 13;

/** Go's `CorruptInputError` text. */
export function corruptInputError(offset: number): string {
  return `illegal base64 data at input byte ${offset}`;
}

/** Returns Go's error for `text`, or undefined when it is valid base64. */
export function base64Error(text: string): string | undefined {
  const src = new TextEncoder().encode(text);
  let si = 0;
  // Each round reads one quantum of four symbols, as Go's decodeQuantum does.
  while (si < src.length) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return corruptInputError(si - j);
      }
      const b = src[si] as number;
      si++;
      if (valid.has(b)) continue;
      if (isNewline(b)) {
        j--;
        continue;
      }
      if (b !== PAD) return corruptInputError(si - 1);
      // Padding: only after two or three symbols, and then the input must end.
      if (j < 2) return corruptInputError(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return corruptInputError(src.length);
        if (src[si] !== PAD) return corruptInputError(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      return si < src.length ? corruptInputError(si) : undefined;
    }
  }
  return undefined;
}
