// Runs every `bench:*` script whose entry file exists, one after another, and prints their figures.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
let failed = 0;
for (const [name, command] of Object.entries(pkg.scripts)) {
  if (!name.startsWith('bench:')) continue;
  const entry = command.split(/\s+/).find((part) => /\.(ts|mjs|js)$/.test(part));
  if (entry && !existsSync(new URL(`../${entry}`, import.meta.url))) continue;
  console.log(`\n=== npm run ${name}`);
  const result = spawnSync('npm', ['run', '-s', name], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
