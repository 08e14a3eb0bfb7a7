import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** One step of a score: a rule's points (signed), or a characteristic's points in a scorecard. */
export interface ContributionBar {
  key: string;
  label: string;
  points: number;
  /** what else the reader should know: the bin, the cap, the points below the best */
  note?: string;
}

export interface ContributionsProps {
  /** what the chart shows, e.g. "How each rule moved the score of …" */
  title: string;
  /** the score a points model starts from; drawn as text, the bars are what moved it */
  start?: { label: string; points: number } | null;
  bars: ContributionBar[];
  total: { score: number | null; grade: string };
}

/**
 * A wide table's box: it scrolls sideways on a narrow screen, so it takes the keyboard focus
 * (arrow keys scroll it) and is named for screen readers.
 */
export function ScrollRegion({
  label,
  card = false,
  children,
}: {
  label: string;
  card?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className={card ? 'table-wrap card' : 'table-wrap'}
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {children}
    </div>
  );
}

const UP = 'up';
const DOWN = 'down';

/** Signed points as people read them: +3, −5, −12.5. */
export function useSigned() {
  const { lang } = useI18n();
  const format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  return (n: number) => format.format(n);
}

/**
 * How each rule moved a score: one bar per step, to the right when it added points, to the
 * left when it deducted, with the points written beside it. A table under the picture holds
 * the same numbers as text, so nothing is only in the drawing.
 */
export function Contributions({ title, start, bars, total }: ContributionsProps) {
  const { t, number } = useI18n();
  const signed = useSigned();
  const biggest = Math.max(1, ...bars.map((b) => Math.abs(b.points)));
  const hasDown = bars.some((b) => b.points < 0);
  const hasUp = bars.some((b) => b.points > 0);
  // the zero line sits left when nothing deducts, right when nothing adds, else in the middle
  const zero = hasDown ? (hasUp ? 50 : 100) : 0;
  const reach = hasUp && hasDown ? 50 : 100;
  const summary = t('charts.contrib.aria', {
    title,
    steps: bars.map((b) => `${b.label} ${signed(b.points)}`).join('; ') || t('common.none'),
    score: total.score === null ? '—' : number(total.score),
    grade: total.grade,
  });

  return (
    <figure className="chart-figure">
      <figcaption className="small muted">{title}</figcaption>
      {bars.length > 0 && (
        // drawn in HTML, not SVG, so that the labels keep the page's text size on a phone
        <div className="contrib-chart" role="img" aria-label={summary}>
          {bars.map((b) => {
            const length = Math.max((Math.abs(b.points) / biggest) * reach, 0.5);
            const left = b.points < 0 ? zero - length : zero;
            const tone = b.points < 0 ? DOWN : UP;
            return (
              <div className="contrib-row" key={b.key}>
                <span className="contrib-label">{b.label}</span>
                <span
                  className={`contrib-track${hasDown ? ' room-left' : ''}${hasUp ? ' room-right' : ''}`}
                >
                  <span className="contrib-zero" style={{ left: `${zero}%` }} />
                  <span
                    className={`contrib-bar ${tone}`}
                    style={{ left: `${left}%`, width: `${length}%` }}
                  />
                  <span
                    className={`contrib-value ${tone}`}
                    style={
                      b.points < 0
                        ? { right: `calc(${100 - left}% + 0.3rem)` }
                        : { left: `calc(${left + length}% + 0.3rem)` }
                    }
                  >
                    {signed(b.points)}
                  </span>
                </span>
              </div>
            );
          })}
        </div>
      )}
      <ScrollRegion label={title}>
        <table className="small contrib-table">
          <thead>
            <tr>
              <th scope="col">{t('charts.contrib.step')}</th>
              <th scope="col" className="num">
                {t('charts.contrib.points')}
              </th>
              <th scope="col">{t('charts.contrib.note')}</th>
            </tr>
          </thead>
          <tbody>
            {start && (
              <tr>
                <th scope="row">{start.label}</th>
                <td className="num">{number(start.points)}</td>
                <td>{t('charts.contrib.start')}</td>
              </tr>
            )}
            {bars.map((b) => (
              <tr key={b.key}>
                <th scope="row">{b.label}</th>
                <td className="num">{signed(b.points)}</td>
                <td>{b.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('charts.contrib.total')}</th>
              <td className="num">{total.score === null ? '—' : number(total.score)}</td>
              <td>{t('charts.contrib.grade', { grade: total.grade })}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </figure>
  );
}
