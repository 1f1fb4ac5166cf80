import type { TFunction } from 'i18next';
import type { Entitlement, Owed, RightsMatrixCell } from '../api/types';

/**
 * The articles of the server's rights catalogue that owe something (rows with an attachment),
 * in catalogue order — src/modules/rights/catalogue.ts, version 1951-hathaway-2021.1. Only used
 * to offer articles in forms and to name them in every UI language (`rights.articles.*`); what
 * a person is owed always comes from the entitlements endpoint.
 */
export const RIGHTS_ARTICLES = [
  '3',
  '4',
  '7(1)',
  '7(2)',
  '8',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16(1)',
  '16(2)',
  '17(1)',
  '17(2)(a)',
  '17(2)(b)',
  '17(2)(c)',
  '18',
  '19',
  '20',
  '21',
  '22(1)',
  '22(2)',
  '23',
  '24',
  '25',
  '26',
  '27',
  '28',
  '29',
  '30',
  '31',
  '32',
  '33',
  '34',
] as const;

export function isCatalogueArticle(article: string): boolean {
  return (RIGHTS_ARTICLES as readonly string[]).includes(article);
}

/** The article's title in the UI language, else the title the server gave, else the number. */
export function articleTitle(t: TFunction, article: string, fallback?: string): string {
  if (isCatalogueArticle(article)) return t(`rights.articles.${article}`);
  return fallback ?? article;
}

/** "Art. 17(1) — Wage-earning employment", in the UI language. */
export function articleLabel(t: TFunction, article: string, fallback?: string): string {
  return t('rights.articleLabel', { article, title: articleTitle(t, article, fallback) });
}

/** Entitlements grouped by what is owed, each group in catalogue order, every group present. */
export function groupByOwed(items: readonly Entitlement[]): Record<Owed, Entitlement[]> {
  const groups: Record<Owed, Entitlement[]> = { yes: [], 'if-refugee': [], no: [], reserved: [] };
  for (const item of items) groups[item.owed].push(item);
  return groups;
}

/** Today as a local calendar day (`YYYY-MM-DD`), as a date input gives it. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A step is overdue when it is not done and its due day is before today. */
export function isOverdue(
  step: { dueOn: string | null; doneOn: string | null },
  today: string,
): boolean {
  return step.doneOn === null && step.dueOn !== null && step.dueOn < today;
}

/** Heat-map bands of the share of owed persons with full access (none = nothing to show). */
export const HEAT_BANDS = ['none', 'b0', 'b20', 'b40', 'b60', 'b80'] as const;
export type HeatBand = (typeof HEAT_BANDS)[number];

/** The band of a share in [0, 1]; null (nobody owed, or counts suppressed) has no colour. */
export function heatBand(share: number | null): HeatBand {
  if (share === null || Number.isNaN(share)) return 'none';
  if (share < 0.2) return 'b0';
  if (share < 0.4) return 'b20';
  if (share < 0.6) return 'b40';
  if (share < 0.8) return 'b60';
  return 'b80';
}

/** A matrix count as shown: numbers in the UI language, "<5" (a suppressed count) as it is. */
export function formatCount(value: number | string, language: string): string {
  return typeof value === 'number' ? new Intl.NumberFormat(language).format(value) : value;
}

/** Whether a cell has anyone owed the right (a suppressed count means some). */
export function hasOwed(cell: RightsMatrixCell): boolean {
  return typeof cell.owed === 'string' || cell.owed > 0;
}

/** Nobody owed the right has been assessed yet: a share of 0% would read as a violation. */
export function isUnassessed(cell: RightsMatrixCell): boolean {
  return (
    typeof cell.owed === 'number' &&
    cell.owed > 0 &&
    typeof cell.unassessed === 'number' &&
    cell.unassessed === cell.owed
  );
}

export function formatShare(share: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(
    share,
  );
}
