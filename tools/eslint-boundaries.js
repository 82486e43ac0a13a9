// The house rule on imports (issue 11, decision 0005): a module is entered only through its front door.
//   - src/platform/** imports no module and not the schema: the platform knows nothing of the domain.
//   - src/modules/<a>/** imports another module <b> only as src/modules/<b>/index.ts.
//     Table files may import other modules' table files (foreign keys are schema, not reads).
//   - The app's own files (src/app.ts, src/main.ts, src/cli.ts, scripts/) import modules only through index.ts;
//     src/schema.ts imports the table files (the migration generator and backups need every table).
//   - web/** imports no server code except the value lists (`*.values.ts`) the server declares `as const`,
//     and types (`import type`, erased at build) from a module's contract.
//   - Value list files (`*.values.ts`: `as const` arrays) import nothing and may be imported from anywhere.
//   - Tests and benchmarks (test/**, *.test.ts, bench/**) may reach inside modules: they measure and check the parts.
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Where a file lives: { zone: 'platform' | 'module' | 'app' | 'schema' | 'web' | 'test' | 'other', module?, rel }. */
export function placeOf(absolute) {
  const rel = relative(root, absolute).split(sep).join('/');
  if (rel.endsWith('.test.ts')) return { zone: 'test', rel };
  const m = /^src\/modules\/([^/]+)\/(.*)$/.exec(rel);
  if (m) return { zone: 'module', module: m[1], inner: m[2], rel };
  if (rel.startsWith('src/platform/')) return { zone: 'platform', rel };
  if (rel === 'src/schema.ts') return { zone: 'schema', rel };
  if (rel.startsWith('src/') || rel.startsWith('scripts/')) return { zone: 'app', rel };
  if (rel.startsWith('web/')) return { zone: 'web', rel };
  if (rel.startsWith('test/') || rel.startsWith('bench/') || rel.endsWith('.test.ts')) return { zone: 'test', rel };
  return { zone: 'other', rel };
}

const isTable = (p) => /\.table\.ts$/.test(p.rel);
const isFrontDoor = (p) => p.inner === 'index.ts';
/** A value list file (`*.values.ts`): `as const` arrays and nothing else, importable from anywhere. */
const isValues = (p) => /\.values\.ts$/.test(p.rel);

/** Why `from` may not import `to`, or null when it may; `typeOnly` for `import type` (erased at build). */
export function violation(from, to, typeOnly = false) {
  if (from.zone === 'test') return null;
  if (isValues(from)) return 'values';
  if (isValues(to) && from.zone !== 'platform') return null;
  if (isValues(to) && to.zone === 'platform') return null;
  if (from.zone === 'web' && typeOnly && to.zone === 'module') return null;
  if (to.zone === 'module') {
    if (from.zone === 'module' && from.module === to.module) return null;
    if (isFrontDoor(to)) return from.zone === 'platform' ? 'platform' : from.zone === 'web' ? 'web' : null;
    if (isTable(to) && (from.zone === 'schema' || (from.zone === 'module' && isTable(from)))) return null;
    if (from.zone === 'web') return /\.values\.ts$/.test(to.rel) ? null : 'web';
    return from.zone === 'platform' ? 'platform' : 'frontDoor';
  }
  if (from.zone === 'platform' && to.zone === 'schema') return 'platform';
  if (from.zone === 'web' && (to.zone === 'platform' || to.zone === 'schema' || to.zone === 'app')) return 'web';
  return null;
}

const messages = {
  platform: 'src/platform imports no module and not the schema ({{target}}); pass what it needs in from the app.',
  frontDoor: 'Import module "{{module}}" only through its front door src/modules/{{module}}/index.ts, not {{target}}.',
  values: 'A value list file imports nothing (it is read by the web and by every module); move {{target}} out of it.',
  web: 'The web imports no server code except value lists (*.values.ts); {{target}} is server code.',
};

const rule = {
  meta: { type: 'problem', docs: { description: 'Modules are entered only through their index.ts' }, schema: [], messages },
  create(context) {
    const file = context.filename;
    const from = placeOf(file);
    const check = (node, source) => {
      const spec = source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      const to = placeOf(target.endsWith('.ts') || target.endsWith('.tsx') ? target : `${target}.ts`);
      const typeOnly = node.importKind === 'type' || node.exportKind === 'type';
      const why = violation(from, to, typeOnly);
      if (why) context.report({ node: source, messageId: why, data: { target: to.rel, module: to.module ?? '' } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source),
    };
  },
};

export default { rules: { boundaries: rule } };
