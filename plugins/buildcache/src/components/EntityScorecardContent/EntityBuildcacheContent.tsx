import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  type Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { getEntityRelations, useEntity } from '@backstage/plugin-catalog-react';
import type { RuleInfo } from '@buildcache/plugin-buildcache-common';
import useAsync from 'react-use/esm/useAsync';
import { buildcacheApiRef } from '../../api';
import { useScorecard } from '../../hooks/useScorecard';
import { useTickets } from '../../hooks/useTickets';
import { TicketsToolbar } from '../Tickets';
import { RescanButton } from '../EntityScorecardCard/RescanButton';
import {
  LastScanned,
  ScorecardSummary,
  StaleScanNotice,
} from '../EntityScorecardCard/ScorecardSummary';
import {
  NeverScannedState,
  NoFindingsState,
  NotApplicableState,
} from './BuildcacheEmptyStates';
import { LoadError } from '../common/LoadError';
import { FindingsByFile } from './FindingsByFile';
import {
  ALL_FINDINGS,
  applyFindingsFilter,
  FindingsFilterBar,
} from './FindingsFilterBar';
import { ScoreHistoryChart } from './ScoreHistoryChart';
import type { WaiverScope } from './WaiverActions';

/** @public */
export interface EntityBuildcacheContentProps {
  /** Polling interval of a rescan, in milliseconds. */
  pollIntervalMs?: number;
}

/** The entity, and its owner as a wider scope, for new waivers. */
function waiverScope(entity: Entity): WaiverScope {
  const owner = getEntityRelations(entity, RELATION_OWNED_BY)[0];
  return {
    entityRef: stringifyEntityRef(entity),
    ownerRef: owner ? stringifyEntityRef(owner) : undefined,
  };
}

function useRulesById() {
  const api = useApi(buildcacheApiRef);
  const { value, error } = useAsync(() => api.listRules(), [api]);
  const rules = useMemo(
    () => new Map<string, RuleInfo>((value ?? []).map(rule => [rule.id, rule])),
    [value],
  );
  return { rules, error };
}

/** Findings by file with fixes, and the score history, of the current entity. @public */
export function EntityBuildcacheContent(props: EntityBuildcacheContentProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value: scorecard, loading, error, retry } = useScorecard(entityRef);
  const { rules, error: rulesError } = useRulesById();
  const tickets = useTickets(entityRef);
  const [findingsFilter, setFindingsFilter] = useState(ALL_FINDINGS);
  const shownFindings = useMemo(
    () => applyFindingsFilter(scorecard?.findings ?? [], findingsFilter),
    [scorecard, findingsFilter],
  );

  if (loading && !scorecard) {
    return <Progress />;
  }
  if (error) {
    return (
      <LoadError
        error={error}
        title="Could not load the BuildKit cache scorecard"
        retryLabel="Retry loading the scorecard"
        onRetry={retry}
      />
    );
  }
  if (!scorecard) {
    return <Progress />;
  }

  const rescan = (label: string) => (
    <RescanButton
      entityRef={entityRef}
      onFinished={retry}
      label={label}
      pollIntervalMs={props.pollIntervalMs}
    />
  );

  if (scorecard.score === null && scorecard.level !== 'NotApplicable') {
    return (
      <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
        <StaleScanNotice scorecard={scorecard} />
        <NeverScannedState action={rescan('Scan now')} />
      </Box>
    );
  }

  if (scorecard.level === 'NotApplicable') {
    return (
      <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <LastScanned scorecard={scorecard} />
          {rescan('Rescan')}
        </Box>
        <StaleScanNotice scorecard={scorecard} />
        <NotApplicableState />
      </Box>
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={5}>
        <InfoCard title="BuildKit cache">
          <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
            <ScorecardSummary scorecard={scorecard} />
            <StaleScanNotice scorecard={scorecard} />
            {rescan('Rescan')}
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <ScoreHistoryChart
          entityRef={entityRef}
          reloadKey={`${scorecard.scannedAt}:${scorecard.score}`}
        />
      </Grid>
      <Grid item xs={12}>
        {rulesError && (
          <Typography variant="body2" color="textSecondary" paragraph>
            Rule explanations are unavailable: {rulesError.message}
          </Typography>
        )}
        {scorecard.findings.length === 0 ? (
          <NoFindingsState />
        ) : (
          <>
            <TicketsToolbar
              entityRef={entityRef}
              scorecard={scorecard}
              rules={rules}
              tickets={tickets}
            />
            <FindingsFilterBar
              filter={findingsFilter}
              onChange={setFindingsFilter}
              shown={shownFindings.length}
              total={scorecard.findings.length}
            />
            {shownFindings.length === 0 && (
              <Typography variant="body2" color="textSecondary" paragraph>
                No finding matches these filters.
              </Typography>
            )}
            <FindingsByFile
              findings={shownFindings}
              files={scorecard.files}
              rules={rules}
              waivers={{ scope: waiverScope(entity), onChanged: retry }}
              tickets={tickets.tickets}
              entity={{
                kind: entity.kind,
                namespace: entity.metadata.namespace ?? 'default',
                name: entity.metadata.name,
              }}
            />
          </>
        )}
      </Grid>
    </Grid>
  );
}
