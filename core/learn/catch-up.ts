/**
 * `npm run catch-up <id> [--yes]`: copies a kata's reference solution over the stub, for a
 * workshop learner who fell behind and wants to join the group at the next kata.
 */
import { solutionRewrites } from './files';
import { runRewriteCommand } from './rewrite-command';

runRewriteCommand({
  name: 'catch-up',
  description: 'Copy a kata\'s reference solution over your file in katas/, to catch up with a workshop (nothing else changes).',
  plan: solutionRewrites,
  question: (kata, files) => `Catch up on ${kata.id}? This replaces your ${files.join(', ')} with the reference solution.`,
  unchanged: 'your file already is the reference solution; nothing to copy.',
  done: (kata) => `${kata.id} now holds the reference solution; npm run progress shows what comes next.`,
});
