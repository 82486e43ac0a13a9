/** A small world of three units in one zone, shared by the scoring rules' tests (test support: imported by *.test.ts only). */
import type { AssessmentInput, Indicator, IndicatorValue, Scheme } from './scoring.rules.js';

/** Grade quotas most tests use: 20 % excellent, 50 % good, 20 % fair, the rest poor. */
export const QUOTAS = { excellent: 0.2, good: 0.5, fair: 0.2 };

/** Four indicators: visible and latent, higher and lower better, one with a three-year lag. */
export const INDICATORS: Indicator[] = [
  { id: 1, code: 'GDP', name: '地区生产总值增速', direction: 'higher_better', visibility: 'visible' },
  { id: 2, code: 'PM25', name: 'PM2.5年平均浓度', direction: 'lower_better', visibility: 'latent' },
  { id: 3, code: 'FOREST', name: '森林覆盖率', direction: 'higher_better', visibility: 'latent', lagYears: 3 },
  { id: 4, code: 'DEBT', name: '政府债务率', direction: 'lower_better', visibility: 'visible' },
];

/** A 2025 urban-core scheme over the four indicators, weights summing to 100. */
export const SCHEME: Scheme = {
  year: 2025,
  zone: 'urban_core',
  indicators: [
    { indicatorId: 1, weight: 20, method: 'target', target: 100 },
    { indicatorId: 2, weight: 20, method: 'target', target: 36, cap: 1.2 },
    { indicatorId: 3, weight: 15, method: 'improvement' },
    { indicatorId: 4, weight: 15, method: 'peer_minmax' },
  ],
  thirdPartyWeight: 15,
  satisfactionWeight: 15,
  deductions: [
    { kind: 'fake_achievement', pointsEach: 2, cap: 5 },
    { kind: 'statistical_fraud', pointsEach: 3, cap: 10 },
    { kind: 'rebound', pointsEach: 0.5, cap: 2 },
  ],
  gradeQuotas: QUOTAS,
};

/** A unit's figures by indicator id. */
const figures = (entries: [number, IndicatorValue][]): Map<number, IndicatorValue> => new Map(entries);

/** The scheme's zone with its units, figures, inputs, ledger counts and history. */
export const WORLD: AssessmentInput = {
  scheme: SCHEME,
  indicators: INDICATORS,
  orgs: [
    { orgId: 1, name: '城关区', zone: 'urban_core' },
    { orgId: 2, name: '新城区', zone: 'urban_core' },
    { orgId: 3, name: '滨江区', zone: 'urban_core' },
    { orgId: 9, name: '山前县', zone: 'agricultural_county' },
  ],
  values: new Map([
    [
      1,
      figures([
        [1, { value: 95 }],
        [2, { value: 30 }],
        [3, { value: 110, baseline: 100 }],
        [4, { value: 50 }],
      ]),
    ],
    [
      2,
      figures([
        [1, { value: 100 }],
        [2, { value: 45 }],
        [4, { value: 70 }],
      ]),
    ],
    [
      3,
      figures([
        [1, { value: 80 }],
        [2, { value: 36 }],
        [3, { value: 100, baseline: null }],
        [4, { value: 90 }],
      ]),
    ],
    [
      9,
      figures([
        [1, { value: 1000 }],
        [4, { value: 0 }],
      ]),
    ],
  ]),
  thirdParty: { 1: 80, 2: 90, 3: 70, 9: 100 },
  satisfaction: new Map([
    [1, 90],
    [3, 70],
  ]),
  ledgerCounts: { 2: { fake_achievement: { count: 1, itemIds: [501] } } },
  history: { 1: { 2024: 'excellent' } },
};
