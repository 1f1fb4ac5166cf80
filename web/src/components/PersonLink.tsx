import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The name parts the summary endpoints send (residents, duplicates): no `use`, script optional. */
export interface NameParts {
  given?: string;
  middle?: string;
  family?: string;
  script?: string;
}

function joinParts(name: NameParts): string {
  return [name.given, name.middle, name.family]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
}

/** The first Latin-script name (names are stored primary first), else the first name. */
export function summaryName(names: readonly NameParts[]): string {
  const latin = names.find((name) => (name.script ?? 'Latn') === 'Latn');
  return joinParts(latin ?? names[0] ?? {});
}

/** Names in another script than the one `summaryName` shows, one line each. */
export function otherScriptNames(names: readonly NameParts[]): string[] {
  const shown = summaryName(names);
  return names
    .filter((name) => (name.script ?? 'Latn') !== 'Latn')
    .map(joinParts)
    .filter((text) => text !== '' && text !== shown);
}

interface PersonLinkProps {
  id: string;
  names: readonly NameParts[];
  /** Open the profile in a new tab (e.g. from a form that must keep its input). */
  newTab?: boolean;
  testId?: string;
}

/** A person's name as a link to their profile, with names in other scripts beneath. */
export function PersonLink({ id, names, newTab = false, testId }: PersonLinkProps) {
  const { t } = useTranslation();
  const others = otherScriptNames(names);
  return (
    <div>
      <Anchor
        component={Link}
        to={`/persons/${id}`}
        dir="auto"
        data-testid={testId}
        {...(newTab ? { target: '_blank', rel: 'noopener', title: t('common.opensInNewTab') } : {})}
      >
        {summaryName(names) || t('persons.unnamed')}
      </Anchor>
      {others.map((text) => (
        // The span, not the block, takes the text's direction: the line stays aligned with the page.
        <Text key={text} size="sm" c="dimmed">
          <span dir="auto">{text}</span>
        </Text>
      ))}
    </div>
  );
}
