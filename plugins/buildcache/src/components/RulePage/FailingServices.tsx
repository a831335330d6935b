import { useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { Link, Table, type TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ComplianceService } from '@buildcache/plugin-buildcache-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { buildcacheApiRef } from '../../api';
import { LevelChip } from '../common/LevelChip';
import { useEntityTabLink } from '../common/pageLinks';
import { LoadError } from '../common/LoadError';
import { BASE_TABLE_OPTIONS } from '../common/tableOptions';

const PAGE_SIZE = 10;

/** The services whose last good scan has an open finding of the rule. */
export function FailingServices(props: { ruleId: string }) {
  const { ruleId } = props;
  const api = useApi(buildcacheApiRef);
  const tabLink = useEntityTabLink();
  const [page, setPage] = useState(0);
  const services = useAsyncRetry(
    () =>
      api.listComplianceServices({
        ruleId,
        orderBy: 'score',
        order: 'asc',
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [api, ruleId, page],
  );

  if (services.error) {
    return (
      <LoadError
        error={services.error}
        title={`Could not load the services failing ${ruleId}`}
        retryLabel="Retry loading the services"
        onRetry={services.retry}
      />
    );
  }

  const columns: TableColumn<ComplianceService>[] = [
    {
      title: 'Service',
      render: row => (
        <Link to={tabLink(row.entityRef)}>{row.title || row.entityRef}</Link>
      ),
    },
    {
      title: 'Owner',
      render: row =>
        row.owner ? <EntityRefLink entityRef={row.owner} hideIcon /> : '—',
    },
    { title: 'Level', render: row => <LevelChip level={row.level} /> },
    {
      title: 'Score',
      type: 'numeric',
      render: row => (row.score === null ? '—' : row.score),
    },
  ];

  return (
    <Table<ComplianceService>
      title={`Services failing ${ruleId}${
        services.value ? ` (${services.value.totalCount})` : ''
      }`}
      columns={columns}
      data={services.value?.items ?? []}
      isLoading={services.loading}
      page={page}
      totalCount={services.value?.totalCount ?? 0}
      onPageChange={setPage}
      options={{
        ...BASE_TABLE_OPTIONS,
        paging: (services.value?.totalCount ?? 0) > PAGE_SIZE,
        pageSize: PAGE_SIZE,
        pageSizeOptions: [PAGE_SIZE],
        search: false,
        sorting: false,
        padding: 'dense',
      }}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No scanned service fails {ruleId}.
        </Typography>
      }
    />
  );
}
