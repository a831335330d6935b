import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { buildcacheApiRef } from '../../api';
import { LevelChip } from '../common/LevelChip';
import { serviceLevels } from './serviceLevels';

/** The column's cell: level chip and score, or "Not scanned". */
export function BuildcacheLevelCell(props: { entity: Entity }) {
  const { entity } = props;
  const api = useApi(buildcacheApiRef);
  const state = useAsync(() => serviceLevels(api), [api]);
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') {
    return null;
  }
  if (state.loading || state.error) {
    // a failed load (e.g. no compliance read permission) leaves the cell empty
    return null;
  }
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const service = state.value?.get(ref);
  if (!service || service.level === null) {
    return <LevelChip level={null} />;
  }
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <LevelChip level={service.level} />
      {service.score !== null && (
        <Typography variant="body2" component="span">
          {service.score}
          <Typography variant="body2" component="span" color="textSecondary">
            /100
          </Typography>
        </Typography>
      )}
    </Box>
  );
}

/** Options of {@link createBuildcacheColumn}. @public */
export interface BuildcacheColumnOptions {
  /** The column header (default "BuildKit cache"). */
  title?: string;
}

/**
 * A catalog table column with each component's buildcache level and score,
 * for `CatalogIndexPage`'s `columns`:
 *
 * `columns={ctx => [...CatalogTable.defaultColumnsFunc(ctx), createBuildcacheColumn()]}`
 *
 * Every row reads one shared, briefly cached load of the compliance services
 * list; other kinds show nothing. @public
 */
export function createBuildcacheColumn<
  T extends { entity: Entity } = { entity: Entity },
>(options: BuildcacheColumnOptions = {}): TableColumn<T> {
  return {
    title: options.title ?? 'BuildKit cache',
    field: 'buildcache',
    sorting: false,
    searchable: false,
    render: row => <BuildcacheLevelCell entity={row.entity} />,
  };
}
