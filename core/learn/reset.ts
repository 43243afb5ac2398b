/**
 * `npm run reset <id> [--yes]`: puts a kata's stub back as it was committed, so the learner
 * can start it again. Only the kata's own files change; its tests are never touched.
 */
import { stubRewrites } from './files';
import { runRewriteCommand } from './rewrite-command';

runRewriteCommand({
  name: 'reset',
  description: 'Restore a kata\'s stub (its files under katas/, not its tests) as committed in git, to start it over.',
  plan: stubRewrites,
  question: (kata, files) => `Reset ${kata.id}? This replaces ${files.join(', ')} with the original stub.`,
  unchanged: 'already the original stub; nothing to reset.',
  done: (kata) => `${kata.id} is a stub again: npm run kata -- ${kata.id} to start over.`,
});
