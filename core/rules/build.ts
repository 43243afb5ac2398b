/**
 * Builds the typed, frozen rule file from data the checks in `validate.ts` accepted: only the
 * fields the format defines are copied, `priority` gets json-rules-engine's default of 1 and
 * `event.params` defaults to `{}`. The result is frozen so evaluators can share its objects.
 */
import { isMap, type Data } from './validate';
import type { BooleanCondition, Condition, FactReference, JsonValue, Rule, RuleFile } from './types';

const has = (data: Data, key: string) => Object.hasOwn(data, key);

/** Builds the typed rule file from data `checkRuleFileData` found no issue in. */
export function buildRuleFile(data: Data, fileName: string): RuleFile {
  const facts = data.facts as Record<string, string> | undefined;
  return deepFreeze({
    fileName,
    name: data.name as string,
    ...(data.description !== undefined && { description: data.description as string }),
    ...(facts !== undefined && { facts: { ...facts } }),
    rules: (data.rules as Data[]).map(buildRule),
  });
}

function buildRule(data: Data): Rule {
  const event = data.event as Data;
  return {
    name: data.name as string,
    ...(data.description !== undefined && { description: data.description as string }),
    priority: (data.priority as number | undefined) ?? 1,
    conditions: buildCondition(data.conditions as Data) as BooleanCondition,
    event: { type: event.type as string, params: structuredClone((event.params ?? {}) as Record<string, JsonValue>) },
  };
}

function buildCondition(data: Data): Condition {
  const common = {
    ...(data.name !== undefined && { name: data.name as string }),
    ...(data.priority !== undefined && { priority: data.priority as number }),
  };
  if (has(data, 'all')) return { all: (data.all as Data[]).map(buildCondition), ...common };
  if (has(data, 'any')) return { any: (data.any as Data[]).map(buildCondition), ...common };
  if (has(data, 'not')) return { not: buildCondition(data.not as Data), ...common };
  const value = data.value;
  const reference = isMap(value) && Object.hasOwn(value, 'fact') ? buildReference(value) : undefined;
  return {
    fact: data.fact as string,
    ...(data.path !== undefined && { path: data.path as string }),
    operator: data.operator as string,
    value: reference ?? structuredClone(value as JsonValue),
    ...common,
  };
}

function buildReference(data: Data): FactReference {
  return { fact: data.fact as string, ...(data.path !== undefined && { path: data.path as string }) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
