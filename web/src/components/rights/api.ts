// Calls and types of the monitoring-round import and the rights trend, through the generated
// client (a path or body that does not match the server's OpenAPI document does not compile).
import { API_BASE, client, dataOf } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

export type RoundImportRequest = BodyOf<'/api/v1/sites/{id}/monitoring-rounds/import', 'post'>;
export type RoundImportResult = ResponseOf<'/api/v1/sites/{id}/monitoring-rounds/import', 'post'>;
export type ImportProblem = RoundImportResult['problems'][number];
export type ImportProblemCode = ImportProblem['code'];
export type RightsTrendQuery = QueryOf<'/api/v1/sites/{id}/rights-trend', 'get'>;
export type RightsTrend = ResponseOf<'/api/v1/sites/{id}/rights-trend', 'get'>;
export type RightsTrendRound = RightsTrend['rounds'][number];
export type RightsTrendCell = RightsTrendRound['cells'][number];

/** The XLSForm workbook (a plain link: the session cookie authorises the download). */
export const MONITORING_FORM_URL = `${API_BASE}/rights/monitoring-form.xlsx`;

/** The largest file sent (the JSON body carries it in base64, a third larger). */
export const MAX_ROUND_FILE_BYTES = 750_000;

export const monitoringApi = {
  /** Checks (dryRun) or records a round from a CSV/XLSX file, all or nothing. */
  importRound: (siteId: string, body: RoundImportRequest) =>
    dataOf(
      client.POST('/api/v1/sites/{id}/monitoring-rounds/import', {
        params: { path: { id: siteId } },
        body,
      }),
    ),
  trend: (siteId: string, query: RightsTrendQuery, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/sites/{id}/rights-trend', {
        params: { path: { id: siteId }, query },
        signal,
      }),
    ),
};

export const monitoringKeys = {
  /** Under the rights-matrix prefix: recording a round (form or file) refreshes it too. */
  trend: (siteId: string) => [...queryKeys.rightsMatrices, 'trend', siteId] as const,
};

/** A file's bytes as base64, in chunks (a spread of a large array overflows the stack). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
