import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import Typography from '@material-ui/core/Typography';
import type {
  RuleInfo,
  TicketKind,
} from '@buildcache/plugin-buildcache-common';
import {
  choiceLocation,
  type FileChoices,
  type FindingChoice,
} from './ticketChoices';

function ChoiceLabel(props: { choice: FindingChoice; rule?: RuleInfo }) {
  const { choice, rule } = props;
  return (
    <Box py={0.5}>
      <Typography variant="body2" component="span" style={{ display: 'block' }}>
        <strong>{choice.ruleId}</strong>
        {rule && ` ${rule.name}`} — {choiceLocation(choice)}
      </Typography>
      <Typography
        variant="caption"
        component="span"
        color="textSecondary"
        style={{ display: 'block', wordBreak: 'break-word' }}
      >
        {choice.message}
      </Typography>
    </Box>
  );
}

/**
 * The open findings to file, as checkboxes grouped by file, each labelled
 * by rule and file:line. For pull requests, says that each chosen file's
 * whole combined fix is committed.
 */
export function FindingChooser(props: {
  kind: TicketKind;
  files: FileChoices[];
  rules: Map<string, RuleInfo>;
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
}) {
  const { kind, files, rules, selected, onChange } = props;
  const all = files.flatMap(file => file.choices.map(c => c.key));
  const chosen = all.filter(key => selected.has(key)).length;
  const toggle = (key: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(key);
    else next.delete(key);
    onChange(next);
  };
  return (
    <FormControl component="fieldset" fullWidth>
      <FormLabel component="legend">
        Findings to include ({chosen} of {all.length} chosen)
      </FormLabel>
      <FormControlLabel
        control={
          <Checkbox
            checked={chosen === all.length && all.length > 0}
            indeterminate={chosen > 0 && chosen < all.length}
            onChange={event =>
              onChange(new Set(event.target.checked ? all : []))
            }
          />
        }
        label="All open findings"
      />
      {files.map(file => (
        <Box key={file.path} mt={1}>
          <Typography
            variant="subtitle2"
            component="h3"
            style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
          >
            {file.path}
          </Typography>
          {kind === 'pull-request' && file.combinedFix && (
            <Typography variant="caption" color="textSecondary" component="p">
              Choosing any finding here commits this file's whole combined fix (
              {file.combinedFix.fixes} fix
              {file.combinedFix.fixes === 1 ? '' : 'es'}).
            </Typography>
          )}
          <FormGroup>
            {file.choices.map(choice => (
              <FormControlLabel
                key={choice.key}
                control={
                  <Checkbox
                    checked={selected.has(choice.key)}
                    onChange={event => toggle(choice.key, event.target.checked)}
                  />
                }
                label={
                  <ChoiceLabel
                    choice={choice}
                    rule={rules.get(choice.ruleId)}
                  />
                }
              />
            ))}
          </FormGroup>
        </Box>
      ))}
    </FormControl>
  );
}
