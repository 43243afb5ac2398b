/**
 * The label selector string syntax (`env in (prod,qa),tier!=fe,!canary,app`), parsed into
 * requirements as `labels.Parse` does: the same tokens, the same grammar, the same checks on
 * keys and values. Self-contained: chapter 02 has the learner write this parser as a kata,
 * and core must not depend on kata code.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Lexer, Parser, parse,
 * NewRequirement).
 */
import { labelKeyProblem, labelValueProblem, parseInt64 } from './label-syntax';

/** A requirement's operator, spelled as upstream's `selection.Operator`. */
export type RequirementOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** One requirement of a selector; a selector is the AND of its requirements. */
export type Requirement = { readonly key: string; readonly operator: RequirementOperator; readonly values: readonly string[] };

type Token = 'identifier' | 'in' | 'notin' | '!' | '=' | '==' | '!=' | '>' | '<' | ',' | '(' | ')' | 'end' | 'error';
type Item = { token: Token; literal: string };

const SYMBOLS: Record<string, Token> = { '!': '!', '!=': '!=', '=': '=', '==': '==', '>': '>', '<': '<', ',': ',', '(': '(', ')': ')' };
const isSpecial = (ch: string) => '=!(),><'.includes(ch);
const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

/** Upstream's Lexer: identifiers run until a special symbol or a blank; symbols match greedily. */
function scan(input: string): Item[] {
  // The Go lexer reads a NUL byte as the end of the input.
  const text = input.includes('\0') ? input.slice(0, input.indexOf('\0')) : input;
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && isSpace(text[pos]!)) pos++;
    if (pos >= text.length) return [...items, { token: 'end', literal: '' }];
    if (isSpecial(text[pos]!)) {
      const two = text.slice(pos, pos + 2);
      const literal = SYMBOLS[two] !== undefined ? two : text[pos]!;
      items.push({ token: SYMBOLS[literal]!, literal });
      pos += literal.length;
    } else {
      const start = pos;
      while (pos < text.length && !isSpecial(text[pos]!) && !isSpace(text[pos]!)) pos++;
      const literal = text.slice(start, pos);
      items.push({ token: literal === 'in' || literal === 'notin' ? literal : 'identifier', literal });
    }
  }
}

/** The requirements a selector string spells, or a message in upstream's words. */
export function parseSelector(input: string): Requirement[] | { error: string } {
  const items = scan(input);
  let position = 0;
  // In a value position `in` and `notin` are plain identifiers ("x in (in)").
  const asValue = (item: Item): Item => (item.token === 'in' || item.token === 'notin' ? { ...item, token: 'identifier' } : item);
  const peek = () => asValue(items[position]!);
  const next = (values = true) => (values ? asValue(items[position++]!) : items[position++]!);
  const fail = (message: string) => ({ error: message });

  function values(): Set<string> | { error: string } {
    const open = next();
    if (open.token !== '(') return fail(`found '${open.literal}' expected: '('`);
    if (peek().token === ')') return next(), new Set(['']);
    if (peek().token !== 'identifier' && peek().token !== ',') return fail(`found '${peek().literal}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const item = next();
      if (item.token === 'identifier') {
        set.add(item.literal);
        if (peek().token === ')') break;
        if (peek().token !== ',') return fail(`found '${peek().literal}', expected: ',' or ')'`);
      } else if (item.token === ',') {
        // Empty entries ("(,a)", "(a,)", "(a,,b)") are the empty value.
        if (set.size === 0 || peek().token === ')' || peek().token === ',') set.add('');
        if (peek().token === ')') break;
      } else return fail(`found '${item.literal}', expected: ',', or identifier`);
    }
    next();
    return set;
  }

  function requirement(): Requirement | { error: string } {
    let item = next();
    const negated = item.token === '!';
    if (negated) item = next();
    if (item.token !== 'identifier') return fail(`found '${item.literal}', expected: identifier`);
    const key = item.literal;
    const keyProblem = labelKeyProblem(key);
    if (keyProblem !== undefined) return fail(`key: Invalid value: "${key}": ${keyProblem}`);
    if (negated) return { key, operator: '!', values: [] };
    if (peek().token === 'end' || peek().token === ',') return { key, operator: 'exists', values: [] };
    const op = next(false);
    const operator = ({ in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' } as const)[op.token as string];
    if (operator === undefined) return fail(`found '${op.literal}', expected: in, notin, =, ==, !=, gt, lt`);
    let found: Set<string> | { error: string };
    if (operator === 'in' || operator === 'notin') found = values();
    else if (peek().token === 'end' || peek().token === ',') found = new Set(['']);
    else {
      const value = next();
      found = value.token === 'identifier' ? new Set([value.literal]) : fail(`found '${value.literal}', expected: identifier`);
    }
    if (!(found instanceof Set)) return found;
    return newRequirement(key, operator, [...found].sort());
  }

  const requirements: Requirement[] = [];
  for (;;) {
    const head = peek();
    if (head.token === 'end') return requirements;
    if (head.token !== 'identifier' && head.token !== '!') return fail(`found '${head.literal}', expected: !, identifier, or 'end of string'`);
    const parsed = requirement();
    if ('error' in parsed) return fail(`unable to parse requirement: ${parsed.error}`);
    requirements.push(parsed);
    const after = next();
    if (after.token === 'end') return requirements;
    if (after.token !== ',') return fail(`found '${after.literal}', expected: ',' or 'end of string'`);
    if (peek().token !== 'identifier' && peek().token !== '!') return fail(`found '${peek().literal}', expected: identifier after ','`);
  }
}

/** Upstream's NewRequirement: checks the key, the number of values for the operator, and each value. */
export function newRequirement(key: string, operator: RequirementOperator, values: readonly string[]): Requirement | { error: string } {
  const keyProblem = labelKeyProblem(key);
  if (keyProblem !== undefined) return { error: `key: Invalid value: "${key}": ${keyProblem}` };
  const count = values.length;
  if ((operator === 'in' || operator === 'notin') && count === 0) return { error: "values: for 'in', 'notin' operators, values set can't be empty" };
  if ((operator === '=' || operator === '==' || operator === '!=') && count !== 1) return { error: 'values: exact-match compatibility requires one single value' };
  if ((operator === 'exists' || operator === '!') && count !== 0) return { error: 'values: values set must be empty for exists and does not exist' };
  if (operator === 'gt' || operator === 'lt') {
    if (count !== 1) return { error: "values: for 'Gt', 'Lt' operators, exactly one value is required" };
    if (parseInt64(values[0]!) === undefined) return { error: `values[0]: Invalid value: "${values[0]}": for 'Gt', 'Lt' operators, the value must be an integer` };
  }
  for (const [i, value] of values.entries()) {
    const problem = labelValueProblem(value);
    if (problem !== undefined) return { error: `values[${i}][${key}]: Invalid value: "${value}": ${problem}` };
  }
  return { key, operator, values };
}
