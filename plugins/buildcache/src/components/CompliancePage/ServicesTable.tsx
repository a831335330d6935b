import { memo, useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import WarningIcon from '@material-ui/icons/Warning';
import { Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ComplianceService,
  ComplianceServicesPage,
} from '@buildcache/plugin-buildcache-common';
import type { ComplianceOrderBy } from '../../api';
import { LevelChip } from '../common/LevelChip';
import { SeverityChip } from '../common/SeverityChip';
import { formatDateTime, formatRelativeTime } from '../common/formatTime';
import { PAGE_SIZES, type ComplianceViewState } from './useComplianceViewState';
import { BASE_TABLE_OPTIONS } from '../common/tableOptions';

type ServiceColumn = TableColumn<ComplianceService> & {
  orderBy?: ComplianceOrderBy;
};

// Rows arrive sorted by the backend; the table must not re-sort the page.
const keepServerOrder = () => 0;

function EntityRefOrDash(props: { entityRef: string | null }) {
  return props.entityRef ? (
    <EntityRefLink entityRef={props.entityRef} hideIcon />
  ) : (
    <Typography variant="body2" color="textSecondary">
      —
    </Typography>
  );
}

/** The service, and its owner beneath when the Owner column is hidden. */
function ServiceCell(props: { row: ComplianceService; withOwner: boolean }) {
  const { row, withOwner } = props;
  return (
    <Box display="flex" flexDirection="column">
      <EntityRefLink entityRef={row.entityRef} title={row.title || undefined} />
      {withOwner && row.owner && (
        <Typography variant="caption" color="textSecondary">
          {'Owner: '}
          <EntityRefLink entityRef={row.owner} defaultKind="group" hideIcon />
        </Typography>
      )}
    </Box>
  );
}

/**
 * Columns a narrow screen drops, least useful first: Service, Level, Score
 * and Findings always stay.
 */
type Width = 'wide' | 'medium' | 'narrow';
const HIDDEN_BELOW: Record<Width, Array<ServiceColumn['title']>> = {
  wide: [],
  medium: ['System', 'Scanned'],
  narrow: ['System', 'Scanned', 'Owner'],
};

const COLUMNS: ServiceColumn[] = [
  {
    title: 'Service',
    field: 'title',
    orderBy: 'name',
  },
  {
    title: 'Owner',
    field: 'owner',
    orderBy: 'owner',
    render: row => <EntityRefOrDash entityRef={row.owner} />,
  },
  {
    title: 'System',
    field: 'system',
    orderBy: 'system',
    render: row => <EntityRefOrDash entityRef={row.system} />,
  },
  {
    title: 'Level',
    field: 'level',
    orderBy: 'level',
    render: row => <LevelChip level={row.level} />,
  },
  {
    title: 'Score',
    field: 'score',
    orderBy: 'score',
    type: 'numeric',
    render: row => (row.score === null ? '—' : row.score),
  },
  {
    title: 'Findings',
    sorting: false,
    render: row => (
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
        {row.counts.error + row.counts.warning + row.counts.info === 0 && (
          <Typography variant="body2" color="textSecondary">
            none
          </Typography>
        )}
        {row.counts.error > 0 && (
          <SeverityChip severity="error" label={`${row.counts.error} E`} />
        )}
        {row.counts.warning > 0 && (
          <SeverityChip severity="warning" label={`${row.counts.warning} W`} />
        )}
        {row.counts.info > 0 && (
          <SeverityChip severity="info" label={`${row.counts.info} I`} />
        )}
      </Box>
    ),
  },
  {
    title: 'Scanned',
    field: 'scannedAt',
    orderBy: 'scannedAt',
    render: row =>
      row.scannedAt ? (
        <Box display="flex" alignItems="center" style={{ gap: 4 }}>
          <Tooltip title={formatDateTime(row.scannedAt)}>
            <span>{formatRelativeTime(row.scannedAt)}</span>
          </Tooltip>
          {row.stale && (
            <Tooltip title="The last scan failed; this is the last good result">
              <WarningIcon color="error" fontSize="small" aria-label="stale" />
            </Tooltip>
          )}
        </Box>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {row.hasSource ? 'never' : 'no source location'}
        </Typography>
      ),
  },
];

/**
 * The services list. Paging and sorting are done by the backend: the table
 * only shows the current page and reports page/sort changes. Memoized, with
 * stable columns and options: the page's other responses (summary, facets,
 * rules) arriving do not render the table's rows again (a 20-row render is
 * the page's longest main-thread task at 10,000 services, see
 * docs/performance.md).
 */
export const ServicesTable = memo(function ServicesTableView(props: {
  state: ComplianceViewState;
  page: ComplianceServicesPage | undefined;
  loading: boolean;
  onChange: (patch: Partial<ComplianceViewState>) => void;
}) {
  const { state, page, loading, onChange } = props;
  const theme = useTheme();
  // the page's width (the sidebar and padding take about 150 px of it)
  const medium = useMediaQuery(theme.breakpoints.down('md'));
  const narrow = useMediaQuery(theme.breakpoints.down('sm'));
  let width: Width = 'wide';
  if (medium) width = 'medium';
  if (narrow) width = 'narrow';
  const { orderBy, order } = state;
  const rowsPerPage = state.pageSize;
  const columns: ServiceColumn[] = useMemo(() => {
    const hidden = HIDDEN_BELOW[width];
    return COLUMNS.filter(column => !hidden.includes(column.title)).map(
      column => ({
        ...column,
        render:
          column.title === 'Service'
            ? (row: ComplianceService) => (
                <ServiceCell row={row} withOwner={hidden.includes('Owner')} />
              )
            : column.render,
        customSort: keepServerOrder,
        defaultSort:
          column.orderBy && column.orderBy === orderBy ? order : undefined,
      }),
    );
  }, [width, orderBy, order]);
  const options = useMemo(
    () => ({
      ...BASE_TABLE_OPTIONS,
      paging: true,
      pageSize: rowsPerPage,
      pageSizeOptions: PAGE_SIZES,
      search: false,
      sorting: true,
      padding: 'dense' as const,
      emptyRowsWhenPaging: false,
    }),
    [rowsPerPage],
  );

  return (
    <Table<ComplianceService>
      title="Services"
      columns={columns}
      data={page?.items ?? []}
      isLoading={loading}
      page={state.page}
      totalCount={page?.totalCount ?? 0}
      onPageChange={(newPage, pageSize) =>
        onChange({ page: newPage, pageSize })
      }
      onRowsPerPageChange={pageSize => onChange({ pageSize, page: 0 })}
      onOrderChange={(columnIndex, direction) => {
        const sortBy = columns[columnIndex]?.orderBy;
        if (sortBy) {
          onChange({ orderBy: sortBy, order: direction || 'asc' });
        }
      }}
      options={options}
      emptyContent={
        <Box p={3}>
          <Typography variant="body1" align="center">
            No services match these filters.
          </Typography>
        </Box>
      }
    />
  );
});
