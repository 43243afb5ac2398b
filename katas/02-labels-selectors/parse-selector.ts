/**
 * Kata 02-parse-selector: turn `env in (prod,qa),tier!=fe,!canary,app` into a Selector.
 *
 * A lexer cuts the text into tokens, then a recursive-descent parser reads requirements
 * separated by commas. Every requirement goes through newRequirement, so a bad key or value
 * fails the parse with the same message the API would give.
 *
 * Upstream: staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Lexer, Parser, Parse).
 */
import { notImplemented } from '../../core/kata/not-implemented';
import type { Selector } from '../../core/labels/types';

// TODO(kata): write a lexer (identifiers end at whitespace or at one of = ! ( ) , > <; the
// words `in` and `notin` are keywords; symbols are read longest-first, so `!=` beats `!`), then
// a parser for
//   <selector>    ::= <requirement> | <requirement> "," <selector>
//   <requirement> ::= [!] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
// Validate the key as soon as it is read, build each requirement with newRequirement
// (@kata/02-labels-selectors/requirement) and sort the result by key. The error messages are
// upstream's; the tests list them.

/**
 * Upstream Parse. Throws an Error with upstream's message when the text is not a selector,
 * e.g. `found ')', expected: ',' or 'end of string'` or
 * `unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt`.
 *
 * The result's requirements are sorted by key (stable) and each requirement's values are
 * sorted without duplicates. `""` parses to the selector that matches everything.
 */
export function parseSelector(text: string): Selector {
  return notImplemented('02-parse-selector');
}
