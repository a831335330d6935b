import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import TrendingDownIcon from '@material-ui/icons/TrendingDown';
import TrendingFlatIcon from '@material-ui/icons/TrendingFlat';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import { InfoCard, TrendLine } from '@backstage/core-components';
import {
  LEVELS,
  type ComplianceSummary,
  type TrendPoint,
} from '@buildcache/plugin-buildcache-common';
import { LevelChip } from '../common/LevelChip';
import { formatDate } from '../common/formatTime';

function formatScore(score: number | null): string {
  return score === null ? '—' : score.toFixed(1).replace(/\.0$/, '');
}

/** Mean score change over the trend window; null without two points. */
export function trendDelta(trend: TrendPoint[]): number | null {
  if (trend.length < 2) return null;
  return trend[trend.length - 1].meanScore - trend[0].meanScore;
}

function TrendSummary(props: { trend: TrendPoint[] }) {
  const delta = trendDelta(props.trend);
  if (delta === null) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not enough history for a trend yet
      </Typography>
    );
  }
  let Icon = TrendingFlatIcon;
  if (delta > 0.05) Icon = TrendingUpIcon;
  if (delta < -0.05) Icon = TrendingDownIcon;
  const sign = delta > 0 ? '+' : '';
  return (
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      <Icon fontSize="small" aria-hidden />
      <Typography variant="body2">
        {`${sign}${delta.toFixed(1)} since ${formatDate(props.trend[0].date)}`}
      </Typography>
    </Box>
  );
}

/** Services per level, mean score and its trend. */
export function SummaryTiles(props: {
  summary: ComplianceSummary;
  /** Whether filters narrow the services counted. */
  filtered?: boolean;
}) {
  const { summary, filtered } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} md={3}>
        <InfoCard title="Mean score" noPadding={false}>
          <Typography variant="h3" component="p" aria-label="Mean score">
            {formatScore(summary.meanScore)}
          </Typography>
          <TrendSummary trend={summary.trend} />
          {summary.trend.length >= 2 && (
            <TrendLine
              data={summary.trend.map(point => point.meanScore / 100)}
              title="Mean score trend"
              max={1}
              min={0}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} sm={6} md={9}>
        <InfoCard
          title={`${summary.services} services`}
          subheader={filtered ? 'Matching the filters' : undefined}
        >
          <Box
            display="flex"
            flexWrap="wrap"
            style={{ gap: 24 }}
            component="ul"
            aria-label="Services per level"
            p={0}
            m={0}
          >
            {LEVELS.map(level => (
              <Box
                component="li"
                key={level}
                display="flex"
                flexDirection="column"
                alignItems="flex-start"
                style={{ gap: 4, listStyle: 'none' }}
                data-testid={`level-tile-${level}`}
              >
                <LevelChip level={level} />
                <Typography variant="h4" component="span">
                  {summary.levels[level] ?? 0}
                </Typography>
              </Box>
            ))}
          </Box>
        </InfoCard>
      </Grid>
    </Grid>
  );
}
