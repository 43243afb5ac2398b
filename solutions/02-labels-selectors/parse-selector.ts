/**
 * Kata 02-parse-selector: turn `env in (prod,qa),tier!=fe,!canary,app` into a Selector.
 *
 * A lexer cuts the text into tokens, then a recursive-descent parser reads requirements
 * separated by commas. Every requirement goes through newRequirement, so a bad key or value
 * fails the parse with the same message the API would give.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Lexer, Parser, Parse).
 */
import { fieldInvalid } from '../../core/labels/field-errors';
import type { Operator, Requirement, Selector } from '../../core/labels/types';
import { isQualifiedName } from '@kata/02-labels-selectors/label-validation';
import { newRequirement } from '@kata/02-labels-selectors/requirement';

type TokenType = 'identifier' | 'end' | 'error' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'in' | 'notin';
type Token = { type: TokenType; literal: string };

/** The symbol tokens; the word tokens are `in` and `notin`, everything else is an identifier. */
const SYMBOLS: Record<string, TokenType> = { '(': '(', ')': ')', ',': ',', '!': '!', '!=': '!=', '=': '=', '==': '==', '>': '>', '<': '<' };
const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => '=!(),><'.includes(ch) && ch !== '';

const END = '\0'; // Go's lexer reads byte 0 at the end of the input (and for a NUL in it)

/** Upstream Lexer + Parser.scan: every token up to and including the end of the string. */
function scan(s: string): Token[] {
  let pos = 0;
  const read = () => (pos < s.length ? (s[pos++] ?? END) : END);
  const unread = () => void pos--;

  const scanIdOrKeyword = (): Token => {
    let buffer = '';
    for (let ch = read(); ch !== END; ch = read()) {
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        unread();
        break;
      }
      buffer += ch;
    }
    return { type: buffer === 'in' || buffer === 'notin' ? buffer : 'identifier', literal: buffer };
  };

  // Longest match: keep reading symbols while they still spell a token.
  const scanSpecialSymbol = (): Token => {
    let last: Token | undefined;
    let buffer = '';
    for (let ch = read(); ch !== END; ch = read()) {
      if (!isSpecialSymbol(ch)) {
        unread();
        break;
      }
      buffer += ch;
      const type = Object.hasOwn(SYMBOLS, buffer) ? SYMBOLS[buffer] : undefined;
      if (type !== undefined) last = { type, literal: buffer };
      else if (last !== undefined) {
        unread();
        break;
      }
    }
    return last ?? { type: 'error', literal: `error expected: keyword found '${buffer}'` };
  };

  const tokens: Token[] = [];
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (ch === END) break;
    unread();
    tokens.push(isSpecialSymbol(ch) ? scanSpecialSymbol() : scanIdOrKeyword());
  }
  tokens.push({ type: 'end', literal: '' });
  return tokens;
}

/**
 * Upstream Parse. Throws an Error with upstream's message when the text is not a selector,
 * e.g. `found ')', expected: ',' or 'end of string'` or
 * `unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt`.
 *
 * The result's requirements are sorted by key (stable) and each requirement's values are
 * sorted without duplicates. `""` parses to the selector that matches everything.
 */
export function parseSelector(text: string): Selector {
  const items = scan(text);
  let position = 0;
  // In a value position `in` and `notin` are plain words: `x in (in,notin)`, `notin=in`.
  const asValue = (t: Token): Token => (t.type === 'in' || t.type === 'notin' ? { ...t, type: 'identifier' } : t);
  const lookahead = (): Token => asValue(items[position] ?? items[items.length - 1]!);
  const consume = (asValues = true): Token => {
    const t = items[position] ?? items[items.length - 1]!;
    position++;
    return asValues ? asValue(t) : t;
  };

  const parseRequirement = (): Requirement => {
    // [!] KEY, and with nothing after the key the operator is `exists` (or `!`)
    let t = consume();
    const negated = t.type === '!';
    if (negated) t = consume();
    if (t.type !== 'identifier') throw new Error(`found '${t.literal}', expected: identifier`);
    const key = t.literal;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length > 0) throw new Error(fieldInvalid(null, key, keyErrs.join('; ')));
    const next = lookahead().type;
    if (negated) return newRequirement(key, '!', []);
    if (next === 'end' || next === ',') return newRequirement(key, 'exists', []);

    const op = consume(false);
    const operator = OPERATOR_TOKENS[op.type];
    if (operator === undefined) throw new Error(`found '${op.literal}', expected: in, notin, =, ==, !=, gt, lt`);
    const values = operator === 'in' || operator === 'notin' ? parseValueSet() : parseExactValue();
    return newRequirement(key, operator, [...new Set(values)].sort());
  };

  // "(" VALUE {"," VALUE} ")", where a missing value between commas is ""
  const parseValueSet = (): string[] => {
    const open = consume();
    if (open.type !== '(') throw new Error(`found '${open.literal}' expected: '('`);
    const first = lookahead();
    if (first.type === ')') {
      consume();
      return [''];
    }
    if (first.type !== 'identifier' && first.type !== ',') throw new Error(`found '${first.literal}', expected: ',', ')' or identifier`);
    const values: string[] = [];
    for (;;) {
      const t = consume();
      if (t.type === 'identifier') {
        values.push(t.literal);
        const after = lookahead();
        if (after.type === ')') break;
        if (after.type !== ',') throw new Error(`found '${after.literal}', expected: ',' or ')'`);
      } else if (t.type === ',') {
        if (values.length === 0) values.push(''); // "(,"
        const after = lookahead().type;
        if (after === ')') {
          values.push(''); // ",)"
          break;
        }
        if (after === ',') values.push(''); // ",,"
      } else throw new Error(`found '${t.literal}', expected: ',', or identifier`);
    }
    consume(); // the ")" seen by lookahead
    return values;
  };

  const parseExactValue = (): string[] => {
    const next = lookahead();
    if (next.type === 'end' || next.type === ',') return ['']; // "x=" means x is ""
    const t = consume();
    if (t.type !== 'identifier') throw new Error(`found '${t.literal}', expected: identifier`);
    return [t.literal];
  };

  const requirements: Requirement[] = [];
  for (;;) {
    const t = lookahead();
    if (t.type === 'end') break;
    if (t.type !== 'identifier' && t.type !== '!') throw new Error(`found '${t.literal}', expected: !, identifier, or 'end of string'`);
    try {
      requirements.push(parseRequirement());
    } catch (e) {
      throw new Error(`unable to parse requirement: ${(e as Error).message}`);
    }
    const after = consume();
    if (after.type === 'end') break;
    if (after.type !== ',') throw new Error(`found '${after.literal}', expected: ',' or 'end of string'`);
    const following = lookahead();
    if (following.type !== 'identifier' && following.type !== '!') {
      throw new Error(`found '${following.literal}', expected: identifier after ','`);
    }
  }
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { type: 'requirements', requirements };
}

/** The binary operators and the token that spells each (parseOperator). */
const OPERATOR_TOKENS: Partial<Record<TokenType, Operator>> = {
  in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt',
};
