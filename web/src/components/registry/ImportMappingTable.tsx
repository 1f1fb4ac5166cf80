import { Badge, NativeSelect, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ImportField } from './transferApi';

export interface FileColumn {
  letter: string;
  header: string;
  /** The field the server recognised for this column without being told, if any. */
  auto: ImportField | null;
  /** How the server recognised it. */
  by: 'hxl' | 'header' | 'explicit' | null;
}

/** Each column of the file with the field it feeds; every column can be changed. */
export function ImportMappingTable({
  columns,
  assigned,
  onChange,
  disabled,
}: {
  columns: readonly FileColumn[];
  /** letter → field ('' for a column left out). */
  assigned: Readonly<Record<string, ImportField | ''>>;
  onChange: (letter: string, field: ImportField | '') => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="import-mapping">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('registry.import.column')}</Table.Th>
            <Table.Th scope="col">{t('registry.import.field')}</Table.Th>
            <Table.Th scope="col">{t('registry.import.recognisedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map((column) => {
            const value = assigned[column.letter] ?? '';
            const changed = value !== (column.auto ?? '');
            return (
              <Table.Tr key={column.letter} data-testid="import-mapping-row">
                <Table.Td>
                  <span dir="auto">{`${column.letter} · ${column.header}`}</span>
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={t('registry.import.fieldFor', { header: column.header })}
                    value={value}
                    disabled={disabled}
                    onChange={(e) => {
                      const next = e.currentTarget.value;
                      onChange(column.letter, isImportField(next) ? next : '');
                    }}
                    data-testid={`import-map-${column.letter}`}
                  >
                    <option value="">{t('registry.import.notImported')}</option>
                    {IMPORT_FIELDS.map((field) => (
                      <option key={field} value={field}>
                        {t(`registry.fields.${field}`)}
                      </option>
                    ))}
                  </NativeSelect>
                </Table.Td>
                <Table.Td>
                  {changed ? (
                    <Badge color="blue" variant="light">
                      {t('registry.import.by.changed')}
                    </Badge>
                  ) : column.by ? (
                    <Badge color="gray" variant="light">
                      {t(`registry.import.by.${column.by}`)}
                    </Badge>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function isImportField(value: string): value is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(value);
}
