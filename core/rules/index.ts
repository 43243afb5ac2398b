/**
 * The declarative rules engine: rule files in json-rules-engine's format, loaded and checked,
 * then evaluated by json-rules-engine itself (`referenceEvaluator`, asynchronous) or by a
 * compiled predicate (`compileRules`, synchronous, for hot paths). README.md describes the
 * file format, the operators and the exact semantics both evaluators share.
 */
export type {
  AllCondition,
  AnyCondition,
  BooleanCondition,
  Condition,
  FactCondition,
  FactReference,
  Facts,
  FiredEvent,
  JsonValue,
  NotCondition,
  Rule,
  RuleEvent,
  RuleFile,
} from './types';
export { isBooleanCondition, isFactReference } from './types';
export {
  checkRuleFile,
  formatIssue,
  isRuleFileError,
  loadRuleFile,
  parseRuleFile,
  validateRuleFile,
  type RuleFileError,
  type RuleFileIssue,
  type RuleFileOptions,
  type RuleFileResult,
} from './loader';
export { compileCondition, compileRules, type CompiledRules, type Predicate } from './compile';
export { evaluateReference, referenceEvaluator, type ReferenceEvaluator } from './reference';
export { parsePath, type PathSegments } from './json-path';
export { DECORATORS, OPERATORS, resolveOperator, type ResolvedOperator } from './operators/registry';
export type { DecoratorDefinition, OperatorDefinition } from './operators/definition';
export { compareQuantities, parseQuantity, type QuantityValue } from './operators/quantity-value';
