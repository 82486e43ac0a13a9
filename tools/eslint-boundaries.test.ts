import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeOf, violation } from './eslint-boundaries.js';

const root = resolve(import.meta.dirname, '..');
const at = (rel: string) => placeOf(resolve(root, rel));

describe('module boundaries', () => {
  it.each([
    // from, to, typeOnly, expected
    ['src/modules/ledger/ledger.service.ts', 'src/modules/org/index.ts', false, null],
    ['src/modules/ledger/commands/create-item.ts', 'src/modules/ledger/ledger.repository.ts', false, null],
    ['src/modules/ledger/ledger.service.ts', 'src/modules/org/org.repository.ts', false, 'frontDoor'],
    ['src/modules/notify/notify.repository.ts', 'src/modules/ledger/ledger.table.ts', false, 'frontDoor'],
    ['src/modules/notify/notify.table.ts', 'src/modules/ledger/ledger.table.ts', false, null],
    ['src/modules/ledger/ledger.service.ts', 'src/modules/org/org.contract.ts', true, 'frontDoor'],
    ['src/platform/config.ts', 'src/modules/ledger/ledger.rules.ts', false, 'platform'],
    ['src/platform/config.ts', 'src/modules/ledger/index.ts', false, 'platform'],
    ['src/platform/db.ts', 'src/schema.ts', false, 'platform'],
    ['src/platform/db.ts', 'src/platform/time.ts', false, null],
    ['src/schema.ts', 'src/modules/org/org.table.ts', false, null],
    ['src/app.ts', 'src/modules/org/org.routes.ts', false, 'frontDoor'],
    ['src/main.ts', 'src/modules/org/index.ts', false, null],
    ['bench/run.ts', 'src/modules/ledger/ledger.repository.ts', false, null],
    ['scripts/openapi.ts', 'src/modules/ledger/ledger.repository.ts', false, 'frontDoor'],
    ['web/src/api/types.ts', 'src/modules/ledger/ledger.contract.ts', true, null],
    ['web/src/api/types.ts', 'src/modules/ledger/ledger.contract.ts', false, 'web'],
    ['web/src/api/types.ts', 'src/modules/ledger/ledger.values.ts', false, null],
    ['web/src/api/types.ts', 'src/platform/http.ts', false, 'web'],
    ['src/modules/assessment/assessment.contract.ts', 'src/modules/org/org.values.ts', false, null],
    ['src/platform/http.ts', 'src/platform/access.values.ts', false, null],
    ['web/src/api/types.ts', 'src/platform/access.values.ts', false, null],
    ['src/modules/org/org.values.ts', 'src/platform/http.ts', false, 'values'],
    ['test/integration/ledger.test.ts', 'src/modules/ledger/ledger.repository.ts', false, null],
    ['src/modules/ledger/ledger.rules.test.ts', 'src/modules/org/org.policy.ts', false, null],
  ] as const)('%s → %s (type only: %s) is %s', (from, to, typeOnly, expected) => {
    expect(violation(at(from), at(to), typeOnly)).toBe(expected);
  });
});
