import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { CampaignRunState } from '../../hooks/useCampaignRun';
import { CampaignResultsTable, OutcomeCounts } from './CampaignResults';

/** A started campaign: progress, outcome counts and the results so far. */
export function CampaignProgress(props: {
  run: CampaignRunState & { resume: () => void };
}) {
  const { campaign, error, busy, resume } = props.run;
  const done = campaign?.results.length ?? 0;
  const total = campaign?.total ?? 0;
  const percent = total ? Math.round((done / total) * 100) : 0;
  let status = 'Starting the campaign…';
  if (campaign) {
    status = {
      running: `Filing: ${done} of ${total} services done`,
      done: `Campaign finished: ${done} of ${total} services done`,
      interrupted: `The campaign was interrupted after ${done} of ${total} services (the backend stopped); a new campaign files for the rest, without filing anything twice`,
    }[campaign.status];
  }
  return (
    <Box mt={2}>
      <Typography variant="h6" component="h3" gutterBottom>
        Campaign
      </Typography>
      {error && (
        <Box mb={1}>
          <Alert
            severity="error"
            role="alert"
            action={
              campaign ? (
                <Button color="inherit" size="small" onClick={resume}>
                  Check again
                </Button>
              ) : undefined
            }
          >
            {campaign
              ? `Could not read the campaign's progress: ${error}`
              : `The campaign could not be started: ${error}`}
          </Alert>
        </Box>
      )}
      {(campaign || busy) && (
        <>
          <LinearProgress
            variant={campaign ? 'determinate' : 'indeterminate'}
            value={percent}
            aria-label="Campaign progress"
            aria-valuetext={
              campaign ? `${done} of ${total} services` : undefined
            }
          />
          <Typography
            variant="body2"
            role="status"
            color={campaign?.status === 'interrupted' ? 'error' : 'textPrimary'}
            style={{ margin: '8px 0' }}
          >
            {status}
          </Typography>
        </>
      )}
      {campaign && campaign.status === 'running' && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          The campaign goes on on the server if you close this dialog.
        </Typography>
      )}
      {campaign && (
        <>
          <OutcomeCounts results={campaign.results} />
          <CampaignResultsTable
            results={campaign.results}
            caption="What each service got"
          />
        </>
      )}
    </Box>
  );
}
