// Progress charts as inline SVG (no chart library): role="img" with a <title>, and the same figures in
// a table beside each chart for screen readers and for reading exact numbers.
import { MEASURE_STATUSES, type MeasureStatus } from "~/domain/plans/types";
import type { FiscalYearCount, TierStatusRow } from "~/domain/plans/export/statistics";
import { STATUS_STYLES, YEAR_BAR_COLOR, type SeriesStyle } from "./chart-palette";

const PATTERN_SIZE = 6;

/** The fill of one series: its colour, with its pattern drawn over it in white. */
function SeriesPattern({ id, style }: { id: string; style: SeriesStyle }) {
  const strokes: Record<SeriesStyle["pattern"], JSX.Element | null> = {
    solid: null,
    dots: <circle cx={3} cy={3} r={1.3} fill="#fff" />,
    diagonal: <path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#fff" strokeWidth={1.2} />,
    crosshatch: <path d="M0,0 l6,6 M6,0 l-6,6" stroke="#fff" strokeWidth={1} />,
    horizontal: <path d="M0,3 h6" stroke="#fff" strokeWidth={1.5} />,
  };
  return (
    <pattern id={id} width={PATTERN_SIZE} height={PATTERN_SIZE} patternUnits="userSpaceOnUse">
      <rect width={PATTERN_SIZE} height={PATTERN_SIZE} fill={style.color} />
      {strokes[style.pattern]}
    </pattern>
  );
}

const statusFill = (status: MeasureStatus) => `url(#tier-status-${MEASURE_STATUSES.indexOf(status)})`;

export function TierChart({ rows }: { rows: TierStatusRow[] }) {
  const barWidth = 420;
  const rowHeight = 34;
  const labelWidth = 70;
  const height = rows.length * rowHeight + 40;
  const titleId = "tier-chart-title";
  return (
    <figure className="chart">
      <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${labelWidth + barWidth + 60} ${height}`} width={560}>
        <title id={titleId}>優先度ごとの施策の状況（帯の長さは施策の割合）</title>
        <defs>
          {MEASURE_STATUSES.map((status, i) => (
            <SeriesPattern key={status} id={`tier-status-${i}`} style={STATUS_STYLES[status]} />
          ))}
        </defs>
        {rows.map((row, i) => {
          let x = labelWidth;
          const y = i * rowHeight + 4;
          return (
            <g key={row.tier}>
              <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="13">
                【{row.tier}】
              </text>
              {MEASURE_STATUSES.map((status) => {
                const w = (row.counts[status] / row.total) * barWidth;
                const rect = w > 0 ? <rect key={status} x={x} y={y} width={w} height={24} fill={statusFill(status)} stroke="#fff" strokeWidth={1} /> : null;
                x += w;
                return rect;
              })}
              <text x={labelWidth + barWidth + 6} y={y + 17} fontSize="12">
                {row.total}件
              </text>
            </g>
          );
        })}
        {MEASURE_STATUSES.map((status, i) => (
          <g key={status} transform={`translate(${labelWidth + i * 88}, ${rows.length * rowHeight + 14})`}>
            <rect width={12} height={12} fill={statusFill(status)} />
            <text x={16} y={11} fontSize="12">
              {status}
            </text>
          </g>
        ))}
      </svg>
      <table>
        <caption>優先度ごとの施策の状況（件数）</caption>
        <thead>
          <tr>
            <th scope="col">優先度</th>
            {MEASURE_STATUSES.map((s) => (
              <th scope="col" key={s}>
                {s}
              </th>
            ))}
            <th scope="col">計</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.tier}>
              <th scope="row">【{row.tier}】</th>
              {MEASURE_STATUSES.map((s) => (
                <td key={s}>{row.counts[s]}</td>
              ))}
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function FiscalYearChart({ years }: { years: FiscalYearCount[] }) {
  const max = Math.max(1, ...years.map((y) => y.entries));
  const column = 56;
  const chartHeight = 160;
  const width = Math.max(1, years.length) * column + 40;
  const titleId = "year-chart-title";
  return (
    <figure className="chart">
      <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${width} ${chartHeight + 50}`} width={Math.max(320, width)}>
        <title id={titleId}>年度ごとの実施したことの件数</title>
        <line x1={30} y1={chartHeight + 10} x2={width} y2={chartHeight + 10} stroke="#666" />
        {years.map((y, i) => {
          const h = (y.entries / max) * chartHeight;
          const x = 36 + i * column;
          return (
            <g key={y.fiscalYear}>
              <rect x={x} y={chartHeight + 10 - h} width={column - 16} height={h} fill={YEAR_BAR_COLOR} />
              <text x={x + (column - 16) / 2} y={chartHeight + 4 - h} textAnchor="middle" fontSize="12">
                {y.entries}
              </text>
              <text x={x + (column - 16) / 2} y={chartHeight + 26} textAnchor="middle" fontSize="12">
                {y.short}
              </text>
              <text x={x + (column - 16) / 2} y={chartHeight + 42} textAnchor="middle" fontSize="11">
                {y.fiscalYear}
              </text>
            </g>
          );
        })}
      </svg>
      <table>
        <caption>年度ごとの実施したことの件数（期間が複数年度にわたるものは各年度に数えます）</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">件数</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.fiscalYear}>
              <th scope="row">
                {y.label}（{y.fiscalYear}年度）
              </th>
              <td>{y.entries}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
