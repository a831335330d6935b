import { useState } from 'react';
import Button from '@material-ui/core/Button';
import CampaignIcon from '@material-ui/icons/Announcement';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  buildcacheComplianceReadPermission,
  type RuleInfo,
} from '@buildcache/plugin-buildcache-common';
import { CampaignDialog } from './CampaignDialog';
import type { CampaignForm } from './campaignForm';

/**
 * "Campaign": file tickets or fix pull requests across the services of a
 * filter. Shown to users of the compliance views; the backend files only
 * for the services the user may file tickets for, and skips the others.
 */
export function CampaignButton(props: {
  /** The page's current filters, to start from. */
  filter: Omit<CampaignForm, 'kind'>;
  owners: string[];
  systems: string[];
  rules: RuleInfo[];
  pollIntervalMs?: number;
}) {
  const { allowed, loading } = usePermission({
    permission: buildcacheComplianceReadPermission,
  });
  const [open, setOpen] = useState(false);
  if (loading || !allowed) {
    return null;
  }
  return (
    <>
      <Button
        variant="outlined"
        color="primary"
        startIcon={<CampaignIcon />}
        onClick={() => setOpen(true)}
      >
        Campaign
      </Button>
      {open && (
        <CampaignDialog
          initialForm={{ kind: 'issue', ...props.filter }}
          owners={props.owners}
          systems={props.systems}
          rules={props.rules}
          pollIntervalMs={props.pollIntervalMs}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
