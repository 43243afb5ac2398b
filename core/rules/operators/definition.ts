/**
 * What an operator is, as data both evaluators share.
 *
 * json-rules-engine models an operator as a name, a callback `(factValue, jsonValue) =>
 * boolean` and an optional fact validator that makes the operator false without calling the
 * callback (operator.js `evaluate`: `validator(factValue) && cb(factValue, jsonValue)`;
 * docs/engine.md "engine.addOperator"). A definition here splits the callback in two: `prepare`
 * turns the condition's value into what `test` needs (a parsed selector, a quantity), so the
 * compiled evaluator can prepare a literal value once instead of on every evaluation.
 */
import type { JsonValue } from '../types';

/**
 * What is known about a condition's value before evaluation: the literal from the rule file,
 * or `undefined` when the value is a fact reference, known only at evaluation time.
 */
export type KnownValue = { readonly literal: unknown } | undefined;

/** One operator, used by both evaluators. */
export type OperatorDefinition<Prepared = unknown> = {
  readonly name: string;
  /** One line for the docs: what holds when the operator is true. */
  readonly summary: string;
  /** What the fact should be, for the docs. */
  readonly fact: string;
  /** What the value should be, for the docs. */
  readonly value: string;
  /** `json-rules-engine` for its built-in operators (mirrored here), `core` for ours. */
  readonly origin: 'json-rules-engine' | 'core';
  /** json-rules-engine's fact validator: when it says no, the operator is false. */
  readonly acceptsFact?: (factValue: unknown) => boolean;
  /** Checks a literal value at load time: `undefined` when it is fine, else what would be valid. */
  readonly checkValue: (value: JsonValue) => string | undefined;
  /** The value in the form `test` wants. Never throws: a bad value prepares to "never matches". */
  readonly prepare: (value: unknown) => Prepared;
  readonly test: (factValue: unknown, prepared: Prepared) => boolean;
  /**
   * Whether evaluating can throw for some fact, given what is known of the value. json-rules-
   * engine's own operators can (`in` calls `value.indexOf`); ours never do.
   */
  readonly canThrow: (value: KnownValue) => boolean;
};

/**
 * An operator decorator (json-rules-engine v7, `someFact:equal`, `not:in`): wraps the operator
 * named after it (operator-decorator.js `decorate`).
 */
export type DecoratorDefinition = {
  readonly name: string;
  readonly summary: string;
  /** json-rules-engine's fact validator for the decorator itself. */
  readonly acceptsFact?: (factValue: unknown) => boolean;
  readonly apply: (factValue: unknown, value: unknown, next: (factValue: unknown, value: unknown) => boolean) => boolean;
  /** Whether `next` receives the condition's value unchanged (so it can be prepared once). */
  readonly passesValueThrough: boolean;
  /** Checks a literal value, given the check of what it wraps. */
  readonly checkValue: (value: JsonValue, inner: (value: JsonValue) => string | undefined) => string | undefined;
  /** Whether evaluating can throw, given the same question for what it wraps. */
  readonly canThrow: (value: KnownValue, inner: (value: KnownValue) => boolean) => boolean;
};

/**
 * Declares an operator whose `prepare` and `test` agree on a type, and stores it with the
 * others (the registry only ever hands a prepared value back to the `test` it came from).
 */
export function defineOperator<Prepared>(definition: OperatorDefinition<Prepared>): OperatorDefinition {
  return definition as unknown as OperatorDefinition;
}

/** An operator applied to a fact value and a condition value, as json-rules-engine's Operator.evaluate does. */
export function evaluateOperator(definition: OperatorDefinition, factValue: unknown, value: unknown): boolean {
  if (definition.acceptsFact !== undefined && !definition.acceptsFact(factValue)) return false;
  return definition.test(factValue, definition.prepare(value));
}

/** A JSON value printed for a message. */
export function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
