import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import type { Campaign, RuleInfo } from '@buildcache/plugin-buildcache-common';
import { buildcacheApiRef } from '../../api';
import { useCampaignRun } from '../../hooks/useCampaignRun';
import { errorMessage } from '../common/errorMessage';
import { kindNoun } from '../Tickets/ticketLabels';
import { CampaignFilterFields } from './CampaignFilterFields';
import { CampaignProgress } from './CampaignProgress';
import { CampaignResultsTable, OutcomeCounts } from './CampaignResults';
import { toCampaignFilter, type CampaignForm } from './campaignForm';

const TITLE_ID = 'buildcache-campaign-title';

/** What a form asks for, to tell whether a preview still matches it. */
const formKey = (form: CampaignForm) =>
  JSON.stringify([form.kind, toCampaignFilter(form)]);

function PreviewSection(props: { campaign: Campaign }) {
  const { campaign } = props;
  return (
    <Box mt={2}>
      <Typography variant="h6" component="h3" gutterBottom>
        Preview: nothing was filed
      </Typography>
      {campaign.total === 0 ? (
        <Typography variant="body2">
          No scanned service matches this filter.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" gutterBottom>
            {campaign.total} service{campaign.total === 1 ? '' : 's'} match.
          </Typography>
          <OutcomeCounts results={campaign.results} />
          <CampaignResultsTable
            results={campaign.results}
            caption="What each service would get"
          />
        </>
      )}
    </Box>
  );
}

/**
 * Files tickets or fix pull requests across services: previewed first as a
 * dry run (what each service would get), then started and followed until it
 * is done. Closing the dialog stops following it, not the campaign.
 */
export function CampaignDialog(props: {
  initialForm: CampaignForm;
  owners: string[];
  systems: string[];
  rules: RuleInfo[];
  onClose: () => void;
  pollIntervalMs?: number;
}) {
  const api = useApi(buildcacheApiRef);
  const [form, setForm] = useState(props.initialForm);
  const [preview, setPreview] = useState<{ key: string; campaign: Campaign }>();
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<string>();
  const run = useCampaignRun(props.pollIntervalMs);

  const started = run.campaign !== undefined;
  const previewIsCurrent = preview?.key === formKey(form);

  const runPreview = async () => {
    setPreviewing(true);
    setPreviewError(undefined);
    const key = formKey(form);
    try {
      const campaign = await api.createCampaign({
        kind: form.kind,
        filter: toCampaignFilter(form),
        dryRun: true,
      });
      setPreview({ key, campaign });
    } catch (e) {
      setPreviewError(errorMessage(e));
    } finally {
      setPreviewing(false);
    }
  };

  const startCampaign = () =>
    run.start({ kind: form.kind, filter: toCampaignFilter(form) });

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={TITLE_ID}
      fullWidth
      maxWidth="md"
      scroll="paper"
    >
      <DialogTitle id={TITLE_ID}>Ticket campaign</DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" paragraph>
          Files one {kindNoun(form.kind)} for every scanned service matching the
          filter (at most 2,000), at a bounded rate, in each service’s own
          tracker. Services you may not file for, and those with nothing to
          file, are skipped. Preview first: it shows what each service would get
          and files nothing.
        </Typography>
        <CampaignFilterFields
          form={form}
          owners={props.owners}
          systems={props.systems}
          rules={props.rules}
          disabled={started || run.busy}
          onChange={patch => setForm(current => ({ ...current, ...patch }))}
        />
        {Object.keys(toCampaignFilter(form)).length === 0 && !started && (
          <Typography variant="body2" color="textSecondary">
            No filter is set: the campaign covers every scanned service.
          </Typography>
        )}
        {previewError && (
          <Box mt={2}>
            <Alert
              severity="error"
              role="alert"
              action={
                <Button color="inherit" size="small" onClick={runPreview}>
                  Retry
                </Button>
              }
            >
              Preview failed: {previewError}
            </Alert>
          </Box>
        )}
        {started || run.busy || run.error ? (
          <CampaignProgress run={run} />
        ) : (
          preview &&
          (previewIsCurrent ? (
            <PreviewSection campaign={preview.campaign} />
          ) : (
            <Box mt={2}>
              <Typography variant="body2" color="textSecondary">
                The filter changed since the preview: preview again before
                starting.
              </Typography>
            </Box>
          ))
        )}
      </DialogContent>
      <DialogActions>
        {(previewing || run.busy) && (
          <CircularProgress size={20} aria-label="Working" />
        )}
        <Button onClick={props.onClose}>{started ? 'Close' : 'Cancel'}</Button>
        {!started && (
          <>
            <Button
              color="primary"
              variant={previewIsCurrent ? 'outlined' : 'contained'}
              disabled={previewing || run.busy}
              onClick={runPreview}
            >
              Preview
            </Button>
            <Button
              color="primary"
              variant="contained"
              disabled={
                !previewIsCurrent ||
                previewing ||
                run.busy ||
                preview?.campaign.total === 0
              }
              onClick={startCampaign}
            >
              Start campaign
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
