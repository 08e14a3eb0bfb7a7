import { choleskySolve } from './linear-solve.js';

/** Logistic regression fitted by Newton–Raphson (iteratively reweighted least squares). */

export interface LogisticOptions {
  /** L2 penalty on the coefficients (never on the intercept), for stability */
  ridge?: number;
  maxIterations?: number;
  /** stop when no parameter moves by more than this */
  tolerance?: number;
}

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

/** Fits ln(p / (1 − p)) = α + Σ β_j·x_j, where p is the probability that `y` is true. */
export function fitLogistic(
  x: readonly ArrayLike<number>[],
  y: readonly boolean[],
  options: LogisticOptions = {},
): LogisticFit {
  const { ridge = 0, maxIterations = 100, tolerance = 1e-10 } = options;
  const d = (x[0]?.length ?? 0) + 1;
  let beta = new Array<number>(d).fill(0);
  let objective = penalisedLogLikelihood(x, y, beta, ridge);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const { gradient, hessian } = newtonTerms(x, y, beta, ridge);
    const step = choleskySolve(hessian, gradient);
    // halve the step while it makes the fit worse: Newton can overshoot far from the optimum
    let scale = 1;
    let next = beta.map((b, j) => b + step[j]!);
    let nextObjective = penalisedLogLikelihood(x, y, next, ridge);
    while (nextObjective < objective - 1e-12 && scale > 1e-8) {
      scale /= 2;
      next = beta.map((b, j) => b + scale * step[j]!);
      nextObjective = penalisedLogLikelihood(x, y, next, ridge);
    }
    beta = next;
    objective = nextObjective;
    if (Math.max(...step.map((s) => Math.abs(s * scale))) < tolerance) {
      return {
        intercept: beta[0]!,
        coefficients: beta.slice(1),
        iterations: iteration,
        converged: true,
      };
    }
  }
  return {
    intercept: beta[0]!,
    coefficients: beta.slice(1),
    iterations: maxIterations,
    converged: false,
  };
}

/** α + Σ β_j·x_j */
export function linearPredictor(
  fit: Pick<LogisticFit, 'intercept' | 'coefficients'>,
  row: ArrayLike<number>,
): number {
  let eta = fit.intercept;
  for (let j = 0; j < fit.coefficients.length; j++) eta += fit.coefficients[j]! * row[j]!;
  return eta;
}

const eta = (row: ArrayLike<number>, beta: readonly number[]) => {
  let e = beta[0]!;
  for (let j = 0; j < row.length; j++) e += beta[j + 1]! * row[j]!;
  return e;
};

function newtonTerms(
  x: readonly ArrayLike<number>[],
  y: readonly boolean[],
  beta: readonly number[],
  ridge: number,
): { gradient: number[]; hessian: number[][] } {
  const d = beta.length;
  const gradient = beta.map((b, j) => (j === 0 ? 0 : -ridge * b));
  const hessian = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i === j && i > 0 ? ridge : 0)),
  );
  const z = new Array<number>(d);
  x.forEach((row, i) => {
    const p = 1 / (1 + Math.exp(-eta(row, beta)));
    const w = Math.max(p * (1 - p), 1e-12);
    const r = (y[i] ? 1 : 0) - p;
    z[0] = 1;
    for (let j = 0; j < row.length; j++) z[j + 1] = row[j]!;
    for (let a = 0; a < d; a++) {
      gradient[a]! += z[a]! * r;
      const ha = hessian[a]!;
      for (let b = 0; b <= a; b++) ha[b]! += w * z[a]! * z[b]!;
    }
  });
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) hessian[b]![a] = hessian[a]![b]!;
  return { gradient, hessian };
}

function penalisedLogLikelihood(
  x: readonly ArrayLike<number>[],
  y: readonly boolean[],
  beta: readonly number[],
  ridge: number,
): number {
  let ll = 0;
  x.forEach((row, i) => {
    const e = eta(row, beta);
    // ln σ(e) = −ln(1 + e^−e), written to stay finite for large |e|
    const log1pExp = (t: number) =>
      t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    ll -= y[i] ? log1pExp(-e) : log1pExp(e);
  });
  let penalty = 0;
  for (let j = 1; j < beta.length; j++) penalty += beta[j]! * beta[j]!;
  return ll - (ridge / 2) * penalty;
}
