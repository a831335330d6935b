import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/Warning';
import { Gauge, type GaugePropsGetColor } from '@backstage/core-components';
import {
  LEVEL_MIN_SCORE,
  type Scorecard,
} from '@buildcache/plugin-buildcache-common';
import { LevelChip } from '../common/LevelChip';
import { SeverityCounts } from '../common/SeverityChip';
import { formatDateTime, formatRelativeTime } from '../common/formatTime';

// Colour by level thresholds.
const scoreColor: GaugePropsGetColor = ({ palette, value }) => {
  if (value >= LEVEL_MIN_SCORE.Gold) return palette.status.ok;
  if (value >= LEVEL_MIN_SCORE.Silver) return palette.status.pending;
  if (value >= LEVEL_MIN_SCORE.Bronze) return palette.status.warning;
  return palette.status.error;
};

/** Tells that the shown result is old because the latest scan failed. */
export function StaleScanNotice(props: { scorecard: Scorecard }) {
  const { stale, lastScan } = props.scorecard;
  const failed = lastScan?.status === 'failed';
  if (!stale && !failed) {
    return null;
  }
  return (
    <Box display="flex" alignItems="flex-start" style={{ gap: 8 }} role="alert">
      <WarningIcon color="error" fontSize="small" />
      <Typography variant="body2" color="error">
        {stale
          ? 'The last scan failed; showing the last good result.'
          : 'The last scan failed.'}
        {lastScan?.error && (
          <>
            {' '}
            Error: <code>{lastScan.error}</code>
          </>
        )}
      </Typography>
    </Box>
  );
}

/** When the scorecard was produced, relative, with the exact time on hover. */
export function LastScanned(props: { scorecard: Scorecard }) {
  const { scannedAt, commit } = props.scorecard;
  if (!scannedAt) {
    return (
      <Typography variant="body2" color="textSecondary">
        Never scanned
      </Typography>
    );
  }
  return (
    <Typography variant="body2" color="textSecondary">
      Scanned{' '}
      <Tooltip title={formatDateTime(scannedAt)}>
        <time dateTime={scannedAt}>{formatRelativeTime(scannedAt)}</time>
      </Tooltip>
      {commit && ` at ${commit.slice(0, 7)}`}
    </Typography>
  );
}

/** Counting findings the previous scan did not have; nothing when none. */
export function NewFindingsCount(props: { scorecard: Scorecard }) {
  const count = props.scorecard.findings.filter(
    f => f.newSinceLastScan && !f.suppressed && !f.waiver,
  ).length;
  if (count === 0) {
    return null;
  }
  return (
    <Typography variant="body2">{count} new since the previous scan</Typography>
  );
}

/** Score gauge, level and counts of a scanned, applicable service. */
export function ScorecardSummary(props: { scorecard: Scorecard }) {
  const { scorecard } = props;
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 24 }}>
      {scorecard.score !== null && (
        <Box width={140} aria-label={`Score ${scorecard.score} of 100`}>
          <Gauge
            value={scorecard.score}
            max={100}
            fractional={false}
            unit=""
            getColor={scoreColor}
          />
        </Box>
      )}
      <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
        <LevelChip level={scorecard.level} size="medium" />
        <SeverityCounts counts={scorecard.counts} />
        <NewFindingsCount scorecard={scorecard} />
        <LastScanned scorecard={scorecard} />
      </Box>
    </Box>
  );
}
