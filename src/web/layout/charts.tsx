import { h, SafeHtml } from '../jsx/html';

/** Numbers written in the chart as the page's language writes them. */
type Format = (value: number) => string;

/**
 * A horizontal bar chart drawn on the server. An image for assistive technology with its
 * title and description; the same numbers are always in a table next to it.
 */
export function BarChart(props: { id: string; title: string; desc: string; bars: { label: string; value: number }[]; format: Format }): SafeHtml {
  const labelWidth = 200;
  const barArea = 380;
  const row = 30;
  const width = labelWidth + barArea + 70;
  const height = props.bars.length * row + 10;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  return (
    <figure class="app-chart" aria-hidden="false">
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`}>
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.desc}</desc>
        <line class="app-chart__axis" x1={labelWidth} y1={0} x2={labelWidth} y2={height} />
        {props.bars.map((bar, i) => {
          const y = i * row + 5;
          const w = Math.round((bar.value / max) * barArea);
          return (
            <g>
              <text x={labelWidth - 8} y={y + 17} text-anchor="end" font-size="14">
                {bar.label}
              </text>
              <rect class="app-chart__bar" x={labelWidth} y={y + 3} width={w} height={row - 8} />
              <text x={labelWidth + w + 6} y={y + 17} font-size="14">
                {props.format(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export interface SeriesPoint {
  /** Position on the time axis, in years (2025.5 is the middle of 2025). */
  at: number;
  value: number;
}

/** An indicator over time: reported values as a line, yearly targets dashed, the baseline as a square. */
export function IndicatorChart(props: {
  id: string;
  title: string;
  desc: string;
  values: SeriesPoint[];
  targets: SeriesPoint[];
  baseline: SeriesPoint | null;
  years: number[];
  legend: { values: string; targets: string; baseline: string };
  format: Format;
}): SafeHtml {
  const width = 640;
  const height = 300;
  const left = 60;
  const right = 20;
  const top = 20;
  const bottom = 70;
  const all = [...props.values, ...props.targets, ...(props.baseline ? [props.baseline] : [])];
  const years = props.years.length ? props.years : [new Date().getFullYear()];
  const xMin = Math.min(years[0], ...all.map((p) => Math.floor(p.at)));
  const xMax = Math.max(years[years.length - 1], ...all.map((p) => Math.floor(p.at))) + 1;
  const yMaxRaw = Math.max(0, ...all.map((p) => p.value));
  const yMinRaw = Math.min(0, ...all.map((p) => p.value));
  const yMax = yMaxRaw === yMinRaw ? yMinRaw + 1 : yMaxRaw + (yMaxRaw - yMinRaw) * 0.1;
  const x = (at: number) => left + ((at - xMin) / (xMax - xMin)) * (width - left - right);
  const y = (value: number) => top + (1 - (value - yMinRaw) / (yMax - yMinRaw)) * (height - top - bottom);
  const path = (points: SeriesPoint[]) => points.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => yMinRaw + f * (yMax - yMinRaw));
  const axisYears: number[] = [];
  for (let year = xMin; year < xMax; year++) axisYears.push(year);
  return (
    <figure class="app-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`}>
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.desc}</desc>
        {ticks.map((tick) => (
          <g>
            <line class="app-chart__grid" x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} />
            <text x={left - 6} y={y(tick) + 4} text-anchor="end" font-size="12">
              {props.format(Math.round(tick * 10) / 10)}
            </text>
          </g>
        ))}
        <line class="app-chart__axis" x1={left} x2={width - right} y1={height - bottom} y2={height - bottom} />
        {axisYears.map((year) => (
          <text x={x(year + 0.5)} y={height - bottom + 18} text-anchor="middle" font-size="12">
            {String(year)}
          </text>
        ))}
        {props.targets.length > 1 ? <path class="app-chart__target" d={path(props.targets)} /> : null}
        {props.targets.map((p) => (
          <circle class="app-chart__target-point" cx={x(p.at)} cy={y(p.value)} r={5} />
        ))}
        {props.values.length > 1 ? <path class="app-chart__line" d={path(props.values)} /> : null}
        {props.values.map((p) => (
          <circle class="app-chart__point" cx={x(p.at)} cy={y(p.value)} r={4} />
        ))}
        {props.baseline ? <rect class="app-chart__baseline" x={x(props.baseline.at) - 5} y={y(props.baseline.value) - 5} width={10} height={10} /> : null}
        <g font-size="12">
          <circle class="app-chart__point" cx={left + 6} cy={height - 22} r={4} />
          <text x={left + 16} y={height - 18}>
            {props.legend.values}
          </text>
          <circle class="app-chart__target-point" cx={left + 206} cy={height - 22} r={5} />
          <text x={left + 216} y={height - 18}>
            {props.legend.targets}
          </text>
          <rect class="app-chart__baseline" x={left + 401} y={height - 27} width={10} height={10} />
          <text x={left + 416} y={height - 18}>
            {props.legend.baseline}
          </text>
        </g>
      </svg>
    </figure>
  );
}

/** Where a period sits on the time axis: a year's own value mid-year, a quarter in its quarter. */
export function periodPosition(year: number, quarter: number | null): number {
  return quarter === null ? year + 0.5 : year + (quarter - 0.5) / 4;
}
