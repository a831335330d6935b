import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type { RuleExample } from '@buildcache/plugin-buildcache-common';
import { FixDiff } from '../EntityScorecardContent/FixDiff';
import { SourceListing } from '../SourceView/SourceListing';

/** A file the rule reports on, what buildcache says, and the fix it offers. */
export function RuleExampleCard(props: {
  ruleId: string;
  example: RuleExample;
}) {
  const { ruleId, example } = props;
  return (
    <InfoCard title="Example">
      <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
        <Typography variant="body2">
          <code>{example.path}</code>
        </Typography>
        <SourceListing path={`Example ${example.path}`} text={example.text} />
        <Typography variant="body2">
          buildcache reports: {example.message}
        </Typography>
        {example.diff ? (
          <>
            <Typography variant="body2">The fix it offers:</Typography>
            <FixDiff
              diff={example.diff}
              label={`Fix of the ${ruleId} example (unified diff)`}
              copyLabel={`Copy the fix of the ${ruleId} example`}
            />
          </>
        ) : (
          <Typography variant="body2">
            {ruleId} offers no mechanical fix for this file.
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}
