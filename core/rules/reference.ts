/**
 * The reference evaluator: json-rules-engine itself, asynchronous, as its docs describe it
 * (docs/engine.md "engine.run", "Options"; docs/rules.md). It is the definition of what a
 * rule file means; the compiled evaluator is checked against it.
 *
 * - The engine runs with `allowUndefinedFacts: true`: a fact the caller did not pass is
 *   `undefined` rather than an error, like a path that finds nothing.
 * - json-rules-engine keeps its own built-in operators and decorators; ours are added with
 *   `engine.addOperator`, from the same definitions the compiled evaluator uses.
 * - Events come back as the engine's successful rule results, ordered by descending rule
 *   priority and then file order. The engine runs the rules of one priority in parallel and
 *   reports them in whatever order their promises settle; file order is the stable reading of
 *   that, and the one the compiled evaluator gives.
 */
import { Engine, Operator, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { OPERATORS } from './operators/registry';
import type { Facts, FiredEvent, Rule } from './types';

/** A prepared reference evaluator. */
export type ReferenceEvaluator = (facts: Facts) => Promise<FiredEvent[]>;

/** Builds one json-rules-engine `Engine` for the rules, to run on many fact sets. */
export function referenceEvaluator(rules: readonly Rule[]): ReferenceEvaluator {
  let engine = buildEngine(rules);
  // `run` marks the engine running and later finished, so overlapping runs would cut each
  // other short: runs are queued. A run that rejects leaves its remaining rule sets still
  // settling inside that engine, so the next run gets a fresh one.
  let queue: Promise<unknown> = Promise.resolve();
  return (facts) => {
    const run = queue.then(() => engine.run(facts as Record<string, unknown>));
    queue = run.catch(() => {
      engine = buildEngine(rules);
    });
    return run.then(({ results }) =>
      results
        .map((result) => ({ index: Number(result.name), event: result.event }))
        .sort((a, b) => rules[b.index]!.priority - rules[a.index]!.priority || a.index - b.index)
        .map(({ index, event }) => ({ rule: rules[index]!.name, type: event!.type, params: event!.params ?? {} })),
    );
  };
}

function buildEngine(rules: readonly Rule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const op of OPERATORS) {
    if (op.origin === 'core') engine.addOperator(new Operator(op.name, (a: unknown, b: unknown) => op.test(a, op.prepare(b)), op.acceptsFact));
  }
  rules.forEach((rule, index) => {
    const properties: RuleProperties = {
      // The engine writes into the condition objects it is given, so it gets its own copy.
      conditions: structuredClone(rule.conditions) as unknown as TopLevelCondition,
      event: structuredClone(rule.event),
      priority: rule.priority,
      // The index, so results map back to rules whatever their names.
      name: String(index),
    };
    engine.addRule(properties);
  });
  return engine;
}

/** Evaluates rules on one fact set with json-rules-engine (builds a fresh engine each call). */
export function evaluateReference(rules: readonly Rule[], facts: Facts): Promise<FiredEvent[]> {
  return referenceEvaluator(rules)(facts);
}
