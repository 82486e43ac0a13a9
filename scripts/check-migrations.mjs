// Fails when the Drizzle schema and the committed migrations disagree (regenerating would add a file).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const before = readdirSync('migrations')
  .filter((f) => f.endsWith('.sql'))
  .sort();
const out = execFileSync('npx', ['drizzle-kit', 'generate', '--name', 'check_drift'], { encoding: 'utf8' });
const after = readdirSync('migrations')
  .filter((f) => f.endsWith('.sql'))
  .sort();
if (after.length !== before.length) {
  execFileSync('git', ['checkout', '--', 'migrations/meta']);
  for (const f of after.filter((f) => !before.includes(f))) execFileSync('rm', ['-f', `migrations/${f}`]);
  console.error('The schema has changed without a migration. Run `npm run migrations:generate -- --name <what>` and commit it.');
  process.exit(1);
}
if (!/No schema changes/.test(out)) console.log(out.trim());
console.log('migrations: in step with the schema');
