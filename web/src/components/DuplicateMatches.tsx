import { Alert, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DuplicateCheckResponse } from '../api/types';
import { DuplicateReasons, formatPercent } from './DuplicateReasons';
import { PersonLink } from './PersonLink';

interface DuplicateMatchesProps {
  result: DuplicateCheckResponse;
  saving: boolean;
  onRegisterAnyway: () => void;
  onBack: () => void;
}

/**
 * Likely matches found before registration. When a match exists that the user may not see, the
 * server names none of them: the user is told only to refer to the protection focal point.
 */
export function DuplicateMatches({
  result,
  saving,
  onRegisterAnyway,
  onBack,
}: DuplicateMatchesProps) {
  const { t, i18n } = useTranslation();

  if (result.referToFocalPoint) {
    return (
      <Alert
        color="red"
        title={t('duplicates.check.referTitle')}
        role="alert"
        data-testid="duplicate-refer"
      >
        <Stack gap="sm">
          <Text size="sm">{t('duplicates.check.referToFocalPoint')}</Text>
          <Group>
            <Button variant="default" onClick={onBack} data-testid="duplicate-back">
              {t('duplicates.check.back')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }

  return (
    <Paper withBorder p="md" data-testid="duplicate-matches">
      <Stack gap="sm">
        <Alert color="yellow" title={t('duplicates.check.title')} role="status">
          {t('duplicates.check.intro', { n: result.items.length })}
        </Alert>
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('persons.name')}</Table.Th>
                <Table.Th scope="col">{t('persons.sex')}</Table.Th>
                <Table.Th scope="col">{t('persons.birthYear')}</Table.Th>
                <Table.Th scope="col">{t('duplicates.score')}</Table.Th>
                <Table.Th scope="col">{t('duplicates.reasonsLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.items.map((match) => (
                <Table.Tr key={match.person.id} data-testid="duplicate-match">
                  <Table.Td>
                    <PersonLink id={match.person.id} names={match.person.names} newTab />
                  </Table.Td>
                  <Table.Td>
                    {t(`persons.sexes.${match.person.sex}`, { defaultValue: match.person.sex })}
                  </Table.Td>
                  <Table.Td>{match.person.birthYear ?? '—'}</Table.Td>
                  <Table.Td>{formatPercent(match.score, i18n.language)}</Table.Td>
                  <Table.Td>
                    <DuplicateReasons reasons={match.reasons} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack} data-testid="duplicate-back">
            {t('duplicates.check.back')}
          </Button>
          <Button
            color="orange"
            loading={saving}
            onClick={onRegisterAnyway}
            data-testid="duplicate-register-anyway"
          >
            {t('duplicates.check.registerAnyway')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
