/**
 * The key property of core/rules: the compiled evaluator and json-rules-engine fire the same
 * events in the same order, or both fail, on generated rule files and facts.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runs } from '../testing/runs';
import { compileRules } from './compile';
import { validateRuleFile } from './loader';
import { referenceEvaluator } from './reference';
import { factsArbitrary, ruleFileDataArbitrary } from './testing/arbitraries';
import type { Facts, FiredEvent, Rule } from './types';

type Outcome = { events: FiredEvent[] } | { threw: true };

async function reference(rules: readonly Rule[], facts: Facts): Promise<Outcome> {
  try {
    return { events: await referenceEvaluator(rules)(facts) };
  } catch {
    return { threw: true };
  }
}

function compiled(rules: readonly Rule[], facts: Facts): Outcome {
  try {
    return { events: compileRules(rules)(facts) };
  } catch {
    return { threw: true };
  }
}

function load(data: unknown): readonly Rule[] {
  const result = validateRuleFile(data, 'generated.rules.yaml');
  if (!result.ok) throw new Error(`the generator made a file the loader rejects:\n${JSON.stringify(result.issues, null, 2)}`);
  return result.ruleFile.rules;
}

describe('compiled rules agree with json-rules-engine', () => {
  test('every generated rule file loads', () => {
    fc.assert(fc.property(ruleFileDataArbitrary, (data) => void load(data)), runs(200));
  });

  test('both evaluators fire the same events in the same order, or both throw', async () => {
    await fc.assert(
      fc.asyncProperty(ruleFileDataArbitrary, fc.array(factsArbitrary, { minLength: 1, maxLength: 4 }), async (data, factSets) => {
        const rules = load(data);
        for (const facts of factSets) {
          expect(compiled(rules, facts), `facts: ${JSON.stringify(facts)}`).toEqual(await reference(rules, facts));
        }
      }),
      runs(500),
    );
  });

  test('one prepared engine gives the same answers as a fresh engine per evaluation', async () => {
    await fc.assert(
      fc.asyncProperty(ruleFileDataArbitrary, fc.array(factsArbitrary, { minLength: 2, maxLength: 4 }), async (data, factSets) => {
        const rules = load(data);
        const prepared = referenceEvaluator(rules);
        const shared = await Promise.all(factSets.map((facts) => prepared(facts).then((events) => ({ events }), () => ({ threw: true }))));
        const fresh = await Promise.all(factSets.map((facts) => reference(rules, facts)));
        expect(shared).toEqual(fresh);
      }),
      runs(50),
    );
  });
});
