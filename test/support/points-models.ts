import type { PointsModel, PointsRule } from '../../src/domain/rating-model.js';

/** Small hand-made points models for engine tests: one feature at a time. */

export const LABEL = { zh: '测试', en: 'Test' };

export function model(over: Partial<PointsModel> = {}): PointsModel {
  return {
    kind: 'points',
    id: 'test_model',
    version: '1',
    name: LABEL,
    description: { zh: '测试模型', en: 'a test model' },
    legalBasis: [{ title: 'test' }],
    status: 'draft',
    public: false,
    appliesTo: { subjectKinds: ['business'] },
    period: { kind: 'calendar_year' },
    startScore: [{ id: 'base', label: LABEL, points: 100 }],
    rules: [],
    directGrades: [],
    grades: [
      { grade: 'A', min: 90 },
      { grade: 'B', min: 60, below: 90 },
      { grade: 'C', below: 60 },
    ],
    specialGrades: [],
    ceilings: [],
    carryOver: [],
    ...over,
  };
}

export const rule = (over: Partial<PointsRule>): PointsRule => ({
  id: 'r',
  label: LABEL,
  basis: LABEL,
  records: { recordType: 'wage_arrears', conditions: [] },
  points: -1,
  ...over,
});
