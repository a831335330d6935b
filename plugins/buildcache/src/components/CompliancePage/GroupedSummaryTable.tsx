import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  LEVELS,
  type ComplianceGroup,
} from '@buildcache/plugin-buildcache-common';
import { LEVEL_LABELS } from '../common/LevelChip';

function isEntityRef(key: string): boolean {
  return /^[^:/]+:[^/]+\/.+$/.test(key);
}

/** Services grouped by owner or system, from the compliance summary. */
export function GroupedSummaryTable(props: {
  groupBy: 'owner' | 'system';
  groups: ComplianceGroup[];
  loading: boolean;
  /** Shows the services of one group. */
  onSelectGroup: (key: string) => void;
}) {
  const { groupBy, groups, loading, onSelectGroup } = props;
  const columns: TableColumn<ComplianceGroup>[] = [
    {
      title: groupBy === 'owner' ? 'Owner' : 'System',
      field: 'key',
      render: group =>
        isEntityRef(group.key) ? (
          <EntityRefLink entityRef={group.key} />
        ) : (
          group.key || '(none)'
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
      render: group => (
        <Button
          size="small"
          color="primary"
          onClick={() => onSelectGroup(group.key)}
          aria-label={`Show services of ${group.key}`}
        >
          Show services
        </Button>
      ),
    },
  ];
  return (
    <Table<ComplianceGroup>
      title={`Services by ${groupBy}`}
      subtitle="Groups cover every scanned service; filters apply to the services list."
      columns={columns}
      data={groups}
      isLoading={loading}
      options={{
        paging: groups.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={3}>
          <Typography variant="body1" align="center">
            No groups yet: scan some services first.
          </Typography>
        </Box>
      }
    />
  );
}
