import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../platform/context.js';
import { actorOf, addRoute, parseFields, readUpload, type Authenticator } from '../../../platform/http.js';
import { localeFrom } from '../../../platform/i18n.js';
import { ZIdParams } from '../../org/index.js';
import * as c from '../assessment.contract.js';
import { analyseDigits } from '../assessment.digits.js';
import { requireAct } from '../assessment.policy.js';
import { setLeaderChange } from '../leader-changes/commands/set-leader-change.js';
import { listLeaderChanges } from '../leader-changes/leader-changes.queries.js';
import { dismissFlag } from './commands/dismiss-flag.js';
import { referFlag } from './commands/refer-flag.js';
import { runIntegrity } from './commands/run-integrity.js';
import { listFlags } from './integrity.queries.js';

/** Registers the 数据核查 endpoints: leader changes, runs, flags (refer, dismiss) and the digit analysis of a file. */
export function registerIntegrityRoutes(app: FastifyInstance, deps: AppDeps, authenticate: Authenticator): void {
  const tags = ['assessment'];
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/leader-changes',
    summary: 'Years in which an org’s principal changed (the jump check looks at them on their own)',
    tags,
    auth: 'user',
    response: c.ZLeaderChanges,
    handler: async ({ principal }) => ({ items: await listLeaderChanges(deps, principal) }),
  });
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/assessment/leader-changes',
    summary: 'Record (or with remove: true delete) a leader-change year of an org in scope',
    tags,
    auth: 'user',
    body: c.ZLeaderChangeRequest,
    response: c.ZLeaderChanges,
    handler: async ({ req, body, principal }) => ({ items: await setLeaderChange(deps, actorOf(req, principal), body) }),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/integrity/run',
    summary: '数据核查: run every check over the figures up to a year; flags are stored, a rerun never duplicates',
    tags,
    auth: 'user',
    body: c.ZIntegrityRunRequest,
    response: c.ZIntegrityRun,
    handler: ({ req, body, principal }) => runIntegrity(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/integrity/flags',
    summary: 'Integrity flags in scope: what was tested, on which numbers, the statistic, the threshold, why it fired',
    tags,
    auth: 'user',
    query: c.ZFlagQuery,
    response: c.ZFlagPage,
    handler: ({ req, query, principal }) => listFlags(deps, principal, query, localeFrom(req.headers['accept-language'])),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/integrity/flags/:id/refer',
    summary: 'Put a flag on the ledger for human verification (source integrity_check)',
    tags,
    auth: 'user',
    status: 201,
    params: ZIdParams,
    body: c.ZToLedgerRequest,
    response: c.ZToLedgerResult,
    handler: ({ req, params, body, principal }) =>
      referFlag(deps, actorOf(req, principal), { ...body, id: params.id, locale: localeFrom(req.headers['accept-language']) }),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/integrity/flags/:id/dismiss',
    summary: 'Dismiss a flag with a note (checked and explained)',
    tags,
    auth: 'user',
    params: ZIdParams,
    body: c.ZDismissRequest,
    response: c.ZFlag,
    handler: ({ req, params, body, principal }) =>
      dismissFlag(deps, actorOf(req, principal), { id: params.id, note: body.note, locale: localeFrom(req.headers['accept-language']) }),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/integrity/digits',
    summary: 'Digit analysis (Benford) of an uploaded column: multipart file (txt, csv or xlsx), fields test and column',
    tags,
    auth: 'user',
    response: c.ZDigits,
    handler: async ({ req, principal }) => {
      requireAct(principal, 'analyse_digits');
      const { file, fields } = await readUpload(req);
      const opts = parseFields(c.ZDigitsFields, fields);
      return analyseDigits(file, opts.test, opts.column);
    },
  });
}
