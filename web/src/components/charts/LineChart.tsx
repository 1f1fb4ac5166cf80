import { useDirection } from '@mantine/core';
import { useId } from 'react';
import { linearScale, niceTicks } from './model';
import { CHART_FONT, GRID, INK, MUTED, SERIES } from './palette';

export interface LinePoint {
  key: string;
  /** The x-axis label (a date). */
  label: string;
  /** null: no value at this point (e.g. too few domains scored); a gap in the line. */
  value: number | null;
  text: string;
}

interface LineChartProps {
  title: string;
  summary: string;
  points: LinePoint[];
  /** The value axis (e.g. the SRI method's range). */
  min: number;
  max: number;
  tickText: (value: number) => string;
  testId: string;
}

const WIDTH = 720;
const HEIGHT = 280;
const LEFT = 56;
const RIGHT = 24;
const TOP = 20;
const BOTTOM = 48;

/**
 * Values over time, oldest first (from the reading start: left, or right on right-to-left
 * pages). A missing value breaks the line. Presentation attributes only (for PNG export).
 */
export function LineChart({ title, summary, points, min, max, tickText, testId }: LineChartProps) {
  const { dir } = useDirection();
  const rtl = dir === 'rtl';
  const titleId = useId();
  const descId = useId();
  const ticks = niceTicks(max, 5, min).filter((v) => v >= min);
  const top = Math.max(ticks[ticks.length - 1]!, max);
  const y = linearScale(min, top, HEIGHT - BOTTOM, TOP);
  const slots = Math.max(points.length, 1);
  const step = (WIDTH - LEFT - RIGHT) / slots;
  // Left-to-right coordinates; mirrored for right-to-left pages.
  const xAt = (i: number) => {
    const ltr = LEFT + step * (i + 0.5);
    return rtl ? WIDTH - ltr : ltr;
  };
  const axisX = rtl ? WIDTH - LEFT : LEFT;
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${xAt(i)},${y(p.value)}`);
  });
  if (current.length) segments.push(current.join(' '));

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
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
            x1={LEFT - 4}
            x2={WIDTH - RIGHT}
            y1={y(tick)}
            y2={y(tick)}
            stroke={GRID}
            transform={rtl ? `translate(${RIGHT - LEFT + 4} 0)` : undefined}
          />
          <text
            x={rtl ? axisX + 8 : axisX - 8}
            y={y(tick) + 4}
            textAnchor={rtl ? 'start' : 'end'}
            fill={MUTED}
            fontSize={11}
          >
            {tickText(tick)}
          </text>
        </g>
      ))}
      {segments.map((s, i) =>
        s.includes(' ') ? (
          <polyline key={i} points={s} fill="none" stroke={SERIES[0]} strokeWidth={2.5} />
        ) : null,
      )}
      {points.map((p, i) => (
        <g key={p.key} data-testid={`${testId}-point`} data-key={p.key}>
          <title>{`${p.label}: ${p.text}`}</title>
          {p.value !== null && (
            <>
              <circle cx={xAt(i)} cy={y(p.value)} r={5} fill={SERIES[0]} />
              <text
                x={xAt(i)}
                y={y(p.value) - 10}
                textAnchor="middle"
                fill={INK}
                fontSize={11}
                data-testid={`${testId}-value`}
              >
                {p.text}
              </text>
            </>
          )}
          {p.value === null && (
            <text x={xAt(i)} y={HEIGHT - BOTTOM - 6} textAnchor="middle" fill={MUTED}>
              {p.text}
            </text>
          )}
          <text x={xAt(i)} y={HEIGHT - BOTTOM + 18} textAnchor="middle" fill={MUTED} fontSize={11}>
            {p.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
