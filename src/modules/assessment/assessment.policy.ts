/**
 * Who may do what in 实绩考核 and 数据核查, and which records may still be changed: pure decisions, no database.
 * The roles behind each act are the access policy's permissions (org), so the web menu and these checks agree.
 */
import { AppError } from '../../platform/errors.js';
import type { Principal, Role } from '../../platform/http.js';
import { can, type Permission } from '../org/index.js';

/** The acts of the assessment module, each decided by one permission. */
export const ASSESSMENT_ACTS = {
  /** Read the indicator library, schemes, figures, results, trends and 结果运用. */
  read: 'assessment.read',
  /** Keep the indicator library (组织部). */
  manage_indicators: 'assessment.manage',
  /** Design schemes and their editions (差异化考核). */
  design_schemes: 'assessment.manage',
  /** Compute and store a scheme's results. */
  compute_results: 'assessment.manage',
  /** Put an org's result on the ledger (以考促改). */
  feed_back: 'assessment.manage',
  /** Enter figures of the units in scope, by hand or from Excel, with their evidence (一表同享). */
  enter_figures: 'assessment.enter',
  /** Mark a figure verified against its source (核实), or back to reported. */
  verify_figures: 'assessment.manage',
  /** Enter 第三方评估 and 群众满意度 scores. */
  enter_inputs: 'assessment.manage',
  /** Record the years an org's principal changed. */
  keep_leader_changes: 'assessment.manage',
  /** See the leader-change years the jump check reads. */
  read_leader_changes: 'integrity.run',
  /** Run 数据核查 over the figures. */
  run_integrity: 'integrity.run',
  /** Read flags, refer them to the ledger or dismiss them. */
  review_flags: 'integrity.run',
  /** Run the digit analysis (Benford) of an uploaded column. */
  analyse_digits: 'integrity.run',
} as const satisfies Record<string, Permission>;

/** One act of the assessment module. */
export type AssessmentAct = keyof typeof ASSESSMENT_ACTS;

/** May a user of this role do the act (in their data scope)? */
export function mayAssess(role: Role, act: AssessmentAct): boolean {
  return can(role, ASSESSMENT_ACTS[act]);
}

/** Refuses with 403 unless the caller's role may do the act. */
export function requireAct(principal: Pick<Principal, 'role'>, act: AssessmentAct): void {
  if (!mayAssess(principal.role, act)) throw new AppError('forbidden');
}

/** Why a record cannot take a change in its present state: the field at fault and the reason key. */
export interface StateRefusal {
  field: string;
  reason: string;
}

/** Only the current edition of a scheme is changed or computed: a superseded edition keeps its results as they were. */
export function schemeChangeRefusal(scheme: { status: string }): StateRefusal | null {
  return scheme.status === 'current' ? null : { field: 'id', reason: 'reason.assessment.superseded' };
}

/** A figure is verified only once no integrity flag on it is open (the flag is settled first); back to reported at any time. */
export function verificationRefusal(change: { verification: 'verified' | 'reported'; hasOpenFlag: boolean }): StateRefusal | null {
  return change.verification === 'verified' && change.hasOpenFlag ? { field: 'verification', reason: 'reason.assessment.flag_open' } : null;
}

/** A flag is referred to the ledger or dismissed only while it is open. */
export function flagSettleRefusal(flag: { status: string }): StateRefusal | null {
  return flag.status === 'open' ? null : { field: 'status', reason: 'reason.assessment.flag_closed' };
}

/** Throws the refusal as a 422 naming its field; does nothing when there is none. */
export function enforce(refusal: StateRefusal | null): void {
  if (refusal) throw new AppError('unprocessable', { field: refusal.field, reason: refusal.reason });
}
