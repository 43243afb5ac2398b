import { compileRules, loadRuleFile } from '../rules';
import { schedulerFacts } from './rules.bench';
const policy = loadRuleFile('core/rules/examples/scheduler-policy.rules.yaml');
const facts = schedulerFacts(64);
const compiled = compileRules(policy.rules);
let sink = 0;
const t0 = performance.now();
for (let i = 0; i < 2_000_000; i++) sink += compiled(facts[i & 63]!).length;
const t1 = performance.now();
console.log(((t1 - t0) * 1000) / 2_000_000, 'µs/eval', sink);
// per rule timing
for (const rule of policy.rules) {
  const one = compileRules([rule]);
  const s = performance.now();
  for (let i = 0; i < 200_000; i++) sink += one(facts[i & 63]!).length;
  console.log(rule.name.padEnd(34), (((performance.now() - s) * 1000) / 200_000).toFixed(3));
}
{
  const one = compileRules([{ name: 'x', priority: 1, conditions: { all: [] }, event: { type: 'e', params: {} } }]);
  const s = performance.now();
  for (let i = 0; i < 2_000_000; i++) sink += one(facts[i & 63]!).length;
  console.log('baseline empty rule'.padEnd(34), (((performance.now() - s) * 1000) / 2_000_000).toFixed(3));
}
{
  const pod = facts.map((f) => f.pod as any);
  const s = performance.now();
  for (let i = 0; i < 2_000_000; i++) { const p = pod[i & 63]; sink += p && Object.hasOwn(p, 'spec') && p.spec && Object.hasOwn(p.spec, 'nodeName') ? 1 : 0; }
  console.log('raw hasOwn path read'.padEnd(34), (((performance.now() - s) * 1000) / 2_000_000).toFixed(3));
}
{
  const nf = facts.map((f) => (f.nodeFree as any).pods);
  const s = performance.now();
  for (let i = 0; i < 2_000_000; i++) { sink += Number.parseFloat(nf[i & 63]).toString() !== 'NaN' ? 1 : 0; }
  console.log('numberValidator'.padEnd(34), (((performance.now() - s) * 1000) / 2_000_000).toFixed(3));
}
