/**
 * Admission policies as data: a rule file (core/rules format) compiled once into a synchronous
 * evaluator. The plugins compute facts (what a pod requests, what a quota has used); the rule
 * files decide which checks apply and word the answers, with `{placeholders}` the plugin fills.
 *
 * The chapter's given policies live in chapters/03-namespaces/rules. The cluster's own policy is
 * kata 03-admission-policy, a rule file the learner writes: it is read from the tree `@kata`
 * points at (`katas/` or `solutions/`), and a file still marked `TODO(kata)` counts as a stub.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { notImplemented } from '../kata/not-implemented';
import { kataRoot, kataTarget, repoRoot, type KataTarget } from '../kata/target';
import { compileRules, parseRuleFile, type CompiledRules, type FiredEvent, type RuleFile } from '../rules';
import type { AdmissionPolicies } from './types';

/** A loaded rule file and its compiled evaluator. */
export type Policy = { ruleFile: RuleFile; evaluate: CompiledRules };

/** The chapter's rule files, relative to the repository root, and the facts each may read. */
export const CHAPTER_POLICIES = {
  namespaceLifecycle: { file: 'chapters/03-namespaces/rules/namespace-lifecycle.rules.yaml', facts: ['request', 'namespace'] },
  limitRanger: { file: 'chapters/03-namespaces/rules/limit-ranger.rules.yaml', facts: ['check'] },
  resourceQuota: { file: 'chapters/03-namespaces/rules/resource-quota.rules.yaml', facts: ['kind', 'check'] },
} as const;

/** The site policy (kata 03-admission-policy), relative to the kata tree, and its facts. */
export const SITE_POLICY = { file: '03-namespaces/admission-policy.rules.yaml', kata: '03-admission-policy', facts: ['request', 'namespace', 'object', 'container'] } as const;

/** Compiles a loaded rule file. */
export function compilePolicy(ruleFile: RuleFile): Policy {
  return { ruleFile, evaluate: compileRules(ruleFile.rules) };
}

const cache = new Map<string, Policy>();

/** One of the chapter's policies, read and compiled once. */
export function chapterPolicy(name: keyof typeof CHAPTER_POLICIES): Policy {
  const { file, facts } = CHAPTER_POLICIES[name];
  let policy = cache.get(file);
  if (!policy) {
    policy = compilePolicy(parseRuleFile(readFileSync(path.join(repoRoot, file), 'utf8'), file, { facts }));
    cache.set(file, policy);
  }
  return policy;
}

/**
 * Parses the rule file of a rules kata. A file that still carries the stub's `TODO(kata)`
 * marker is not solved yet, so this throws the kata's "not implemented" error, as a code stub does.
 */
export function parseKataRuleFile(text: string, fileName: string, kataId: string, facts?: readonly string[]): RuleFile {
  if (text.includes('TODO(kata)')) notImplemented(kataId);
  return parseRuleFile(text, fileName, facts ? { facts } : {});
}

/** The site policy from the `katas/` or `solutions/` tree, parsed and compiled once per process. */
export function sitePolicy(target: KataTarget): Policy {
  const file = path.join(kataRoot(target), SITE_POLICY.file);
  let policy = cache.get(file);
  if (!policy) {
    policy = compilePolicy(parseKataRuleFile(readFileSync(file, 'utf8'), `${target}/${SITE_POLICY.file}`, SITE_POLICY.kata, SITE_POLICY.facts));
    cache.set(file, policy);
  }
  return policy;
}

/**
 * Every policy the chain runs. The site policy comes from the tree `KATA_TARGET` names; like the
 * command line's `@kata` resolution, it defaults to the reference solutions.
 */
export function defaultPolicies(target: KataTarget = kataTarget('solutions')): AdmissionPolicies {
  return {
    namespaceLifecycle: chapterPolicy('namespaceLifecycle'),
    limitRanger: chapterPolicy('limitRanger'),
    resourceQuota: chapterPolicy('resourceQuota'),
    site: sitePolicy(target),
  };
}

/** `template` with each `{name}` replaced by `values.name`; unknown placeholders stay as written. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? String(values[key]) : whole));
}

/** A string parameter of a fired event, or `undefined` when it is missing or not a string. */
export function stringParam(event: FiredEvent, key: string): string | undefined {
  const value = event.params[key];
  return typeof value === 'string' ? value : undefined;
}

/** A list-of-strings parameter of a fired event (`[]` when missing). */
export function stringListParam(event: FiredEvent, key: string): string[] {
  const value = event.params[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
