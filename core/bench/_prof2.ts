import { schedulerFacts } from './rules.bench';
const facts = schedulerFacts(64);
let sink = 0;
const pod = facts.map((f) => f.pod as any);
const keys = ['spec', 'nodeName'];
function time(name: string, f: (p: any) => number) {
  for (let i = 0; i < 200_000; i++) sink += f(pod[i & 63]);
  const s = performance.now();
  for (let i = 0; i < 5_000_000; i++) sink += f(pod[i & 63]);
  console.log(name.padEnd(30), (((performance.now() - s) * 1000) / 5_000_000).toFixed(4));
}
time('hasOwn static', (p) => (p && Object.hasOwn(p, 'spec') && p.spec && Object.hasOwn(p.spec, 'nodeName') ? 1 : 0));
time('direct static', (p) => (p && p.spec && p.spec.nodeName !== undefined ? 1 : 0));
time('direct keyed loop', (p) => { let c = p; for (let i = 0; i < keys.length; i++) { if (!c) return 0; c = c[keys[i]!]; } return c !== undefined ? 1 : 0; });
time('hasOwn keyed loop', (p) => { let c = p; for (let i = 0; i < keys.length; i++) { const k = keys[i]!; if (c && Object.hasOwn(c, k)) c = c[k]; else return 0; } return 1; });
time('hasOwnProperty.call loop', (p) => { let c = p; for (let i = 0; i < keys.length; i++) { const k = keys[i]!; if (c && Object.prototype.hasOwnProperty.call(c, k)) c = c[k]; else return 0; } return 1; });
const k0 = 'spec', k1 = 'nodeName';
const unrolled = (p: any) => { if (!p) return 0; const a = p[k0]; if (!a) return 0; const b = a[k1]; return b !== undefined ? 1 : 0; };
time('direct keyed unrolled', unrolled);
console.log(sink);
