// Points git at the repository's hooks (.githooks) — run by npm's `prepare`. Does nothing outside a git work tree
// (a tarball, a CI checkout without .git) or without git, and never fails the install.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

try {
  // Only in this package's own repository: not in an enclosing repository that happens to hold an unpacked copy.
  const here = realpathSync(process.cwd());
  if (
    existsSync('.githooks/pre-commit') &&
    git('rev-parse', '--is-inside-work-tree') === 'true' &&
    realpathSync(git('rev-parse', '--show-toplevel')) === here
  ) {
    let current = '';
    try {
      current = git('config', '--get', 'core.hooksPath');
    } catch {
      // not set
    }
    if (current === '') {
      git('config', 'core.hooksPath', '.githooks');
      console.log('git hooks: core.hooksPath = .githooks (pre-commit formats and lints the staged files)');
    } else if (current !== '.githooks') {
      console.log(`git hooks: core.hooksPath is already ${current}; left alone (the project's hooks are in .githooks)`);
    }
  }
} catch {
  // No git, or not a work tree: nothing to install.
}
