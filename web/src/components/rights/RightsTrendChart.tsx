import { Loader, SimpleGrid, Stack, Table, Text, Title, useDirection } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format';
import { articleLabel, formatCount, formatShare, RIGHTS_ARTICLES } from '../../lib/rights';
import { ProblemAlert } from '../ProblemAlert';
import { monitoringApi, monitoringKeys, type RightsTrend, type RightsTrendCell } from './api';

const WIDTH = 320;
const HEIGHT = 160;
const SIDE = 40;
const END = 16;
const TOP = 12;
const BOTTOM = 36;
const GRID = [0, 0.5, 1];
const LINE = 'var(--mantine-color-blue-7)';
const INK = 'var(--mantine-color-text)';
const MUTED = 'var(--mantine-color-gray-5)';

/**
 * The label of an article; an article assessed as a whole ("17") is named after its first
 * paragraph's title, which the catalogue has.
 */
function trendArticleLabel(t: Parameters<typeof articleLabel>[0], article: string): string {
  const paragraph = RIGHTS_ARTICLES.find((a) => a === article || a.startsWith(`${article}(`));
  return articleLabel(t, article, paragraph ? t(`rights.articles.${paragraph}`) : undefined);
}

/** "2 of 6" (or "<5 of 6"), the counts behind a share. */
function countsText(
  t: Parameters<typeof articleLabel>[0],
  cell: RightsTrendCell,
  language: string,
): string {
  return t('monitoring.trend.fullOfAssessed', {
    full: formatCount(cell.full, language),
    assessed: formatCount(cell.assessed, language),
  });
}

function shareText(
  t: Parameters<typeof articleLabel>[0],
  cell: RightsTrendCell | undefined,
  language: string,
): string {
  if (!cell || cell.assessed === 0) return t('monitoring.trend.notAssessed');
  if (cell.shareFull === null) return t('monitoring.trend.hidden');
  return formatShare(cell.shareFull, language);
}

interface SmallChartProps {
  trend: RightsTrend;
  article: string;
}

/**
 * One article: the share with full access per round, oldest round at the reading start (left,
 * or right on right-to-left pages). A round with no share (nobody assessed, or hidden) breaks
 * the line. The same figures are in the table below.
 */
function SmallChart({ trend, article }: SmallChartProps) {
  const { t, i18n } = useTranslation();
  const { dir } = useDirection();
  const rtl = dir === 'rtl';
  const titleId = useId();
  const descId = useId();
  const cells = trend.rounds.map((r) => r.cells.find((c) => c.article === article));
  const step = (WIDTH - SIDE - END) / Math.max(trend.rounds.length, 1);
  const xAt = (i: number) => {
    const ltr = SIDE + step * (i + 0.5);
    return rtl ? WIDTH - ltr : ltr;
  };
  const y = (share: number) => TOP + (1 - share) * (HEIGHT - TOP - BOTTOM);
  const axisX = rtl ? WIDTH - SIDE : SIDE;
  const segments: string[][] = [[]];
  cells.forEach((c, i) => {
    if (c?.shareFull == null) segments.push([]);
    else segments.at(-1)!.push(`${xAt(i)},${y(c.shareFull)}`);
  });
  const label = trendArticleLabel(t, article);
  const description = trend.rounds
    .map((r, i) =>
      t('monitoring.trend.pointText', {
        round: r.round,
        share: shareText(t, cells[i], i18n.language),
      }),
    )
    .join('; ');
  const first = trend.rounds[0];
  const last = trend.rounds.at(-1);

  return (
    <figure style={{ margin: 0 }} data-testid="trend-chart" data-article={article}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        fontFamily="inherit"
        fontSize={11}
      >
        <title id={titleId}>{label}</title>
        <desc id={descId}>{description}</desc>
        {GRID.map((g) => (
          <g key={g}>
            <line
              x1={rtl ? END : SIDE}
              x2={rtl ? WIDTH - SIDE : WIDTH - END}
              y1={y(g)}
              y2={y(g)}
              stroke={MUTED}
              strokeWidth={g === 0 ? 1 : 0.5}
              strokeDasharray={g === 0 ? undefined : '3 3'}
            />
            <text
              x={rtl ? axisX + 4 : axisX - 4}
              y={y(g) + 4}
              textAnchor={rtl ? 'start' : 'end'}
              fill={INK}
            >
              {formatShare(g, i18n.language)}
            </text>
          </g>
        ))}
        {segments
          .filter((s) => s.length > 1)
          .map((s) => (
            <polyline key={s[0]} points={s.join(' ')} fill="none" stroke={LINE} strokeWidth={2} />
          ))}
        {cells.map((c, i) =>
          c?.shareFull == null ? (
            <text
              key={trend.rounds[i]!.round}
              x={xAt(i)}
              y={y(0) - 4}
              textAnchor="middle"
              fill={INK}
              aria-hidden="true"
            >
              {c && c.assessed !== 0 ? formatCount(c.full, i18n.language) : '–'}
            </text>
          ) : (
            <circle
              key={trend.rounds[i]!.round}
              cx={xAt(i)}
              cy={y(c.shareFull)}
              r={3.5}
              fill={LINE}
            />
          ),
        )}
        {first && (
          <text
            x={xAt(0)}
            y={HEIGHT - BOTTOM + 16}
            textAnchor={trend.rounds.length > 1 ? (rtl ? 'end' : 'start') : 'middle'}
            fill={INK}
            direction={rtl ? 'rtl' : 'ltr'}
          >
            {first.round}
          </text>
        )}
        {last && trend.rounds.length > 1 && (
          <text
            x={xAt(trend.rounds.length - 1)}
            y={HEIGHT - BOTTOM + 30}
            textAnchor={rtl ? 'start' : 'end'}
            fill={INK}
            direction={rtl ? 'rtl' : 'ltr'}
          >
            {last.round}
          </text>
        )}
      </svg>
      <figcaption>
        <Text size="sm" fw={600}>
          {label}
        </Text>
      </figcaption>
    </figure>
  );
}

/** Rounds × articles: the share with full access and the counts behind it. */
function TrendTable({ trend }: { trend: RightsTrend }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={200 + 140 * trend.articles.length}>
      <Table withTableBorder withColumnBorders data-testid="rights-trend-table">
        <Table.Caption>{t('monitoring.trend.tableCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('rights.assessments.round')}</Table.Th>
            {trend.articles.map((a) => (
              <Table.Th scope="col" key={a}>
                {trendArticleLabel(t, a)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {trend.rounds.map((r) => (
            <Table.Tr key={r.round} data-testid="trend-row" data-round={r.round}>
              <Table.Th scope="row" fw={500}>
                <span dir="auto">{r.round}</span>
                <Text size="xs" c="dimmed">
                  {r.from === r.to
                    ? formatDay(r.from, i18n.language)
                    : t('monitoring.trend.dates', {
                        from: formatDay(r.from, i18n.language),
                        to: formatDay(r.to, i18n.language),
                      })}
                </Text>
              </Table.Th>
              {trend.articles.map((a) => {
                const cell = r.cells.find((c) => c.article === a);
                return (
                  <Table.Td key={a} data-testid="trend-cell" data-article={a}>
                    <Text span fw={700} size="sm" data-testid="trend-share">
                      {shareText(t, cell, i18n.language)}
                    </Text>
                    {cell && cell.assessed !== 0 && (
                      <Text size="xs" data-testid="trend-counts">
                        {countsText(t, cell, i18n.language)}
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The site's trend over its monitoring rounds: one small chart per article, and the table. */
export function SiteRightsTrend({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const trend = useQuery({
    queryKey: monitoringKeys.trend(siteId),
    queryFn: ({ signal }) => monitoringApi.trend(siteId, {}, signal),
  });
  const data = trend.data;
  return (
    <Stack gap="sm" data-testid="site-rights-trend">
      <Title order={3} size="h4">
        {t('monitoring.trend.title')}
      </Title>
      <ProblemAlert error={trend.error} />
      {trend.isPending && <Loader size="sm" />}
      {data && data.rounds.length === 0 && (
        <Text c="dimmed" data-testid="rights-trend-empty">
          {t('monitoring.trend.empty')}
        </Text>
      )}
      {data && data.rounds.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {t('monitoring.trend.explain')}
            {data.suppressed && ` ${t('monitoring.trend.suppressedNote')}`}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {data.articles.map((a) => (
              <SmallChart key={a} trend={data} article={a} />
            ))}
          </SimpleGrid>
          <TrendTable trend={data} />
        </>
      )}
    </Stack>
  );
}
