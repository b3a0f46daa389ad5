// Summarises a V8 .cpuprofile (from node --cpu-prof): self time by function and by package.
//   node bench/lib/cpuprofile.mjs <file.cpuprofile> [top=25] [skip-seconds=0]
// skip-seconds drops the first seconds of the profile (start-up: spec parsing, schema compiling).
import { readFileSync } from 'node:fs';

const [file, topArg, skipArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const skipUs = Number(skipArg ?? 0) * 1e6;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
let elapsed = 0;
for (let i = 0; i < profile.samples.length; i++) {
  elapsed += dt[i] ?? 0;
  if (elapsed < skipUs) continue;
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map();
const pkg = new Map();
for (const [id, us] of self) {
  const { callFrame: c } = byId.get(id);
  const where = c.url.replace(/^file:\/\//, '').replace(/.*node_modules\/(\.pnpm\/)?/, '');
  const key = `${c.functionName || '(anonymous)'}  ${where.split('/').slice(-2).join('/')}:${c.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const p = !c.url
    ? c.functionName.startsWith('(')
      ? c.functionName
      : '(native)'
    : c.url.includes('node_modules')
      ? (/node_modules\/(?:\.pnpm\/)?((?:@[^/]+[/+])?[^/@]+)/.exec(c.url)?.[1] ?? 'node_modules')
      : c.url.startsWith('node:')
        ? 'node:internal'
        : c.url.includes('/packages/')
          ? c.url.replace(/.*\/packages\/([^/]+)\/src\/([^/]+).*/, 'latchkey $1/$2')
          : 'other';
  pkg.set(p, (pkg.get(p) ?? 0) + us);
}
const show = (title, map, n) => {
  console.log(`\n${title} (self time, ${(total / 1e6).toFixed(2)} s sampled)`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
};
show('By package / area', pkg, 20);
show('By function', fn, top);
