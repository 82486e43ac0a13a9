/**
 * 数据核查: the registry of the pure checks that point at reported figures worth a second look. No I/O, no clock,
 * no randomness. Every check returns a flag that explains itself (test, inputs, statistic, threshold, i18n reason) or
 * a refusal when the data are too thin; a flag is a prompt to ask for the evidence, never a verdict of 统计造假.
 * One file per check; the statistics they share are in platform/stats.ts.
 */
import type { INTEGRITY_CHECKS } from '../assessment.contract.js';
import type { IntegrityCheck } from './types.js';

export type { Comparison, Condition, FlagValue, IntegrityCheck, IntegrityFlag, NumericInput, OrgId, Reason, Refusal } from './types.js';
export { digitAtPlace, leadingDigits, leadingDigitsOfFloat, toSignificand, type Significand } from './significand.js';
export {
  BENFORD_DIGITS,
  BENFORD_MAD_LIMITS,
  BENFORD_MIN_COUNT,
  benfordDigit,
  benfordExpected,
  benfordTest,
  benfordZ,
  madConformity,
  type BenfordConformity,
  type BenfordDigitTest,
  type BenfordOptions,
  type BenfordResult,
} from './benford.js';
export { lastDigitTest, type LastDigitOptions, type LastDigitResult } from './last-digit.js';
export { roundNumberHeaping, type HeapingOptions, type HeapingResult } from './heaping.js';
export { bunchingTest, type BunchingOptions, type BunchingResult } from './bunching.js';
export { jumpFlags, type JumpOptions, type SeriesPoint } from './jump.js';
export { divergenceFlags, type DivergenceOptions, type DivergenceRow, type HardGrowths } from './divergence.js';
export { copyFlags, type CopyOptions } from './copy.js';
export { sumFlags, type ReportedFigure, type SumOptions } from './sum.js';

/** The stored check (one of INTEGRITY_CHECKS) of each test a flag can name: benford.first → benford, jump.zone_peers → jump… */
export const STORED_CHECK: Readonly<Record<IntegrityCheck, (typeof INTEGRITY_CHECKS)[number]>> = {
  'benford.first': 'benford',
  'benford.second': 'benford',
  'benford.first_two': 'benford',
  last_digit: 'last_digit',
  heaping: 'heaping',
  bunching: 'bunching',
  'jump.own_history': 'jump',
  'jump.zone_peers': 'jump',
  divergence: 'divergence',
  'copy.level': 'copy',
  'copy.growth': 'copy',
  sum: 'sum',
};
