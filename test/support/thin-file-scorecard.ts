/**
 * A small scorecard over a person's loan defaults, as a catalog file: hand-made so that its
 * scores can be checked by hand (no defaults: 300 + 320 = 620; one default 95 days past due:
 * 250 + 240 = 490, the days past due costing 80 points below their best and the count 50).
 */
const bin = (label: string, points: number, bounds: string) =>
  `      - { label: "${label}", ${bounds}count: 10, goods: 5, bads: 5, woe: 0, points: ${points}, displayPoints: ${points} }`;

export const THIN_FILE_SCORECARD = `id: thin_file_score
version: "2026.1"
kind: scorecard
name: { zh: 薄档案个人评分, en: Thin-file personal score }
description:
  zh: 近两年的贷款违约次数及最长逾期天数。
  en: Loan defaults in the last two years and the worst days past due.
legalBasis:
  - title: 征信业管理条例
    provision: { zh: "第二十一条（依据所采集的信息进行信用评价）", en: "Art. 21 (credit evaluation from the information collected)" }
status: published
subjects: [person]
scaling: { basePoints: 600, baseOdds: 50, pdo: 20, factor: ${20 / Math.LN2}, offset: ${600 - (20 / Math.LN2) * Math.log(50)} }
intercept: 0
characteristics:
  - name: loan_defaults_24m
    label: Loan defaults in 24 months
    kind: numeric
    coefficient: 1
    informationValue: 0.2
    source: { recordType: loan_default, aggregate: count, window: P24M }
    bins:
${bin('none', 300, 'upper: 1, ')}
${bin('one or more', 250, 'lower: 1, ')}
  - name: worst_days_past_due
    label: Worst days past due
    kind: numeric
    coefficient: 1
    informationValue: 0.3
    source: { recordType: loan_default, field: days_past_due, aggregate: max }
    bins:
${bin('no default', 320, 'missing: true, ')}
${bin('under 30', 310, 'upper: 30, ')}
${bin('30 to 89', 280, 'lower: 30, upper: 90, ')}
${bin('90 or more', 240, 'lower: 90, ')}
thresholds:
  - { label: low risk, minScore: 600 }
  - { label: high risk, minScore: 0 }
metrics: { auc: 0.7, ks: 0.3, gini: 0.4, cvAuc: 0.7, folds: 10 }
`;
