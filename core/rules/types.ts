/**
 * Rules as plain data: the shape of a rule file once the loader has checked it.
 *
 * The condition and event shapes are json-rules-engine's own (docs/rules.md: "Conditions",
 * "Boolean expressions: all, any, and not", "Condition helpers: path", "Comparing facts",
 * "Events"), narrowed to what both evaluators support: no shared `condition` references, no
 * fact `params` (facts here are plain values, and json-rules-engine only passes `params` to
 * computed facts), and only the simple JSONPath subset described in `json-path.ts`.
 */

/** Data as JSON (and YAML read with the core schema) can express it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A fact's value taken as a condition's `value` (json-rules-engine docs/rules.md, "Comparing
 * facts"): `{ fact: node, path: $.metadata.name }`.
 */
export type FactReference = { readonly fact: string; readonly path?: string };

/**
 * A fact test: the value of `fact` (at `path`) compared with `value` by `operator`
 * (json-rules-engine docs/rules.md, "Basic conditions").
 */
export type FactCondition = {
  readonly fact: string;
  readonly path?: string;
  readonly operator: string;
  readonly value: JsonValue | FactReference;
  readonly name?: string;
  /** Higher runs first among its siblings; json-rules-engine's default is 1. */
  readonly priority?: number;
};

/** Every condition in the list must hold. An empty list holds. */
export type AllCondition = { readonly all: readonly Condition[]; readonly name?: string; readonly priority?: number };
/** At least one condition in the list must hold. json-rules-engine treats an empty list as true. */
export type AnyCondition = { readonly any: readonly Condition[]; readonly name?: string; readonly priority?: number };
/** The condition must not hold. */
export type NotCondition = { readonly not: Condition; readonly name?: string; readonly priority?: number };

/** `all`, `any` or `not`: what a rule's `conditions` must be at its root. */
export type BooleanCondition = AllCondition | AnyCondition | NotCondition;

/** Any node of a condition tree. */
export type Condition = BooleanCondition | FactCondition;

/** What a rule emits when its conditions hold (json-rules-engine docs/rules.md, "Events"). */
export type RuleEvent = { readonly type: string; readonly params: { readonly [key: string]: JsonValue } };

/** One rule: a name, a priority, a condition tree and the event it fires. */
export type Rule = {
  readonly name: string;
  readonly description?: string;
  /** Rules with a higher priority run first; the loader fills in json-rules-engine's default, 1. */
  readonly priority: number;
  readonly conditions: BooleanCondition;
  readonly event: RuleEvent;
};

/** A loaded rule file. */
export type RuleFile = {
  /** The file name given to the loader, used in messages and docs. */
  readonly fileName: string;
  readonly name: string;
  readonly description?: string;
  /** The facts the rules may use, with what each holds, when the file declares them. */
  readonly facts?: { readonly [fact: string]: string };
  readonly rules: readonly Rule[];
};

/**
 * The facts one evaluation sees: fact name to value. Facts are plain data; a fact that is
 * absent is `undefined` (json-rules-engine's `allowUndefinedFacts: true`).
 */
export type Facts = { readonly [fact: string]: unknown };

/**
 * An event fired by an evaluation, with the name of the rule that fired it. Both evaluators
 * return these in the same order: higher rule priority first, then file order.
 */
export type FiredEvent = {
  readonly rule: string;
  readonly type: string;
  readonly params: { readonly [key: string]: JsonValue };
};

/** Tells a fact reference apart from a literal value, the way json-rules-engine's Almanac does. */
export function isFactReference(value: unknown): value is FactReference {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, 'fact');
}

/** Tells `all`/`any`/`not` nodes from fact tests. */
export function isBooleanCondition(condition: Condition): condition is BooleanCondition {
  return 'all' in condition || 'any' in condition || 'not' in condition;
}
