import { useI18n } from '../i18n';

/** One bar: a record's publication window or a list entry's period. */
export interface Span {
  id: string;
  label: string;
  from: string;
  /** null: no fixed end (drawn to the right edge) */
  to: string | null;
  /** a list colour (black, red, warning) or 'record' */
  tone: string;
}

const TONES: Record<string, string> = {
  black: '#1b1f24',
  red: '#1d6b3a',
  warning: '#8a5a00',
  record: '#0b5cad',
};

const ROW = 26;
const LABEL = 190;
const WIDTH = 760;
const AXIS = 24;

const day = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

/**
 * A timeline of a subject's records and list entries, with today marked. Drawn as SVG with a
 * title on every bar; the same facts are in the page as text, so the picture adds, never hides.
 */
export function Timeline({ spans, today }: { spans: Span[]; today: string }) {
  const { t, date } = useI18n();
  const now = day(today);
  const start = Math.min(...spans.map((s) => day(s.from)), now);
  const ends = spans.map((s) => (s.to ? day(s.to) : now));
  const end = Math.max(...ends, now) + 30 * 86_400_000;
  const x = (ms: number) => LABEL + ((ms - start) / (end - start)) * (WIDTH - LABEL - 10);
  const height = AXIS + spans.length * ROW + 8;
  const firstYear = new Date(start).getUTCFullYear() + 1;
  const lastYear = new Date(end).getUTCFullYear();
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);

  return (
    <figure style={{ margin: 0 }}>
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={t('subject.timelineHint')}
        style={{ minHeight: 0, height: 'auto' }}
      >
        {years.map((y) => {
          const at = x(Date.UTC(y, 0, 1));
          return (
            <g key={y}>
              <line x1={at} x2={at} y1={AXIS - 6} y2={height} stroke="#d6dae0" />
              <text x={at + 3} y={AXIS - 10} fontSize="12" fill="#4d5560">
                {y}
              </text>
            </g>
          );
        })}
        {spans.map((s, i) => {
          const top = AXIS + i * ROW;
          const left = x(day(s.from));
          const right = s.to ? x(day(s.to)) : WIDTH - 10;
          return (
            <g key={s.id}>
              <text x={0} y={top + 16} fontSize="12" fill="#1b1f24">
                {s.label.length > 14 ? `${s.label.slice(0, 13)}…` : s.label}
              </text>
              <rect
                x={left}
                y={top + 5}
                width={Math.max(right - left, 3)}
                height={ROW - 10}
                rx={3}
                fill={TONES[s.tone] ?? TONES.record}
                opacity={s.to ? 1 : 0.75}
              >
                <title>{`${s.label}: ${date(s.from)} – ${s.to ? date(s.to) : t('subject.endsOnOpen')}`}</title>
              </rect>
            </g>
          );
        })}
        <line
          x1={x(now)}
          x2={x(now)}
          y1={AXIS - 6}
          y2={height}
          stroke="#a61b1b"
          strokeDasharray="4 3"
        />
      </svg>
      {/* on a phone the bars are too small to read: the same spans as a list of dates */}
      <ol className="timeline-list">
        {spans.map((s) => (
          <li key={s.id} className={`tone-${s.tone}`}>
            <span className="timeline-label">{s.label}</span>
            <span className="small">
              {date(s.from)} – {s.to ? date(s.to) : t('subject.endsOnOpen')}
              {(s.to ? day(s.to) : Infinity) >= now && day(s.from) <= now
                ? ` · ${t('subject.timelineNow')}`
                : ''}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
