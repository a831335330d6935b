import type { MouseEvent } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Link, Table, type TableColumn } from '@backstage/core-components';
import {
  EntityRefLink,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import {
  LEVELS,
  type ComplianceGroup,
  type RuleInfo,
} from '@buildcache/plugin-buildcache-common';
import type { ComplianceGroupBy } from '../../api';
import { LEVEL_LABELS } from '../common/LevelChip';
import { useRuleLink } from '../common/pageLinks';
import { BASE_TABLE_OPTIONS } from '../common/tableOptions';

function isEntityRef(key: string): boolean {
  return /^[^:/]+:[^/]+\/.+$/.test(key);
}

/** The group of services without an owner or system: no filter selects it. */
const NO_GROUP = '(none)';
const selectable = (key: string) => key !== NO_GROUP;

const GROUP_TITLES: Record<ComplianceGroupBy, string> = {
  owner: 'Owner',
  system: 'System',
  rule: 'Failing rule',
};

const DEFAULT_KINDS: Record<ComplianceGroupBy, string | undefined> = {
  owner: 'group',
  system: 'system',
  rule: undefined,
};

// A click on a link opens the entity or rule; it does not also select the row.
const keepToLink = (event: MouseEvent) => event.stopPropagation();

function GroupName(props: {
  groupBy: ComplianceGroupBy;
  group: string;
  rules: RuleInfo[];
}) {
  const { groupBy, group, rules } = props;
  const ruleLink = useRuleLink();
  if (groupBy === 'rule') {
    const rule = rules.find(r => r.id === group);
    return (
      <>
        {ruleLink ? (
          <span onClick={keepToLink} role="presentation">
            <Link to={ruleLink(group)}>{group}</Link>
          </span>
        ) : (
          group
        )}
        {rule && ` ${rule.name}`}
      </>
    );
  }
  return isEntityRef(group) ? (
    <span onClick={keepToLink} role="presentation">
      <EntityRefLink
        entityRef={group}
        defaultKind={DEFAULT_KINDS[groupBy]}
        hideIcon
      />
    </span>
  ) : (
    <>{group === NO_GROUP ? `No ${groupBy}` : group}</>
  );
}

/** "Show services" of one group, with an accessible name saying which. */
function GroupButton(props: { label: string; onClick: () => void }) {
  return (
    <Button
      size="small"
      color="primary"
      onClick={event => {
        event.stopPropagation();
        props.onClick();
      }}
      aria-label={props.label}
    >
      Show services
    </Button>
  );
}

/** The button of an owner or system group, named as the catalog shows it. */
function EntityGroupButton(props: {
  groupBy: ComplianceGroupBy;
  group: string;
  onClick: () => void;
}) {
  const presentation = useEntityPresentation(props.group, {
    defaultKind: DEFAULT_KINDS[props.groupBy],
  });
  return (
    <GroupButton
      label={`Show services of ${presentation.primaryTitle}`}
      onClick={props.onClick}
    />
  );
}

/**
 * "Show services" of one group. Rule ids and "No owner" are not entity
 * refs: only entity groups ask the catalog how to name them.
 */
function ShowGroupButton(props: {
  groupBy: ComplianceGroupBy;
  group: string;
  onClick: () => void;
}) {
  const { groupBy, group, onClick } = props;
  if (groupBy === 'rule') {
    return (
      <GroupButton label={`Show services failing ${group}`} onClick={onClick} />
    );
  }
  if (!isEntityRef(group)) {
    return (
      <GroupButton label={`Show services of ${group}`} onClick={onClick} />
    );
  }
  return (
    <EntityGroupButton groupBy={groupBy} group={group} onClick={onClick} />
  );
}

/**
 * Services grouped by owner, system or failing rule, from the compliance
 * summary of the filtered services. Selecting a group (its row or its
 * button) filters the page by it.
 */
export function GroupedSummaryTable(props: {
  groupBy: ComplianceGroupBy;
  groups: ComplianceGroup[];
  rules: RuleInfo[];
  loading: boolean;
  /** Whether filters narrow the services the groups are made of. */
  filtered: boolean;
  /** Shows the services of one group. */
  onSelectGroup: (key: string) => void;
}) {
  const { groupBy, groups, rules, loading, filtered, onSelectGroup } = props;
  const columns: TableColumn<ComplianceGroup>[] = [
    {
      title: GROUP_TITLES[groupBy],
      field: 'key',
      render: group => (
        <GroupName groupBy={groupBy} group={group.key} rules={rules} />
      ),
    },
    { title: 'Services', field: 'services', type: 'numeric' },
    {
      title: 'Mean score',
      field: 'meanScore',
      type: 'numeric',
      render: group =>
        group.meanScore === null ? '—' : group.meanScore.toFixed(1),
    },
    ...LEVELS.map(
      (level): TableColumn<ComplianceGroup> => ({
        title: LEVEL_LABELS[level],
        type: 'numeric',
        customSort: (a, b) => (a.levels[level] ?? 0) - (b.levels[level] ?? 0),
        render: group => group.levels[level] ?? 0,
      }),
    ),
    {
      title: '',
      sorting: false,
      render: group =>
        selectable(group.key) && (
          <ShowGroupButton
            groupBy={groupBy}
            group={group.key}
            onClick={() => onSelectGroup(group.key)}
          />
        ),
    },
  ];
  let empty = 'No groups yet: scan some services first.';
  if (filtered) empty = 'No services match these filters.';
  if (groupBy === 'rule') {
    empty = filtered
      ? 'No service matching these filters fails a rule.'
      : 'No service fails a rule.';
  }
  return (
    <Table<ComplianceGroup>
      title={`Services by ${GROUP_TITLES[groupBy].toLocaleLowerCase('en-US')}`}
      subtitle={
        filtered
          ? 'Of the services matching the filters. Select a group to list its services.'
          : 'Select a group to list its services.'
      }
      columns={columns}
      data={groups}
      isLoading={loading}
      onRowClick={(_event, group) =>
        group && selectable(group.key) && onSelectGroup(group.key)
      }
      options={{
        ...BASE_TABLE_OPTIONS,
        paging: groups.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={3}>
          <Typography variant="body1" align="center">
            {empty}
          </Typography>
        </Box>
      }
    />
  );
}
