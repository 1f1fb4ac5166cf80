/**
 * Tabular files: streaming CSV and XLSX reading and writing, HXL hashtags, KoboToolbox export
 * headers, spreadsheet-formula neutralisation. No database and no knowledge of persons: importers
 * and exports build on this. See README.md in this folder for the choices made.
 */
export { openTable } from './read.ts';
export type { OpenTableOptions, Table, TableFormat, TableRow } from './read.ts';
export type { ColumnInfo } from './head.ts';
export { writeTable } from './write.ts';
export type { WriteColumn, WriteFormat, WriteRow, WriteTableOptions, WriteValue } from './write.ts';
export type { Delimiter } from './csv-source.ts';
export { TabularError, columnLetter } from './errors.ts';
export type { TabularErrorCode } from './errors.ts';
export { detectHxlRow, formatHxlTag, hxlMatches, matchHxl, parseHxlTag } from './hxl.ts';
export type { HxlTag } from './hxl.ts';
export { choiceFlag, isKoboExport, selectMultipleChoices, xlsformColumn } from './xlsform.ts';
export type { XlsformColumn } from './xlsform.ts';
export { neutraliseFormula } from './neutralise.ts';
