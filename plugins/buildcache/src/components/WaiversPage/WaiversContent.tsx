import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  buildcacheWaiverManagePermission,
  type Waiver,
} from '@buildcache/plugin-buildcache-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { buildcacheApiRef } from '../../api';
import { errorMessage } from '../common/errorMessage';
import { RemoveWaiverDialog } from '../common/RemoveWaiverDialog';
import { FilterBar } from '../common/FilterBar';
import { RetryableError } from '../common/RetryableError';
import { visuallyHidden } from '../common/visuallyHidden';
import { formatDate } from '../common/formatTime';

const DAY_MS = 86_400_000;
/** "Expiring soon" means within this many days. */
export const EXPIRING_SOON_DAYS = 30;

const useStyles = makeStyles(theme => ({
  select: { minWidth: 200, maxWidth: '100%' },
  // narrow screens scroll the table sideways; the region takes keyboard focus
  scroll: {
    overflowX: 'auto',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  reason: { minWidth: 200, wordBreak: 'break-word' },
  path: { wordBreak: 'break-all' },
}));

/** The filters of the page, kept in the URL so Back and links restore them. */
interface WaiverFilters {
  target: string;
  ruleId: string;
  expiringSoon: boolean;
  showExpired: boolean;
}

function useWaiverFilters() {
  const [params, setParams] = useSearchParams();
  const filters: WaiverFilters = {
    target: params.get('target') ?? '',
    ruleId: params.get('ruleId') ?? '',
    expiringSoon: params.get('expiring') === 'soon',
    showExpired: params.get('expired') === 'show',
  };
  const update = (change: Partial<WaiverFilters>) => {
    const next = { ...filters, ...change };
    const query = new URLSearchParams();
    if (next.target) query.set('target', next.target);
    if (next.ruleId) query.set('ruleId', next.ruleId);
    if (next.expiringSoon) query.set('expiring', 'soon');
    if (next.showExpired) query.set('expired', 'show');
    setParams(query);
  };
  return { filters, update };
}

function isExpired(waiver: Waiver, now: Date): boolean {
  return waiver.expiresAt !== null && new Date(waiver.expiresAt) <= now;
}

function expiresSoon(waiver: Waiver, now: Date): boolean {
  if (waiver.expiresAt === null || isExpired(waiver, now)) return false;
  const left = new Date(waiver.expiresAt).getTime() - now.getTime();
  return left <= EXPIRING_SOON_DAYS * DAY_MS;
}

/** The waivers the filters keep, in the API's order (newest first). */
export function filterWaivers(
  waivers: Waiver[],
  filters: WaiverFilters,
  now: Date,
): Waiver[] {
  return waivers.filter(
    w =>
      (!filters.target || w.target === filters.target) &&
      (!filters.ruleId || w.ruleId === filters.ruleId) &&
      (filters.showExpired || !isExpired(w, now)) &&
      (!filters.expiringSoon || expiresSoon(w, now)),
  );
}

/** A waiver's target: every service, or its catalog entity. */
function TargetCell(props: { target: string }) {
  if (props.target === '*') {
    return <>Every service</>;
  }
  return <EntityRefLink entityRef={props.target} />;
}

function targetLabel(target: string): string {
  return target === '*' ? 'Every service' : target;
}

function ExpiryCell(props: { waiver: Waiver; now: Date }) {
  const { waiver, now } = props;
  if (waiver.expiresAt === null) {
    return <>Never</>;
  }
  const date = formatDate(waiver.expiresAt);
  if (isExpired(waiver, now)) {
    return (
      <Box display="flex" alignItems="center" style={{ gap: 4 }}>
        {date}
        <Chip size="small" variant="outlined" label="Expired" />
      </Box>
    );
  }
  const days = Math.ceil(
    (new Date(waiver.expiresAt).getTime() - now.getTime()) / DAY_MS,
  );
  return (
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      {date}
      {expiresSoon(waiver, now) && (
        <Chip
          size="small"
          variant="outlined"
          label={days === 1 ? 'in 1 day' : `in ${days} days`}
        />
      )}
    </Box>
  );
}

function WaiversTable(props: {
  waivers: Waiver[];
  now: Date;
  canRemove: boolean;
  onRemove: (waiver: Waiver) => void;
}) {
  const classes = useStyles();
  const { waivers, now, canRemove, onRemove } = props;
  return (
    <div
      className={classes.scroll}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard
      tabIndex={0}
      role="region"
      aria-label="Waivers table, scrolls sideways"
    >
      <Table size="small" aria-label="Waivers">
        <TableHead>
          <TableRow>
            <TableCell>Target</TableCell>
            <TableCell>Rule</TableCell>
            <TableCell>Path</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>Waived by</TableCell>
            <TableCell>Created</TableCell>
            <TableCell>Expires</TableCell>
            {canRemove && (
              <TableCell>
                <span style={visuallyHidden}>Actions</span>
              </TableCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {waivers.map(waiver => (
            <TableRow key={waiver.id}>
              <TableCell>
                <TargetCell target={waiver.target} />
              </TableCell>
              <TableCell>{waiver.ruleId}</TableCell>
              <TableCell className={classes.path}>
                {waiver.path ?? 'Every file'}
              </TableCell>
              <TableCell className={classes.reason}>{waiver.reason}</TableCell>
              <TableCell>
                <EntityRefLink
                  entityRef={waiver.createdBy}
                  defaultKind="user"
                  hideIcon
                />
              </TableCell>
              <TableCell>{formatDate(waiver.createdAt)}</TableCell>
              <TableCell>
                <ExpiryCell waiver={waiver} now={now} />
              </TableCell>
              {canRemove && (
                <TableCell>
                  <Button
                    size="small"
                    onClick={() => onRemove(waiver)}
                    aria-label={`Remove waiver of ${
                      waiver.ruleId
                    } for ${targetLabel(waiver.target)}${
                      waiver.path ? ` in ${waiver.path}` : ''
                    }…`}
                  >
                    Remove…
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Props of {@link WaiversContent}. */
export interface WaiversContentProps {
  /** The current time, for expiry (tests fix it). */
  now?: Date;
}

/**
 * Every waiver: target, rule, path, reason, who waived, created, expires;
 * filters by target and rule, those expiring within 30 days, expired ones
 * hidden unless asked for; removal after confirmation.
 */
export function WaiversContent(props: WaiversContentProps) {
  const classes = useStyles();
  const api = useApi(buildcacheApiRef);
  const now = useMemo(() => props.now ?? new Date(), [props.now]);
  const { filters, update } = useWaiverFilters();
  const { allowed: canRemove } = usePermission({
    permission: buildcacheWaiverManagePermission,
  });
  const [removing, setRemoving] = useState<Waiver>();
  const state = useAsyncRetry(() => api.listWaivers(), [api]);

  const all = state.value ?? [];
  const targets = [...new Set(all.map(w => w.target))].sort();
  const ruleIds = [...new Set(all.map(w => w.ruleId))].sort();
  const shown = filterWaivers(all, filters, now);

  let body;
  if (state.loading && !state.value) {
    body = <Progress />;
  } else if (state.error) {
    body = (
      <RetryableError
        message={`Waivers could not be loaded: ${errorMessage(state.error)}`}
        onRetry={state.retry}
      />
    );
  } else if (all.length === 0) {
    body = (
      <Typography>
        No waivers. Findings are waived from a service's BuildKit cache tab.
      </Typography>
    );
  } else if (shown.length === 0) {
    body = (
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography>No waiver matches these filters.</Typography>
        <Button
          variant="outlined"
          onClick={() =>
            update({
              target: '',
              ruleId: '',
              expiringSoon: false,
              showExpired: false,
            })
          }
        >
          Clear filters
        </Button>
      </Box>
    );
  } else {
    body = (
      <WaiversTable
        waivers={shown}
        now={now}
        canRemove={canRemove}
        onRemove={setRemoving}
      />
    );
  }

  return (
    <Box>
      <Typography variant="h5" component="h2" gutterBottom>
        Waivers
      </Typography>
      <FilterBar label="Waiver filters">
        <TextField
          select
          id="buildcache-waivers-target"
          label="Target"
          value={filters.target}
          onChange={e => update({ target: e.target.value })}
          className={classes.select}
        >
          <MenuItem value="">All targets</MenuItem>
          {targets.map(target => (
            <MenuItem key={target} value={target}>
              {targetLabel(target)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="buildcache-waivers-rule"
          label="Rule"
          value={filters.ruleId}
          onChange={e => update({ ruleId: e.target.value })}
          className={classes.select}
        >
          <MenuItem value="">All rules</MenuItem>
          {ruleIds.map(ruleId => (
            <MenuItem key={ruleId} value={ruleId}>
              {ruleId}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Checkbox
              checked={filters.expiringSoon}
              onChange={e => update({ expiringSoon: e.target.checked })}
            />
          }
          label={`Expiring within ${EXPIRING_SOON_DAYS} days`}
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={filters.showExpired}
              onChange={e => update({ showExpired: e.target.checked })}
            />
          }
          label="Show expired"
        />
      </FilterBar>
      {!state.error && state.value && (
        <Typography variant="body2" aria-live="polite">
          {shown.length === all.length
            ? `${all.length} waivers`
            : `${shown.length} of ${all.length} waivers`}
        </Typography>
      )}
      {body}
      {removing && (
        <RemoveWaiverDialog
          waiver={removing}
          consequence={`${removing.ruleId} findings of ${targetLabel(
            removing.target,
          )}${
            removing.path ? ` in ${removing.path}` : ''
          } will count again, and the scores of the services it applies to are recomputed.`}
          onClose={() => setRemoving(undefined)}
          onRemoved={() => {
            setRemoving(undefined);
            state.retry();
          }}
        />
      )}
    </Box>
  );
}
