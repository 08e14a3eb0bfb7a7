import { describe, expect, it } from 'vitest';
import { attributePoints, scalingFor, scoreOf } from '../../../src/domain/scorecard/scaling.js';

describe('scalingFor', () => {
  it('gives Factor 28.8539 and Offset 487.123 for 600 points at 50:1 and PDO 20', () => {
    const sut = scalingFor();
    expect(sut).toMatchObject({ basePoints: 600, baseOdds: 50, pdo: 20 });
    expect(sut.factor.toFixed(4)).toBe('28.8539');
    expect(sut.offset.toFixed(3)).toBe('487.123');
  });

  it('scores the base points at the base odds and adds PDO points when the odds double', () => {
    const sut = scalingFor(700, 20, 40);
    expect(scoreOf(sut, Math.log(20))).toBeCloseTo(700, 10);
    expect(scoreOf(sut, Math.log(40)) - scoreOf(sut, Math.log(20))).toBeCloseTo(40, 10);
  });

  it('splits the score into attribute points that add up to Offset + Factor·ln(odds)', () => {
    const s = scalingFor();
    const [alpha, betas, woes] = [0.8, [0.9, 1.1, 0.7], [0.3, -0.6, 1.2]];
    const points = betas.map((b, j) => attributePoints(s, b, woes[j]!, alpha, 3));
    const lnOdds = alpha + betas.reduce((sum, b, j) => sum + b * woes[j]!, 0);
    expect(points.reduce((a, b) => a + b, 0)).toBeCloseTo(scoreOf(s, lnOdds), 10);
    // a higher WOE (lower risk) earns more points
    expect(attributePoints(s, 1, 0.5, alpha, 3)).toBeGreaterThan(
      attributePoints(s, 1, 0, alpha, 3),
    );
  });
});
