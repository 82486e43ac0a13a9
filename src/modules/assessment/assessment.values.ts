// The assessment's value lists, declared once (imports nothing; the web reads them too).

/** Domains of the indicator library (指标领域). */
export const INDICATOR_DOMAINS = [
  'economy',
  'livelihood',
  'ecology',
  'safety',
  'party_building',
  'satisfaction',
  'governance',
  'innovation',
] as const;

/** Deductions a scheme may take from the ledger (扣分项). */
export const DEDUCTION_KINDS = ['fake_achievement', 'statistical_fraud', 'red_at_year_end', 'rebound', 'serious_open'] as const;

/** The integrity checks (数据核查). */
export const INTEGRITY_CHECKS = ['benford', 'last_digit', 'heaping', 'jump', 'divergence', 'bunching', 'copy', 'sum'] as const;

/** 等次, best first; the order is the order quotas are filled in. */
export const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;

/** Scoring methods of a scheme line. */
export const SCORING_METHODS = ['target', 'peer_minmax', 'improvement'] as const;

/** Flag states. */
export const FLAG_STATUSES = ['open', 'referred', 'dismissed'] as const;

/** Digit tests of the digit analysis. */
export const DIGIT_TESTS = ['first', 'second', 'first-two'] as const;
