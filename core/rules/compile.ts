/**
 * The compiled evaluator: a rule list turned once into a synchronous function
 * `(facts) => FiredEvent[]` for hot paths (the scheduler runs its policy per pod per node).
 *
 * It fires exactly the events the reference evaluator (json-rules-engine) fires, in the same
 * order: rules by descending priority, then in file order. A rule whose evaluation throws in
 * json-rules-engine (`in` against a fact reference that is not a list) throws here too.
 * The returned events are frozen and shared between evaluations; only the array is new.
 */
import { compileConditionWith, type Predicate } from './compile-condition';
import { factReads } from './fact-reads';
import type { Facts, FiredEvent, Rule } from './types';

/** A compiled rule list. */
export type CompiledRules = (facts: Facts) => FiredEvent[];

/** Compiles rules (as `loadRuleFile` returns them) into one synchronous evaluator. */
export function compileRules(rules: readonly Rule[]): CompiledRules {
  // json-rules-engine runs rules in priority sets, highest first; a stable sort keeps file order within a set.
  const ordered = rules.map((rule, index) => ({ rule, index })).sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index);
  // One set of fact reads for the whole list: rules that look at the same fields share the loads.
  const reads = factReads();
  const tests: Predicate[] = ordered.map(({ rule }) => compileConditionWith(rule.conditions, reads));
  const events: FiredEvent[] = ordered.map(({ rule }) => Object.freeze({ rule: rule.name, type: rule.event.type, params: rule.event.params }));
  const count = tests.length;
  return (facts) => {
    reads.begin();
    const fired: FiredEvent[] = [];
    for (let i = 0; i < count; i++) if (tests[i]!(facts)) fired.push(events[i]!);
    return fired;
  };
}
