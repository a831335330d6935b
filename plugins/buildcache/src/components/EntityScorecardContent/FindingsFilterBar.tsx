import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import {
  SEVERITIES,
  type ScorecardFinding,
  type Severity,
} from '@buildcache/plugin-buildcache-common';
import { FilterBar } from '../common/FilterBar';

/** Which findings the tab lists. */
export interface FindingsFilter {
  severity: Severity | 'all';
  /** Also list waived and suppressed findings (they do not count). */
  showExempt: boolean;
  /** Only findings the previous scan did not have. */
  onlyNew: boolean;
}

export const ALL_FINDINGS: FindingsFilter = {
  severity: 'all',
  showExempt: true,
  onlyNew: false,
};

export function applyFindingsFilter(
  findings: ScorecardFinding[],
  filter: FindingsFilter,
): ScorecardFinding[] {
  return findings.filter(
    f =>
      (filter.severity === 'all' || f.severity === filter.severity) &&
      (filter.showExempt || (!f.suppressed && !f.waiver)) &&
      (!filter.onlyNew || f.newSinceLastScan),
  );
}

/** Severity, waived/suppressed and new-only filters, with the shown count. */
export function FindingsFilterBar(props: {
  filter: FindingsFilter;
  onChange: (filter: FindingsFilter) => void;
  shown: number;
  total: number;
}) {
  const { filter, onChange, shown, total } = props;
  const filtered =
    filter.severity !== ALL_FINDINGS.severity ||
    filter.showExempt !== ALL_FINDINGS.showExempt ||
    filter.onlyNew !== ALL_FINDINGS.onlyNew;
  return (
    <FilterBar label="Finding filters">
      <FormControl variant="outlined" size="small" style={{ minWidth: 160 }}>
        <InputLabel id="findings-severity-label">Severity</InputLabel>
        <Select
          labelId="findings-severity-label"
          id="findings-severity"
          label="Severity"
          value={filter.severity}
          onChange={e =>
            onChange({
              ...filter,
              severity: e.target.value as FindingsFilter['severity'],
            })
          }
        >
          <MenuItem value="all">All severities</MenuItem>
          {SEVERITIES.map(severity => (
            <MenuItem key={severity} value={severity}>
              {severity}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControlLabel
        control={
          <Checkbox
            color="primary"
            checked={filter.showExempt}
            onChange={e =>
              onChange({ ...filter, showExempt: e.target.checked })
            }
          />
        }
        label="Show waived and suppressed"
      />
      <FormControlLabel
        control={
          <Checkbox
            color="primary"
            checked={filter.onlyNew}
            onChange={e => onChange({ ...filter, onlyNew: e.target.checked })}
          />
        }
        label="Only new since the previous scan"
      />
      <Typography variant="body2" color="textSecondary" aria-live="polite">
        {filtered
          ? `Showing ${shown} of ${total} findings`
          : `${total} finding${total === 1 ? '' : 's'}`}
      </Typography>
      {filtered && (
        <Button size="small" onClick={() => onChange(ALL_FINDINGS)}>
          Clear filters
        </Button>
      )}
    </FilterBar>
  );
}
