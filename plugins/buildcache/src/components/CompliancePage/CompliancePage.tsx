import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ContentHeader, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { buildcacheApiRef } from '../../api';
import { CampaignButton } from '../Campaigns';
import { FindingsCsvButton } from '../FindingsExport';
import { WaiversLinkButton } from '../WaiversPage';
import { RulesDialogButton } from '../RulesView';
import { ComplianceFilters } from './ComplianceFilters';
import { CopyLinkButton } from './CopyLinkButton';
import { CsvExportButton } from './CsvExportButton';
import { GroupedSummaryTable } from './GroupedSummaryTable';
import { LoadError } from '../common/LoadError';
import { RuleAdoptionChart } from './RuleAdoptionChart';
import { ServicesTable } from './ServicesTable';
import { SummaryTiles } from './SummaryTiles';
import {
  hasFilters,
  sharedFilters,
  toFilter,
  toQuery,
  toSummaryQuery,
  useComplianceViewState,
  type ComplianceViewState,
} from './useComplianceViewState';

/** What selecting a group filters by. */
const GROUP_FILTERS = {
  owner: 'owner',
  system: 'system',
  rule: 'ruleId',
} as const;

/**
 * Compliance view without the page chrome, for embedding. One request of
 * each kind per view: the summary (tiles, chart, groups) and the services
 * list for the filters, the facets and the rules for the filter choices.
 * @public
 */
export function ComplianceContent() {
  const api = useApi(buildcacheApiRef);
  const { state, update, clearFilters } = useComplianceViewState();
  const filtered = hasFilters(state);
  const grouped = state.groupBy !== 'none';
  const summaryKey = JSON.stringify(toSummaryQuery(state));
  const servicesKey = JSON.stringify(toQuery(state));

  const summary = useAsyncRetry(
    () => api.getComplianceSummary(JSON.parse(summaryKey)),
    [api, summaryKey],
  );
  // grouped views show the groups of the summary instead of the list
  const services = useAsyncRetry(
    async () =>
      grouped ? undefined : api.listComplianceServices(JSON.parse(servicesKey)),
    [api, servicesKey, grouped],
  );
  const rules = useAsyncRetry(() => api.listRules(), [api]);
  // the filter choices: every owner and system that has scanned services
  const choices = useAsyncRetry(() => api.getComplianceFacets(), [api]);

  const showGroup = (key: string) => {
    if (state.groupBy === 'none') return;
    const patch: Partial<ComplianceViewState> = { groupBy: 'none' };
    patch[GROUP_FILTERS[state.groupBy]] = key;
    update(patch);
  };

  const emptySummary = summary.value?.services === 0;

  return (
    <>
      <ContentHeader title="BuildKit cache compliance">
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          <RulesDialogButton />
          <CopyLinkButton />
          <CsvExportButton filter={toFilter(state)} />
          <FindingsCsvButton filter={sharedFilters(state)} />
          <WaiversLinkButton />
          <CampaignButton
            filter={{
              owner: state.owner,
              system: state.system,
              ruleId: state.ruleId,
              level: state.level,
            }}
            owners={choices.value?.owners ?? []}
            systems={choices.value?.systems ?? []}
            rules={rules.value ?? []}
          />
        </Box>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <ComplianceFilters
            state={state}
            rules={rules.value ?? []}
            owners={choices.value?.owners ?? []}
            systems={choices.value?.systems ?? []}
            onChange={update}
            onClear={clearFilters}
            canClear={filtered}
          />
          {(choices.error || rules.error) && (
            <Box mt={2}>
              <LoadError
                error={(choices.error ?? rules.error)!}
                title="Could not load the filter choices"
                retryLabel="Retry loading the filter choices"
                retrying={choices.loading || rules.loading}
                onRetry={() => {
                  if (choices.error) choices.retry();
                  if (rules.error) rules.retry();
                }}
              />
            </Box>
          )}
        </Grid>
        <Grid item xs={12} lg={7}>
          {summary.loading && <Progress />}
          {summary.error && (
            <LoadError
              error={summary.error}
              title="Could not load the compliance summary"
              retryLabel="Retry loading the summary"
              retrying={summary.loading}
              onRetry={summary.retry}
            />
          )}
          {summary.value && !summary.error && emptySummary && (
            <InfoCard title="No services">
              <Typography variant="body1" paragraph>
                {filtered
                  ? 'No services match these filters.'
                  : 'No services yet: they appear once the catalog has been read.'}
              </Typography>
              {filtered && (
                <Button variant="outlined" onClick={clearFilters}>
                  Show all services
                </Button>
              )}
            </InfoCard>
          )}
          {summary.value && !summary.error && !emptySummary && (
            <SummaryTiles summary={summary.value} filtered={filtered} />
          )}
        </Grid>
        <Grid item xs={12} lg={5}>
          {summary.value && !summary.error && !emptySummary && (
            <RuleAdoptionChart
              adoption={summary.value.adoption}
              selectedRuleId={state.ruleId}
              onSelectRule={ruleId => update({ ruleId })}
            />
          )}
        </Grid>
        <Grid item xs={12}>
          {state.groupBy === 'none' ? (
            <>
              {services.error && (
                <LoadError
                  error={services.error}
                  title="Could not load the services"
                  retryLabel="Retry loading the services"
                  retrying={services.loading}
                  onRetry={services.retry}
                />
              )}
              <ServicesTable
                state={state}
                page={services.value}
                loading={services.loading}
                onChange={update}
              />
            </>
          ) : (
            !summary.error && (
              <GroupedSummaryTable
                groupBy={state.groupBy}
                groups={summary.value?.groups ?? []}
                rules={rules.value ?? []}
                loading={summary.loading}
                filtered={filtered}
                onSelectGroup={showGroup}
              />
            )
          )}
        </Grid>
      </Grid>
    </>
  );
}
