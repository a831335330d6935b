import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { buildcacheApiRef } from '../../api';
import { CampaignButton } from '../Campaigns';
import { RulesDialogButton } from '../RulesView';
import { ComplianceFilters } from './ComplianceFilters';
import { CsvExportButton } from './CsvExportButton';
import { GroupedSummaryTable } from './GroupedSummaryTable';
import { RuleAdoptionChart } from './RuleAdoptionChart';
import { ServicesTable } from './ServicesTable';
import { SummaryTiles } from './SummaryTiles';
import {
  toFilter,
  toQuery,
  useComplianceViewState,
  type ComplianceViewState,
} from './useComplianceViewState';

/** @public */
export interface CompliancePageProps {
  title?: string;
  subtitle?: string;
}

/** Compliance view without the page chrome, for embedding. @public */
export function ComplianceContent() {
  const api = useApi(buildcacheApiRef);
  const { state, update } = useComplianceViewState();
  const groupBy = state.groupBy === 'none' ? undefined : state.groupBy;
  const query = toQuery(state);
  const queryKey = JSON.stringify(query);

  const summary = useAsync(
    () => api.getComplianceSummary({ groupBy }),
    [api, groupBy],
  );
  const services = useAsync(
    () => api.listComplianceServices(JSON.parse(queryKey)),
    [api, queryKey],
  );
  const rules = useAsync(() => api.listRules(), [api]);
  // the filter choices: every owner and system that has scanned services
  const choices = useAsync(() => api.getComplianceFacets(), [api]);

  const showGroup = (key: string) => {
    const patch: Partial<ComplianceViewState> = { groupBy: 'none' };
    if (state.groupBy === 'owner') patch.owner = key;
    if (state.groupBy === 'system') patch.system = key;
    update(patch);
  };

  return (
    <>
      <ContentHeader title="BuildKit cache compliance">
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          <RulesDialogButton />
          <CsvExportButton filter={toFilter(state)} />
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
        <Grid item xs={12} lg={7}>
          {summary.loading && <Progress />}
          {summary.error && (
            <ResponseErrorPanel
              error={summary.error}
              title="Could not load the compliance summary"
            />
          )}
          {summary.value && <SummaryTiles summary={summary.value} />}
        </Grid>
        <Grid item xs={12} lg={5}>
          {summary.value && (
            <RuleAdoptionChart adoption={summary.value.adoption} />
          )}
        </Grid>
        <Grid item xs={12}>
          <ComplianceFilters
            state={state}
            rules={rules.value ?? []}
            owners={choices.value?.owners ?? []}
            systems={choices.value?.systems ?? []}
            onChange={update}
          />
        </Grid>
        <Grid item xs={12}>
          {state.groupBy === 'none' ? (
            <>
              {services.error && (
                <ResponseErrorPanel
                  error={services.error}
                  title="Could not load the services"
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
            <GroupedSummaryTable
              groupBy={state.groupBy}
              groups={summary.value?.groups ?? []}
              loading={summary.loading}
              onSelectGroup={showGroup}
            />
          )}
        </Grid>
      </Grid>
    </>
  );
}

/** The org-wide BuildKit cache compliance page. @public */
export function CompliancePage(props: CompliancePageProps) {
  const {
    title = 'BuildKit cache',
    subtitle = 'How well each service uses Docker BuildKit caching',
  } = props;
  return (
    <Page themeId="tool">
      <Header title={title} subtitle={subtitle} />
      <Content>
        <ComplianceContent />
      </Content>
    </Page>
  );
}
