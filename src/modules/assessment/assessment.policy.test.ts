import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { ROLES, type Role } from '../../platform/http.js';
import {
  ASSESSMENT_ACTS,
  enforce,
  flagSettleRefusal,
  mayAssess,
  requireAct,
  schemeChangeRefusal,
  verificationRefusal,
  type AssessmentAct,
} from './assessment.policy.js';

/** Who may do each act: written out by hand, so a change to the permissions shows up here. */
const MAY: Record<AssessmentAct, readonly Role[]> = {
  read: ['leader', 'organization', 'discipline', 'inspector', 'handler'],
  manage_indicators: ['organization'],
  design_schemes: ['organization'],
  compute_results: ['organization'],
  feed_back: ['organization'],
  enter_figures: ['organization', 'handler'],
  verify_figures: ['organization'],
  enter_inputs: ['organization'],
  keep_leader_changes: ['organization'],
  read_leader_changes: ['organization', 'discipline', 'inspector'],
  run_integrity: ['organization', 'discipline', 'inspector'],
  review_flags: ['organization', 'discipline', 'inspector'],
  analyse_digits: ['organization', 'discipline', 'inspector'],
};

const table: [Role, AssessmentAct, boolean][] = ROLES.flatMap((role) =>
  (Object.keys(ASSESSMENT_ACTS) as AssessmentAct[]).map((act): [Role, AssessmentAct, boolean] => [role, act, MAY[act].includes(role)]),
);

describe('who may do what in 实绩考核 and 数据核查', () => {
  it('the table names every act', () => {
    expect(Object.keys(MAY).sort()).toEqual(Object.keys(ASSESSMENT_ACTS).sort());
  });

  it.each(table)('%s may %s: %s', (role, act, expected) => {
    expect(mayAssess(role, act)).toBe(expected);
    if (expected) expect(() => requireAct({ role }, act)).not.toThrow();
    else expect(() => requireAct({ role }, act)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it.each([
    ['sysadmin', false],
    ['secadmin', false],
    ['auditor', false],
    ['deputy', false],
  ] as const)('三员分立 and deputies: %s does no assessment act at all', (role, expected) => {
    for (const act of Object.keys(ASSESSMENT_ACTS) as AssessmentAct[]) expect(mayAssess(role, act)).toBe(expected);
  });
});

describe('which records may still change', () => {
  it.each([
    ['current', null],
    ['superseded', { field: 'id', reason: 'reason.assessment.superseded' }],
  ] as const)('a scheme edition that is %s: %o', (status, expected) => {
    expect(schemeChangeRefusal({ status })).toEqual(expected);
  });

  it.each([
    ['verified', false, null],
    ['verified', true, { field: 'verification', reason: 'reason.assessment.flag_open' }],
    ['reported', false, null],
    ['reported', true, null],
  ] as const)('marking a figure %s with an open flag %s: %o', (verification, hasOpenFlag, expected) => {
    expect(verificationRefusal({ verification, hasOpenFlag })).toEqual(expected);
  });

  it.each([
    ['open', null],
    ['referred', { field: 'status', reason: 'reason.assessment.flag_closed' }],
    ['dismissed', { field: 'status', reason: 'reason.assessment.flag_closed' }],
  ] as const)('settling a flag that is %s: %o', (status, expected) => {
    expect(flagSettleRefusal({ status })).toEqual(expected);
  });

  it('a refusal is thrown as a 422 naming its field; no refusal passes', () => {
    expect(() => enforce(null)).not.toThrow();
    let thrown: unknown;
    try {
      enforce({ field: 'status', reason: 'reason.assessment.flag_closed' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'unprocessable', params: { field: 'status', reason: 'reason.assessment.flag_closed' } });
  });
});
