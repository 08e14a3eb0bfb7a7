/**
 * The trainer's phase of the rating benchmark, in its own process so that peak RSS is its own:
 * trains a scorecard from a file of the credit-card default layout (bench/scorecard-data.ts)
 * with the ID column excluded, as `credence scorecard train` does, and prints one JSON line.
 * Usage: tsx bench/scorecard-phase.ts <data file>
 */
import { trainScorecardFile } from '../src/services/ratings/scorecard-train.service.js';

export interface TrainResult {
  seconds: number;
  rows: number;
  characteristics: number;
  cvAuc: number;
  peakRssMb: number;
}

const [path] = process.argv.slice(2) as [string];
const started = performance.now();
const training = await trainScorecardFile(path, {
  target: 'default.payment.next.month',
  exclude: ['ID'],
});
const result: TrainResult = {
  seconds: (performance.now() - started) / 1000,
  rows: training.summary.rows,
  characteristics: training.model.characteristics.length,
  cvAuc: training.model.metrics.cvAuc,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
