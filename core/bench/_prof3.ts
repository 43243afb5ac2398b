import { compileRules, loadRuleFile } from '../rules';
import { schedulerFacts } from './rules.bench';
const policy = loadRuleFile('core/rules/examples/scheduler-policy.rules.yaml');
const compiled = compileRules(policy.rules);
function run(name: string, facts: any[]) {
  let sink = 0;
  for (let i = 0; i < 300_000; i++) sink += compiled(facts[i % facts.length]).length;
  const t0 = performance.now();
  for (let i = 0; i < 2_000_000; i++) sink += compiled(facts[i % facts.length]).length;
  console.log(name.padEnd(40), (((performance.now() - t0) * 1000) / 2_000_000).toFixed(3), 'µs', sink);
}
const varied = schedulerFacts(64);
run('64 varied', varied);
run('1 fact set', [varied[0]]);
// same shapes: JSON round trip does not normalise order, so build all with the same key order
const normal = varied.map((f) => JSON.parse(JSON.stringify(f)));
run('64 varied after JSON round trip', normal);
// one pod against 64 nodes
const onePod = varied.map((f) => ({ ...f, pod: varied[0]!.pod, podRequest: varied[0]!.podRequest }));
run('one pod, 64 nodes', onePod);
