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
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import useAsync from 'react-use/esm/useAsync';
import { buildcacheApiRef } from '../../api';
import { formatDate, formatDateTime } from '../common/formatTime';

const HISTORY_LIMIT = 90;

/** Score over time, with the Gold/Silver/Bronze thresholds. */
export function ScoreHistoryChart(props: {
  entityRef: string;
  reloadKey?: unknown;
}) {
  const api = useApi(buildcacheApiRef);
  const theme = useTheme();
  const { value, loading, error } = useAsync(
    () => api.getHistory(props.entityRef, { limit: HISTORY_LIMIT }),
    [api, props.entityRef, props.reloadKey],
  );

  let body: JSX.Element;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title="Could not load the score history"
      />
    );
  } else if (!value || value.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No history yet: the chart fills in as scans complete.
      </Typography>
    );
  } else {
    const latest = value[value.length - 1];
    body = (
      <>
        <Typography variant="srOnly">
          {`${value.length} scans from ${formatDate(
            value[0].scannedAt,
          )}; latest score ${latest.score} (${latest.level}).`}
        </Typography>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart
            data={value}
            margin={{ top: 8, right: 16, bottom: 0, left: -16 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="scannedAt"
              tickFormatter={formatDate}
              minTickGap={24}
            />
            <YAxis domain={[0, 100]} ticks={[0, 40, 70, 90, 100]} />
            <ReferenceLine
              y={90}
              stroke={theme.palette.success.main}
              strokeDasharray="4 4"
            />
            <ReferenceLine
              y={70}
              stroke={theme.palette.warning.main}
              strokeDasharray="4 4"
            />
            <ReferenceLine
              y={40}
              stroke={theme.palette.error.main}
              strokeDasharray="4 4"
            />
            <Tooltip
              labelFormatter={label => formatDateTime(String(label))}
              formatter={(score, _name, item) => [
                `${score} (${(item.payload as { level: string }).level})`,
                'Score',
              ]}
            />
            <Line
              type="monotone"
              dataKey="score"
              stroke={theme.palette.primary.main}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </>
    );
  }
  return <InfoCard title="Score history">{body}</InfoCard>;
}
