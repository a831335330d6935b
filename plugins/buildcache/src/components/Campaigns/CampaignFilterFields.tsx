import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import type {
  Level,
  RuleInfo,
  TicketKind,
} from '@buildcache/plugin-buildcache-common';
import {
  levelOptions,
  refOptions,
  ruleOptions,
  SelectFilter,
} from '../CompliancePage/ComplianceFilters';
import type { CampaignForm } from './campaignForm';

/** What a campaign files, and for which services. */
export function CampaignFilterFields(props: {
  form: CampaignForm;
  owners: string[];
  systems: string[];
  rules: RuleInfo[];
  disabled?: boolean;
  onChange: (patch: Partial<CampaignForm>) => void;
}) {
  const { form, owners, systems, rules, disabled, onChange } = props;
  return (
    <>
      <FormControl component="fieldset" disabled={disabled} margin="dense">
        <FormLabel component="legend">File</FormLabel>
        <RadioGroup
          row
          aria-label="File"
          value={form.kind}
          onChange={event =>
            onChange({ kind: event.target.value as TicketKind })
          }
        >
          <FormControlLabel value="issue" control={<Radio />} label="Issues" />
          <FormControlLabel
            value="pull-request"
            control={<Radio />}
            label="Fix pull requests"
          />
        </RadioGroup>
      </FormControl>
      <FormControl
        component="fieldset"
        disabled={disabled}
        fullWidth
        margin="dense"
      >
        <FormLabel component="legend">
          For every scanned service matching
        </FormLabel>
        <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: 12 }}>
          <SelectFilter<string>
            id="buildcache-campaign-owner"
            label="Owner"
            value={form.owner}
            options={refOptions('Any owner', owners, form.owner, 'group')}
            onChange={owner => onChange({ owner })}
            disabled={disabled}
          />
          <SelectFilter<string>
            id="buildcache-campaign-system"
            label="System"
            value={form.system}
            options={refOptions('Any system', systems, form.system, 'system')}
            onChange={system => onChange({ system })}
            disabled={disabled}
          />
          <SelectFilter<Level | ''>
            id="buildcache-campaign-level"
            label="Level"
            value={form.level}
            options={levelOptions()}
            onChange={level => onChange({ level })}
            disabled={disabled}
          />
          <SelectFilter<string>
            id="buildcache-campaign-rule"
            label="Failing rule"
            value={form.ruleId}
            options={ruleOptions(rules, form.ruleId)}
            onChange={ruleId => onChange({ ruleId })}
            disabled={disabled}
          />
        </Box>
      </FormControl>
    </>
  );
}
