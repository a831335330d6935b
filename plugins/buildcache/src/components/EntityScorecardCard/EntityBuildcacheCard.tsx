import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { useScorecard } from '../../hooks/useScorecard';
import { RescanButton } from './RescanButton';
import {
  LastScanned,
  ScorecardSummary,
  StaleScanNotice,
} from './ScorecardSummary';

/** @public */
export interface EntityBuildcacheCardProps {
  /**
   * Path of the entity's buildcache tab: relative to the entity page
   * (default `buildcache`), or absolute when it starts with `/`.
   */
  contentPath?: string;
  /** Polling interval of a rescan, in milliseconds. */
  pollIntervalMs?: number;
}

/** Score, level, counts and rescan of the current entity. @public */
export function EntityBuildcacheCard(props: EntityBuildcacheCardProps) {
  const { contentPath = 'buildcache', pollIntervalMs } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value: scorecard, loading, error, retry } = useScorecard(entityRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const tabLink = contentPath.startsWith('/')
    ? contentPath
    : `${entityRoute(entityRouteParams(entity))}/${contentPath}`;

  const rescan = (label: string) => (
    <RescanButton
      entityRef={entityRef}
      onFinished={retry}
      label={label}
      pollIntervalMs={pollIntervalMs}
    />
  );

  let body: JSX.Element;
  if (loading && !scorecard) {
    body = <Progress />;
  } else if (error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title="Could not load the BuildKit cache scorecard"
      />
    );
  } else if (!scorecard) {
    body = <Progress />;
  } else if (scorecard.score === null && scorecard.level !== 'NotApplicable') {
    body = (
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        <Typography variant="body1">
          This service has not been scanned yet.
        </Typography>
        <StaleScanNotice scorecard={scorecard} />
        {rescan('Scan now')}
      </Box>
    );
  } else if (scorecard.level === 'NotApplicable') {
    body = (
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        <Typography variant="body1">
          Not applicable: no Dockerfile and no image build were found in this
          repository.
        </Typography>
        <LastScanned scorecard={scorecard} />
        <StaleScanNotice scorecard={scorecard} />
        {rescan('Rescan')}
      </Box>
    );
  } else {
    body = (
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        <ScorecardSummary scorecard={scorecard} />
        <StaleScanNotice scorecard={scorecard} />
        {rescan('Rescan')}
      </Box>
    );
  }

  return (
    <InfoCard
      title="BuildKit cache"
      subheader="How well this service's image builds use BuildKit caching"
      deepLink={{ title: 'View findings', link: tabLink }}
    >
      {body}
    </InfoCard>
  );
}
