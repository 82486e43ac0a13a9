// The assessment module's front door: 实绩考核 (indicators, schemes, figures, results) and 数据核查 (integrity checks).
// The app, the CLI and tests import assessment only from here.
export * from './assessment.contract.js';
export { GRADES, type Grade } from './scoring.rules.js';

// Indicators
export { listIndicators, type IndicatorQuery } from './indicators/indicators.queries.js';
export { createIndicator, type CreateIndicatorInput } from './indicators/commands/create-indicator.js';
export { updateIndicator, type UpdateIndicatorInput } from './indicators/commands/update-indicator.js';
// Schemes
export { getScheme, listSchemes, type SchemeQuery } from './schemes/schemes.queries.js';
export { createScheme, type CreateSchemeInput } from './schemes/commands/create-scheme.js';
export { updateScheme, type UpdateSchemeInput } from './schemes/commands/update-scheme.js';
// Figures (一表同享), evidence, Excel
export { evidenceFile, getFigure, trend, valueGrid, type FigureKey, type ValueGridQuery } from './values/values.queries.js';
export { valuesTemplate } from './values/values.excel.js';
export { putValues, type PutValuesInput } from './values/commands/put-values.js';
export { putInputs, type PutInputsInput } from './values/commands/put-inputs.js';
export { attachEvidence, type AttachEvidenceInput } from './values/commands/attach-evidence.js';
export { removeEvidence, type RemoveEvidenceInput } from './values/commands/remove-evidence.js';
export { verifyFigure, type VerifyFigureInput } from './values/commands/verify-figure.js';
export { importValues, type ImportValuesInput, type ValuesImportResult } from './values/commands/import-values.js';
// Results: scoring, ranking, breakdown, 结果运用
export { getOrgResult, getResults, radar, resultUseOf, whatIf, type SchemeResults, type WhatIfQuery } from './results/results.queries.js';
export { computeScheme, type ComputeSchemeInput } from './results/commands/compute-scheme.js';
export { feedbackToLedger, type FeedbackToLedgerInput } from './results/commands/feedback-to-ledger.js';
// 数据核查: checks, flags, the nightly run
export { listFlags, type FlagQuery } from './integrity/integrity.queries.js';
export { runIntegrity, type RunIntegrityInput } from './integrity/commands/run-integrity.js';
export { referFlag, type ReferFlagInput } from './integrity/commands/refer-flag.js';
export { dismissFlag, type DismissFlagInput } from './integrity/commands/dismiss-flag.js';
export { runNightlyIntegrity } from './integrity/nightly.js';
export { analyseDigits, type DigitsReport } from './assessment.digits.js';
// Leader changes
export { listLeaderChanges, type LeaderChange } from './leader-changes/leader-changes.queries.js';
export { setLeaderChange, type SetLeaderChangeInput } from './leader-changes/commands/set-leader-change.js';
// Explanations, routes, seeds
export { explanationText } from './assessment.presenter.js';
export { registerAssessmentRoutes } from './assessment.routes.js';
export { DEMO_YEARS, seedDemoAssessment, writeDemoFigures } from './assessment.seed.js';
