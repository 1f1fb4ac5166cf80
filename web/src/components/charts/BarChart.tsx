import { useDirection } from '@mantine/core';
import { useId } from 'react';
import { linearScale, niceTicks } from './model';
import { CHART_FONT, INK, MUTED, FLAG, GRID, shorten } from './palette';

/** One bar: its length (null when hidden or unknown) and the text written beside it. */
export interface BarValue {
  value: number | null;
  text: string;
  /** A hidden count ("<5"): drawn as a dashed stub, never as a length. */
  hidden?: boolean;
}

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

export interface BarRow {
  key: string;
  label: string;
  /** One per series, in the order of `series`. */
  values: BarValue[];
  /** Drawn in the flag colour with a marker (e.g. dependency over the threshold). */
  flagged?: boolean;
  /** A min–max whisker over the (single) bar. */
  range?: [number, number] | null;
}

interface BarChartProps {
  title: string;
  /** A sentence saying what the chart shows, for screen readers. */
  summary: string;
  rows: BarRow[];
  series: BarSeries[];
  /** The axis runs from `min` (default 0) to at least this. */
  max?: number;
  min?: number;
  tickText: (value: number) => string;
  /** A marked value on the axis (a dashed line with its label). */
  reference?: { value: number; label: string };
  flagText?: string;
  testId: string;
}

const WIDTH = 720;
const LABEL = 190;
const VALUE = 90;
const BAR = 16;
const GAP = 14;
const AXIS = 26;

/**
 * Horizontal bars, one group per row and one bar per series. Right-to-left pages mirror it:
 * labels on the right, bars growing leftwards. Presentation attributes only (for PNG export).
 */
export function BarChart({
  title,
  summary,
  rows,
  series,
  max,
  min = 0,
  tickText,
  reference,
  flagText = '⚑',
  testId,
}: BarChartProps) {
  const { dir } = useDirection();
  const rtl = dir === 'rtl';
  const titleId = useId();
  const descId = useId();
  const largest = Math.max(
    max ?? 0,
    reference?.value ?? 0,
    ...rows.flatMap((r) => [...r.values.map((v) => v.value ?? 0), r.range?.[1] ?? 0]),
  );
  const ticks = niceTicks(largest, 5, min);
  const top = ticks[ticks.length - 1]!;
  const legend = series.length > 1 ? 24 * Math.ceil(series.length / 3) + 8 : 0;
  const groupHeight = series.length * BAR + GAP;
  const height = AXIS + rows.length * groupHeight + legend + 8;
  // Layout in left-to-right coordinates; `x` mirrors them for right-to-left pages.
  const plotStart = LABEL + 8;
  const plotEnd = WIDTH - VALUE;
  const scale = linearScale(min, top, plotStart, plotEnd);
  const x = (v: number) => (rtl ? WIDTH - v : v);
  const rectX = (from: number, width: number) => (rtl ? WIDTH - from - width : from);
  const anchor = (a: 'start' | 'end') => (rtl ? (a === 'start' ? 'end' : 'start') : a);

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      data-testid={testId}
      fontFamily={CHART_FONT}
      fontSize={12}
      // Coordinates and anchors are laid out here for both directions; the page's own
      // direction must not flip the anchors a second time.
      direction="ltr"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{summary}</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={x(scale(tick))}
            x2={x(scale(tick))}
            y1={AXIS - 6}
            y2={height - legend - 4}
            stroke={GRID}
          />
          <text x={x(scale(tick))} y={AXIS - 10} textAnchor="middle" fill={MUTED} fontSize={11}>
            {tickText(tick)}
          </text>
        </g>
      ))}
      {rows.map((row, r) => {
        const y0 = AXIS + r * groupHeight;
        return (
          <g key={row.key} data-testid={`${testId}-row`} data-key={row.key}>
            <title>{`${row.label}: ${row.values.map((v) => v.text).join(', ')}`}</title>
            <text
              x={x(LABEL)}
              y={y0 + (series.length * BAR) / 2 + 4}
              textAnchor={anchor('end')}
              fill={INK}
            >
              {row.flagged ? `${flagText} ` : ''}
              {shorten(row.label, 28)}
            </text>
            {row.values.map((v, s) => {
              const y = y0 + s * BAR + 2;
              const color = row.flagged ? FLAG : (series[s]?.color ?? INK);
              const length = v.value === null ? 0 : Math.max(scale(v.value) - plotStart, 0);
              return (
                <g key={series[s]?.key ?? s}>
                  {v.hidden ? (
                    <rect
                      x={rectX(plotStart, 18)}
                      y={y}
                      width={18}
                      height={BAR - 4}
                      fill="none"
                      stroke={color}
                      strokeDasharray="3 2"
                    />
                  ) : (
                    <rect
                      x={rectX(plotStart, length)}
                      y={y}
                      width={length}
                      height={BAR - 4}
                      fill={color}
                    />
                  )}
                  <text
                    x={x(plotStart + (v.hidden ? 18 : length) + 4)}
                    y={y + BAR - 6}
                    textAnchor={anchor('start')}
                    fill={INK}
                    fontSize={11}
                    data-testid={`${testId}-value`}
                    data-series={series[s]?.key ?? ''}
                  >
                    {v.text}
                  </text>
                </g>
              );
            })}
            {row.range && (
              <g stroke={INK} strokeWidth={1.5}>
                <line
                  x1={x(scale(row.range[0]))}
                  x2={x(scale(row.range[1]))}
                  y1={y0 + BAR / 2}
                  y2={y0 + BAR / 2}
                />
                <line
                  x1={x(scale(row.range[0]))}
                  x2={x(scale(row.range[0]))}
                  y1={y0 + 2}
                  y2={y0 + BAR - 2}
                />
                <line
                  x1={x(scale(row.range[1]))}
                  x2={x(scale(row.range[1]))}
                  y1={y0 + 2}
                  y2={y0 + BAR - 2}
                />
              </g>
            )}
          </g>
        );
      })}
      {reference && (
        <g>
          <line
            x1={x(scale(reference.value))}
            x2={x(scale(reference.value))}
            y1={AXIS - 6}
            y2={height - legend - 4}
            stroke={FLAG}
            strokeDasharray="5 3"
            strokeWidth={1.5}
          />
          <text
            x={x(scale(reference.value) + 4)}
            y={height - legend - 6}
            textAnchor={anchor('start')}
            fill={FLAG}
            fontSize={11}
          >
            {reference.label}
          </text>
        </g>
      )}
      {series.length > 1 &&
        series.map((s, i) => {
          const col = i % 3;
          const row = Math.floor(i / 3);
          const lx = 12 + col * 230;
          const ly = height - legend + row * 24 + 8;
          return (
            <g key={s.key}>
              <rect x={rectX(lx, 12)} y={ly} width={12} height={12} fill={s.color} />
              <text x={x(lx + 18)} y={ly + 10} textAnchor={anchor('start')} fill={INK}>
                {shorten(s.label, 32)}
              </text>
            </g>
          );
        })}
    </svg>
  );
}
