import { useEffect, useState, type ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import useDebounce from 'react-use/esm/useDebounce';
import {
  LEVELS,
  type Level,
  type RuleInfo,
} from '@buildcache/plugin-buildcache-common';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { Link } from '@backstage/core-components';
import { FilterBar } from '../common/FilterBar';
import { LEVEL_LABELS } from '../common/LevelChip';
import { useRuleLink } from '../common/pageLinks';
import type {
  ComplianceGrouping,
  ComplianceViewState,
} from './useComplianceViewState';

export const FILTER_DEBOUNCE_MS = 400;

/** A text field that reports its value once typing pauses. */
function DebouncedTextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  const { id, label, value, onChange, placeholder } = props;
  const [draft, setDraft] = useState(value);
  // Follow changes made elsewhere (e.g. clicking a group, browser back).
  useEffect(() => setDraft(value), [value]);
  useDebounce(
    () => {
      if (draft !== value) onChange(draft.trim());
    },
    FILTER_DEBOUNCE_MS,
    [draft],
  );
  return (
    <TextField
      id={id}
      label={label}
      value={draft}
      placeholder={placeholder}
      onChange={event => setDraft(event.target.value)}
      variant="outlined"
      size="small"
    />
  );
}

// MUI's Select shows nothing for an empty-string value; use a sentinel.
const ANY = '*';

export function SelectFilter<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: Array<{ value: T; label: ReactNode }>;
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  const labelId = `${props.id}-label`;
  const toOption = (value: string) => (value === '' ? ANY : value);
  const fromOption = (value: string) => (value === ANY ? '' : value) as T;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 160 }}>
      <InputLabel id={labelId}>{props.label}</InputLabel>
      <Select
        labelId={labelId}
        id={props.id}
        disabled={props.disabled}
        label={props.label}
        value={toOption(props.value)}
        onChange={event =>
          props.onChange(fromOption(String(event.target.value)))
        }
      >
        {props.options.map(option => (
          <MenuItem key={toOption(option.value)} value={toOption(option.value)}>
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/**
 * Options for an entity-ref filter, shown as the catalog presents the
 * entity. A ref from a shared link that is not (yet) among the options stays
 * selectable.
 */
export function refOptions(
  anyLabel: string,
  refs: string[],
  current: string,
  defaultKind: string,
): Array<{ value: string; label: ReactNode }> {
  const all = current && !refs.includes(current) ? [...refs, current] : refs;
  return [
    { value: '', label: anyLabel },
    ...all
      .filter(ref => ref !== '(none)')
      .map(ref => ({
        value: ref,
        label: (
          <EntityDisplayName
            entityRef={ref}
            defaultKind={defaultKind}
            hideIcon
            disableTooltip
          />
        ),
      })),
  ];
}

/** Every level, and "Any level". */
export function levelOptions(): Array<{ value: Level | ''; label: string }> {
  return [
    { value: '', label: 'Any level' },
    ...LEVELS.map(level => ({ value: level, label: LEVEL_LABELS[level] })),
  ];
}

/** The rules, and "Any rule"; a rule not (yet) among them stays selectable. */
export function ruleOptions(rules: RuleInfo[], current: string) {
  return [
    { value: '', label: 'Any rule' },
    ...rules.map(rule => ({
      value: rule.id,
      label: `${rule.id} ${rule.name}`,
    })),
    ...(current && !rules.some(rule => rule.id === current)
      ? [{ value: current, label: current }]
      : []),
  ];
}

/** Filters and grouping of the compliance view; all live in the URL. */
export function ComplianceFilters(props: {
  state: ComplianceViewState;
  rules: RuleInfo[];
  /** Owner entity refs to choose from (those of scanned services). */
  owners: string[];
  /** System entity refs to choose from. */
  systems: string[];
  onChange: (patch: Partial<ComplianceViewState>) => void;
  /** Sets every filter back to "any"; disabled while none is set. */
  onClear: () => void;
  canClear: boolean;
}) {
  const { state, rules, owners, systems, onChange } = props;
  const ruleLink = useRuleLink();
  return (
    <FilterBar label="Compliance filters">
      <DebouncedTextField
        id="buildcache-search-filter"
        label="Search"
        placeholder="Service name or title"
        value={state.q}
        onChange={q => onChange({ q })}
      />
      <SelectFilter<string>
        id="buildcache-owner-filter"
        label="Owner"
        value={state.owner}
        options={refOptions('Any owner', owners, state.owner, 'group')}
        onChange={owner => onChange({ owner })}
      />
      <SelectFilter<string>
        id="buildcache-system-filter"
        label="System"
        value={state.system}
        options={refOptions('Any system', systems, state.system, 'system')}
        onChange={system => onChange({ system })}
      />
      <SelectFilter<Level | ''>
        id="buildcache-level-filter"
        label="Level"
        value={state.level}
        options={levelOptions()}
        onChange={level => onChange({ level })}
      />
      <SelectFilter<string>
        id="buildcache-rule-filter"
        label="Failing rule"
        value={
          // Keep a rule from a shared link selectable before rules load.
          state.ruleId
        }
        options={ruleOptions(rules, state.ruleId)}
        onChange={ruleId => onChange({ ruleId })}
      />
      {state.ruleId && ruleLink && (
        <Link to={ruleLink(state.ruleId)}>About {state.ruleId}</Link>
      )}
      <SelectFilter<ComplianceGrouping>
        id="buildcache-group-by"
        label="Group by"
        value={state.groupBy}
        options={[
          { value: 'none', label: 'No grouping' },
          { value: 'owner', label: 'Owner' },
          { value: 'system', label: 'System' },
          { value: 'rule', label: 'Failing rule' },
        ]}
        onChange={groupBy => onChange({ groupBy })}
      />
      <Button size="small" onClick={props.onClear} disabled={!props.canClear}>
        Clear filters
      </Button>
    </FilterBar>
  );
}
