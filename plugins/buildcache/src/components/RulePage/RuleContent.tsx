import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  EmptyState,
  InfoCard,
  MarkdownContent,
  Progress,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useParams } from 'react-router-dom';
import { buildcacheApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { LoadError } from '../common/LoadError';
import { BackLink } from '../common/BuildcachePage';
import { InlineCode } from '../common/InlineCode';
import { SeverityChip } from '../common/SeverityChip';
import { FailingServices } from './FailingServices';
import { RuleExampleCard } from './RuleExampleCard';

const TARGET_LABELS = {
  dockerfile: 'Dockerfiles',
  'build-config': 'CI and build configs',
  analysis: 'files that could not be analyzed',
} as const;

/**
 * One rule's page (/buildcache/rules/:ruleId): its generated docs (why, how
 * to fix, examples, sources) and the services failing it. The docs are
 * buildcache's own rule metadata, rendered by MarkdownContent.
 */
export function RuleContent() {
  const { ruleId = '' } = useParams();
  const api = useApi(buildcacheApiRef);
  const complianceLink = useRouteRef(rootRouteRef);
  const rules = useAsyncRetry(() => api.listRules(), [api]);
  const rule = rules.value?.find(r => r.id === ruleId);

  const back = <BackLink to={complianceLink()} label="Compliance" />;

  if (rules.loading) {
    return <Progress />;
  }
  if (rules.error) {
    return (
      <LoadError
        error={rules.error}
        title="Could not load the rules"
        retryLabel="Retry loading the rules"
        onRetry={rules.retry}
      />
    );
  }
  if (!rule) {
    return (
      <>
        {back}
        <EmptyState
          missing="content"
          title={`No rule ${ruleId}`}
          description="buildcache has no rule with this id. It may have been removed, or the link is mistyped."
        />
      </>
    );
  }
  return (
    <>
      {back}
      <Box mb={2}>
        <Typography variant="h4" component="h1">
          {rule.id} {rule.name}
        </Typography>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          mt={1}
          style={{ gap: 8 }}
        >
          <SeverityChip severity={rule.severity} />
          <Chip
            size="small"
            variant="outlined"
            label={`Checks ${TARGET_LABELS[rule.target]}`}
          />
          <Typography variant="body1">
            <InlineCode text={rule.summary} />
          </Typography>
        </Box>
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12} lg={7}>
          <InfoCard title="Documentation">
            {/* the page title already names the rule: skip the docs' own */}
            <MarkdownContent content={rule.docs.replace(/^# .*\n+/, '')} />
          </InfoCard>
          {rule.example && (
            <Box mt={3}>
              <RuleExampleCard ruleId={rule.id} example={rule.example} />
            </Box>
          )}
        </Grid>
        <Grid item xs={12} lg={5}>
          <FailingServices ruleId={rule.id} />
        </Grid>
      </Grid>
    </>
  );
}
