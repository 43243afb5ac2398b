/**
 * Test helpers for chapter 05: the chapter's stage rule files, read from disk once, and a
 * stage file written inline (a test that needs one specific behaviour says it in YAML, the
 * way a learner would).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../kata/target';
import { parseStages, type Stages } from '../stages';

/** The folder of the chapter's rule files, relative to the repository root. */
export const STAGE_RULES_DIR = 'chapters/05-node-runtime/rules';

/** A rule file of the chapter by name, such as `default.rules.yaml`, parsed and compiled. */
export function chapterStages(fileName: string): Stages {
  const relative = `${STAGE_RULES_DIR}/${fileName}`;
  return parseStages(readFileSync(path.join(repoRoot, relative), 'utf8'), relative);
}

/** Stages from inline YAML rules (the `rules:` list only); facts are the standard ones. */
export function stagesFrom(rulesYaml: string, name = 'test.rules.yaml'): Stages {
  return parseStages(`name: test-stages\nrules:\n${rulesYaml}`, name);
}
