import Box from '@material-ui/core/Box';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useApi } from '@backstage/core-plugin-api';
import { InfoCard, Progress } from '@backstage/core-components';
import {
  LEVEL_MIN_SCORE,
  type HistoryPoint,
} from '@buildcache/plugin-buildcache-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { buildcacheApiRef } from '../../api';
import { LoadError } from '../common/LoadError';
import { formatDate, formatDateTime } from '../common/formatTime';
import { timeTicks, toChartPoints } from './historyTicks';

const HISTORY_LIMIT = 90;

const EVENT_LABELS: Record<HistoryPoint['event'], string> = {
  scan: 'Scan',
  waiver: 'Waiver change',
};

/** A scan is a filled dot; a waiver change a hollow diamond. */
function EventDot(props: {
  cx?: number;
  cy?: number;
  payload?: HistoryPoint;
  color: string;
}) {
  const { cx, cy, payload, color } = props;
  if (cx === undefined || cy === undefined) return null;
  if (payload?.event === 'waiver') {
    return (
      <path
        d={`M${cx},${cy - 5}L${cx + 5},${cy}L${cx},${cy + 5}L${cx - 5},${cy}Z`}
        fill="none"
        stroke={color}
        strokeWidth={2}
      />
    );
  }
  return <circle cx={cx} cy={cy} r={3.5} fill={color} />;
}

/** A level's threshold line: its legend label, colour and score. */
interface Threshold {
  label: string;
  stroke: string;
  score: number;
}

function Legend(props: { thresholds: Threshold[]; color: string }) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 16 }}
      mt={1}
      aria-hidden="true"
    >
      <Typography variant="caption">
        <svg width="12" height="12">
          <circle cx="6" cy="6" r="3.5" fill={props.color} />
        </svg>{' '}
        Scan
      </Typography>
      <Typography variant="caption">
        <svg width="12" height="12">
          <path
            d="M6,1L11,6L6,11L1,6Z"
            fill="none"
            stroke={props.color}
            strokeWidth="2"
          />
        </svg>{' '}
        Waiver change
      </Typography>
      {props.thresholds.map(({ label, stroke }) => (
        <Typography variant="caption" key={label}>
          <svg width="18" height="12">
            <line
              x1="0"
              y1="6"
              x2="18"
              y2="6"
              stroke={stroke}
              strokeWidth="2"
              strokeDasharray="4 3"
            />
          </svg>{' '}
          {label}
        </Typography>
      ))}
    </Box>
  );
}

/** Score over time, scans and waiver changes told apart, with the level thresholds. */
export function ScoreHistoryChart(props: {
  entityRef: string;
  reloadKey?: unknown;
}) {
  const api = useApi(buildcacheApiRef);
  const theme = useTheme();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getHistory(props.entityRef, { limit: HISTORY_LIMIT }),
    [api, props.entityRef, props.reloadKey],
  );
  const lineColors = {
    Gold: theme.palette.success.main,
    Silver: theme.palette.warning.main,
    Bronze: theme.palette.error.main,
  };
  const thresholds: Threshold[] = (['Gold', 'Silver', 'Bronze'] as const).map(
    level => ({
      label: `${level} ≥ ${LEVEL_MIN_SCORE[level]}`,
      stroke: lineColors[level],
      score: LEVEL_MIN_SCORE[level],
    }),
  );

  let body: JSX.Element;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = (
      <LoadError
        error={error}
        title="Could not load the score history"
        retryLabel="Retry loading the score history"
        onRetry={retry}
      />
    );
  } else if (!value || value.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No history yet: the chart fills in as scans complete.
      </Typography>
    );
  } else {
    const points = toChartPoints(value);
    const { ticks, format } = timeTicks(points.map(p => p.t));
    const latest = value[value.length - 1];
    const scans = value.filter(p => p.event === 'scan').length;
    const waivers = value.length - scans;
    body = (
      <>
        <Typography variant="srOnly">
          {`${scans} scan${scans === 1 ? '' : 's'}${
            waivers
              ? ` and ${waivers} waiver change${waivers === 1 ? '' : 's'}`
              : ''
          } since ${formatDate(value[0].scannedAt)}; latest score ${
            latest.score
          } (${latest.level}).`}
        </Typography>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart
            data={points}
            margin={{ top: 8, right: 16, bottom: 0, left: -16 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              ticks={ticks}
              tickFormatter={format}
              padding={{ left: 12, right: 12 }}
            />
            <YAxis
              domain={[0, 100]}
              ticks={[0, ...thresholds.map(t => t.score).reverse(), 100]}
            />
            {thresholds.map(({ label, stroke, score }) => (
              <ReferenceLine
                key={label}
                y={score}
                stroke={stroke}
                strokeDasharray="4 4"
              />
            ))}
            <Tooltip
              labelFormatter={t =>
                formatDateTime(new Date(Number(t)).toISOString())
              }
              formatter={(score, _name, item) => {
                const point = item.payload as HistoryPoint;
                return [`${score} (${point.level})`, EVENT_LABELS[point.event]];
              }}
            />
            <Line
              type="monotone"
              dataKey="score"
              stroke={theme.palette.primary.main}
              strokeWidth={2}
              dot={<EventDot color={theme.palette.primary.main} />}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
        <Legend color={theme.palette.primary.main} thresholds={thresholds} />
      </>
    );
  }
  return <InfoCard title="Score history">{body}</InfoCard>;
}
