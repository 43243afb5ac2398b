/**
 * The kubelet as the assembled cluster runs it: the chapter 05 agent (reached through
 * `@kata/...`, so `KATA_TARGET` picks the learner's code or the reference), deciding with a
 * stage rule file from chapters/05-node-runtime/rules, and the static pod directories of the
 * nodes that have any. This is the wiring core/cluster/components.ts uses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../kata/target';
import type { Runnable } from '../runtime/simulation';
import type { Agent } from '../runtime/types';
import { initialKubeletLocal } from './kubelet-local';
import type { ManifestDir } from './pod-source';
import { parseStages, type Stages } from './stages';
import { createKubeletAgent } from '@kata/05-node-runtime/kubelet';

/** The default stage rules, relative to the repository root. */
export const DEFAULT_STAGE_RULES = 'chapters/05-node-runtime/rules/default.rules.yaml';

/** Reads and compiles a stage rule file given relative to the repository root (or absolute). */
export function readStages(file: string = DEFAULT_STAGE_RULES): Stages {
  const full = path.isAbsolute(file) ? file : path.join(repoRoot, file);
  return parseStages(readFileSync(full, 'utf8'), file);
}

/** A directory of manifests as the kubelet sees it: every regular file's name and text (hidden ones included; the kubelet skips them). */
export function readManifestDir(dir: string): ManifestDir {
  const files: ManifestDir = {};
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isFile()) files[name] = readFileSync(full, 'utf8');
  }
  return files;
}

/** What the cluster needs to run the kubelet. */
export type KubeletOptions = {
  /** A stage rule file (default: the chapter's default.rules.yaml). */
  stagesFile?: string;
  /** Static pod manifests per node name (see readManifestDir). */
  manifests?: Record<string, ManifestDir>;
};

/** The kubelet agent as a runnable component of the simulation. Its local state is stored under `agents.kubelet`. */
export function kubeletRunnable(options: KubeletOptions = {}): Runnable {
  const agent = createKubeletAgent(readStages(options.stagesFile));
  return { type: 'agent', agent: agent as unknown as Agent<unknown>, initial: initialKubeletLocal(options.manifests ?? {}) };
}
