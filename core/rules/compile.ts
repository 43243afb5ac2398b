/**
 * The compiled evaluator: a rule list turned once into a synchronous function
 * `(facts) => FiredEvent[]` for hot paths (the scheduler runs its policy per pod per node).
 *
 * It fires exactly the events the reference evaluator (json-rules-engine) fires, in the same
 * order: rules by descending priority, then in file order. A rule whose evaluation throws in
 * json-rules-engine (`in` against a fact reference that is not a list) throws here too.
 * How conditions become code, and why that code means what json-rules-engine means, is in
 * generate.ts; `source` shows the result. Events are frozen and shared between evaluations;
 * only the returned array is new.
 */
import { condition, constant, link, program } from './generate';
import type { Condition, Facts, FiredEvent, Rule } from './types';

/** A compiled rule list, with the JavaScript it compiled to. */
export type CompiledRules = ((facts: Facts) => FiredEvent[]) & { readonly source: string };

/** A compiled condition, with the JavaScript it compiled to. */
export type Predicate = ((facts: Facts) => boolean) & { readonly source: string };

/** Compiles rules (as `loadRuleFile` returns them) into one synchronous evaluator. */
export function compileRules(rules: readonly Rule[]): CompiledRules {
  // json-rules-engine runs rules in priority sets, highest first; a stable sort keeps file order within a set.
  const ordered = rules.map((rule, index) => ({ rule, index })).sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index);
  const p = program();
  const body = ['const fired = [];'];
  for (const { rule, index } of ordered) {
    const event: FiredEvent = Object.freeze({ rule: rule.name, type: rule.event.type, params: rule.event.params });
    // The comment names the rule by index: its name is data and stays out of the source.
    body.push(`if (${condition(p, rule.conditions)}) fired.push(${constant(p, event)}); // rules[${index}]`);
  }
  body.push('return fired;');
  const { fn, source } = link<(facts: Facts) => FiredEvent[]>(p, body);
  return Object.assign(fn, { source });
}

/** Compiles one condition tree (a rule's `conditions`, or any node of one) into a predicate. */
export function compileCondition(c: Condition): Predicate {
  const p = program();
  const { fn, source } = link<(facts: Facts) => boolean>(p, [`return ${condition(p, c)};`]);
  return Object.assign(fn, { source });
}
