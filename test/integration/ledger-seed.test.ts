import { describe, expect, it } from 'vitest';
import { seedDemoLedger } from '../../src/modules/ledger/ledger.seed.js';
import { ZItemDetail, ZItemPage, ZLedgerStats } from '../../src/modules/ledger/ledger.contract.js';
import { testEngines } from '../support/databases.js';
import { login, startTestApp } from '../support/app.js';

describe('demo ledger', () => {
  const engine = testEngines()[0];
  if (!engine) throw new Error('no engine');
  it('seeds a few hundred realistic items across states and orgs, consistent with the loop', async () => {
    const t = await startTestApp(engine);
    try {
      expect(await seedDemoLedger(t.deps)).toBe(240);
      const c = await login(t, 'inspector');
      const stats = ZLedgerStats.parse((await c.request('GET', '/api/ledger/stats')).json());
      expect(stats.total).toBe(240);
      expect(stats.byStatus.length).toBeGreaterThanOrEqual(7);
      expect(stats.byOrg.length).toBeGreaterThan(10);
      expect(stats.red).toBeGreaterThan(0);
      const closed = ZItemPage.parse((await c.request('GET', '/api/ledger/items?status=closed&pageSize=5')).json());
      for (const summary of closed.items) {
        const item = ZItemDetail.parse((await c.request('GET', `/api/ledger/items/${summary.id}`)).json());
        expect(item.measures.every((m) => m.status === 'done' && m.completionNote)).toBe(true);
        expect(item.closureOutcome).not.toBeNull();
        expect(item.recheckDue).not.toBeNull();
      }
      const titles = ZItemPage.parse((await c.request('GET', `/api/ledger/items?q=${encodeURIComponent('卫生室')}`)).json());
      expect(titles.total).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
