// The ledger's value lists, declared once (imports nothing; the web reads them too).

export const ITEM_KINDS = ['problem', 'task', 'matter', 'petition', 'legacy'] as const;

/** Where a problem came from (问题来源). */
export const ITEM_SOURCES = [
  'self_inspection',
  'self_review',
  'supervision',
  'special_inspection',
  'random_check',
  'inspection_tour',
  'audit',
  'statistics',
  'finance',
  'petition',
  'hotline',
  'public_report',
  'survey',
  'enterprise_visit',
  'assessment_feedback',
  'integrity_check',
] as const;

/** What kind of problem it is (问题类别). */
export const ITEM_CATEGORIES = [
  'image_project',
  'vanity_project',
  'face_project',
  'unfinished_project',
  'fake_achievement',
  'paper_achievement',
  'statistical_fraud',
  'reckless_debt',
  'illegal_financing',
  'legacy_neglect',
  'formalism',
  'bureaucratism',
  'inaction',
  'misconduct',
  'sham_action',
  'showcase_building',
  'business_environment',
  'digital_formalism',
  'corruption',
  'livelihood_request',
  'other',
] as const;

/** Severity of a problem. */
export const SEVERITIES = ['minor', 'general', 'serious', 'critical'] as const;

/** Confidentiality of an item. */
export const CONFIDENTIALITY = ['public', 'internal', 'confidential'] as const;

/** States of the loop (see ARCHITECTURE.md §1). */
export const ITEM_STATUSES = [
  'submitted',
  'assigned',
  'claimed',
  'rectifying',
  'closure_requested',
  'closed',
  'returned',
  'rejected',
  'reopened',
  'merged',
] as const;

/** Outcomes recorded at closing, so that "closed" is never silently counted as "fixed". */
export const CLOSURE_OUTCOMES = ['rectified', 'partly_rectified', 'not_rectifiable'] as const;

/** The reasons of 我的待办, in the order they are shown. */
export const TODO_REASONS = ['handle', 'review', 'extension', 'recheck'] as const;

/** Measure states. */
export const MEASURE_STATUSES = ['pending', 'in_progress', 'done'] as const;
