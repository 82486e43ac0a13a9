import type { Db } from '../../../platform/db.js';
import * as repo from '../ledger.repository.js';
import { searchTerms } from '../ledger.terms.js';

/** How the backfill runs. */
export interface BackfillSearchTermsOptions {
  /** Items per batch. */
  batch?: number | undefined;
}

/** Computes the search terms of items stored before they existed (runs at start-up, in batches); answers how many it set. */
export async function backfillSearchTerms(db: Db, options: BackfillSearchTermsOptions = {}): Promise<number> {
  const batch = options.batch ?? 500;
  let total = 0;
  for (;;) {
    const rows = await repo.findItemsWithoutTerms(db, batch);
    const updates = rows.map((r) => ({ id: r.id, terms: searchTerms(r.title, r.description) })).filter((u) => u.terms.length > 0);
    for (const u of updates) await repo.setSearchTerms(db, u.id, u.terms);
    total += updates.length;
    // Rows whose text has no words keep an empty set; stop when a batch changes nothing.
    if (rows.length < batch || updates.length === 0) return total;
  }
}
