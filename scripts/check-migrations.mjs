// Fails when the Drizzle schema and the committed migrations disagree: regenerates with drizzle-kit and fails when
// `git status -- migrations` then shows any change (a new migration, or a changed snapshot or journal). Whatever
// drizzle-kit wrote is undone afterwards, and changes that were already there before the check are kept as they were.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'migrations';

/** Every file under migrations/ with its content. */
function snapshot(dir = DIR, files = new Map()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) snapshot(path, files);
    else files.set(path, readFileSync(path));
  }
  return files;
}

/** `git status --porcelain` of migrations/, one line a path (empty outside a git work tree). */
function gitStatus() {
  try {
    return execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', DIR], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

const beforeFiles = snapshot();
const beforeStatus = new Set(gitStatus());
const out = execFileSync('npx', ['drizzle-kit', 'generate', '--name', 'check_drift'], { encoding: 'utf8' });
const afterFiles = snapshot();
const changedStatus = gitStatus().filter((line) => !beforeStatus.has(line));
const changedFiles = [...afterFiles].filter(([path, content]) => !beforeFiles.get(path)?.equals(content)).map(([path]) => path);

if (changedStatus.length > 0 || changedFiles.length > 0) {
  // Undo what drizzle-kit wrote: new files go, changed files get their content from before the check.
  for (const path of changedFiles) {
    const before = beforeFiles.get(path);
    if (before) writeFileSync(path, before);
    else rmSync(path);
  }
  console.error('The schema has changed without a migration: regenerating it changes migrations/');
  for (const line of changedStatus.length > 0 ? changedStatus : changedFiles) console.error(`  ${line}`);
  console.error('Run `npm run migrations:generate -- --name <what>` and commit the new migration.');
  process.exit(1);
}
if (!/No schema changes/.test(out)) console.log(out.trim());
console.log('migrations: in step with the schema');
