import { useI18n } from '../i18n';
import { ScrollRegion } from './contributions';

/** One rating of a subject under a model. */
export interface HistoryPoint {
  asOf: string;
  score: number | null;
  grade: string;
  /** the grade as the model names it, e.g. "B (Good)" */
  gradeLabel: string;
}

/** The ratings of one model, any order. */
export interface HistorySeries {
  id: string;
  label: string;
  points: HistoryPoint[];
}

const WIDTH = 360;
const HEIGHT = 170;
const LEFT = 44;
const RIGHT = 20;
const TOP = 26;
const BOTTOM = 30;

/** A label cut to about `units` half-width characters (a CJK character counts two). */
function clip(text: string, units: number): string {
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    used += text.charCodeAt(i) > 0x2e80 ? 2 : 1;
    if (used > units) return `${text.slice(0, Math.max(i - 1, 1))}…`;
  }
  return text;
}

const day = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

/**
 * The score over time, one small chart per model (models score on their own scales: 100,
 * 1000, scorecard points), each point labelled with its grade. The table after the charts
 * holds every number as text.
 */
export function ScoreHistory({ series }: { series: HistorySeries[] }) {
  const { t, date, number } = useI18n();
  const rows = series.flatMap((s) =>
    [...s.points].sort((a, b) => a.asOf.localeCompare(b.asOf)).map((p) => ({ s, p })),
  );
  return (
    <div>
      <div className="history-grid">
        {series.map((s) => (
          <HistoryPanel key={s.id} series={s} />
        ))}
      </div>
      <ScrollRegion label={t('charts.history.table')}>
        <table className="small history-table">
          <caption className="small muted">{t('charts.history.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.history.model')}</th>
              <th scope="col">{t('charts.history.asOf')}</th>
              <th scope="col" className="num">
                {t('charts.history.score')}
              </th>
              <th scope="col">{t('charts.history.grade')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ s, p }) => (
              <tr key={`${s.id}-${p.asOf}`}>
                <th scope="row">{s.label}</th>
                <td>{date(p.asOf)}</td>
                <td className="num">{p.score === null ? '—' : number(p.score)}</td>
                <td>{p.gradeLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

function HistoryPanel({ series }: { series: HistorySeries }) {
  const { t, date, number } = useI18n();
  const points = [...series.points].sort((a, b) => a.asOf.localeCompare(b.asOf));
  const scored = points.filter((p): p is HistoryPoint & { score: number } => p.score !== null);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  const from = day(first.asOf);
  const to = day(last.asOf);
  const low = Math.min(...scored.map((p) => p.score));
  const high = Math.max(...scored.map((p) => p.score));
  // a flat or single-point series gets a band around it, so the point sits mid-height
  const pad = high === low ? Math.max(Math.abs(high) * 0.1, 5) : (high - low) * 0.15;
  const [y0, y1] = [low - pad, high + pad];
  const x = (iso: string) =>
    to === from
      ? (LEFT + WIDTH - RIGHT) / 2
      : LEFT + ((day(iso) - from) / (to - from)) * (WIDTH - LEFT - RIGHT);
  const y = (score: number) => TOP + ((y1 - score) / (y1 - y0)) * (HEIGHT - TOP - BOTTOM);
  const path = scored.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.asOf)},${y(p.score)}`).join(' ');
  const label = t('charts.history.aria', {
    model: series.label,
    count: points.length,
    from: date(first.asOf),
    to: date(last.asOf),
    steps: points
      .map((p) => `${date(p.asOf)} ${p.score === null ? '—' : number(p.score)} ${p.gradeLabel}`)
      .join('; '),
  });

  return (
    <figure className="chart-figure history-panel">
      <figcaption className="small">
        <strong>{series.label}</strong>
      </figcaption>
      <svg
        className="chart history-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
      >
        <line x1={LEFT} x2={LEFT} y1={TOP - 10} y2={HEIGHT - BOTTOM} stroke="#d6dae0" />
        <line
          x1={LEFT}
          x2={WIDTH - RIGHT}
          y1={HEIGHT - BOTTOM}
          y2={HEIGHT - BOTTOM}
          stroke="#d6dae0"
        />
        {scored.length > 0 && (
          <>
            <text x={LEFT - 6} y={y(high) + 4} fontSize="11" textAnchor="end" fill="#4d5560">
              {number(high)}
            </text>
            {high !== low && (
              <text x={LEFT - 6} y={y(low) + 4} fontSize="11" textAnchor="end" fill="#4d5560">
                {number(low)}
              </text>
            )}
          </>
        )}
        <text x={LEFT} y={HEIGHT - 10} fontSize="11" fill="#4d5560">
          {date(first.asOf)}
        </text>
        {to !== from && (
          <text x={WIDTH - RIGHT} y={HEIGHT - 10} fontSize="11" textAnchor="end" fill="#4d5560">
            {date(last.asOf)}
          </text>
        )}
        {path && <path d={path} fill="none" stroke="#0b5cad" strokeWidth={2} />}
        {scored.map((p) => (
          <g key={p.asOf}>
            <circle cx={x(p.asOf)} cy={y(p.score)} r={4.5} fill="#0b5cad">
              <title>{`${date(p.asOf)}: ${number(p.score)} · ${p.gradeLabel}`}</title>
            </circle>
            <text
              x={x(p.asOf)}
              y={y(p.score) - 10}
              fontSize="12"
              fontWeight="700"
              textAnchor="middle"
              fill="#1b1f24"
            >
              {clip(p.gradeLabel, 14)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
