import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useParams, useSearchParams } from 'react-router-dom';
import { buildcacheApiRef } from '../../api';
import { LoadError } from '../common/LoadError';
import { BackLink } from '../common/BuildcachePage';
import { ExternalLink } from '../common/ExternalLink';
import { useEntityTabLink } from '../common/pageLinks';
import { SourceListing } from './SourceListing';

/**
 * A scanned file of a service (/buildcache/source/:namespace/:kind/:name
 * ?path=…&line=…): where a finding's "line 7" leads when the service's
 * source has no web view, such as a local directory.
 */
export function SourceContent() {
  const { namespace = '', kind = '', name = '' } = useParams();
  const [search] = useSearchParams();
  const path = search.get('path') ?? '';
  const line = Number(search.get('line')) || undefined;
  const api = useApi(buildcacheApiRef);
  const tabLink = useEntityTabLink();
  const entity = { kind, namespace, name };
  const entityRef = stringifyEntityRef(entity);
  const file = useAsyncRetry(
    async () =>
      path ? api.getSourceFile(entity, path) : Promise.resolve(undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- entity is rebuilt from these on every render
    [api, kind, namespace, name, path],
  );

  return (
    <>
      <BackLink to={tabLink(entityRef)} label={name} />
      <Box
        display="flex"
        alignItems="baseline"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 16 }}
      >
        <Typography variant="h5" component="h1">
          {path || 'No file'}
          {line ? `:${line}` : ''}
        </Typography>
        {file.value?.url && (
          <ExternalLink url={file.value.url}>
            Open in the repository
          </ExternalLink>
        )}
      </Box>
      {!path && (
        <EmptyState
          missing="content"
          title="No file named"
          description="This link names no file: open a finding's line from the service's BuildKit cache tab."
        />
      )}
      {path && file.loading && <Progress />}
      {file.error && (
        <LoadError
          error={file.error}
          title={`Could not load ${path}`}
          retryLabel="Retry loading the file"
          onRetry={file.retry}
        />
      )}
      {file.value && (
        <SourceListing path={path} text={file.value.text} line={line} />
      )}
    </>
  );
}
