import { useState } from 'react';
import Button from '@material-ui/core/Button';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { InfoCard } from '@backstage/core-components';
import type { RuleAdoption } from '@buildcache/plugin-buildcache-common';
import { visuallyHidden } from '../common/visuallyHidden';

/** Rules shown before "Show all": the ones most in need of attention. */
export const ADOPTION_CHART_TOP = 8;

/** Share of applicable services passing each rule, lowest adoption first. */
export function RuleAdoptionChart(props: { adoption: RuleAdoption[] }) {
  const theme = useTheme();
  const [showAll, setShowAll] = useState(false);
  const sorted = [...props.adoption]
    // rules that apply to no service say nothing about adoption
    .filter(item => item.applicable > 0)
    .sort((a, b) => a.percent - b.percent || a.ruleId.localeCompare(b.ruleId));
  const data = showAll ? sorted : sorted.slice(0, ADOPTION_CHART_TOP);
  return (
    <InfoCard
      title="Rule adoption"
      subheader="Share of applicable services with no open finding of the rule"
    >
      {data.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No adoption data yet: it appears once services have been scanned.
        </Typography>
      ) : (
        <>
          <ul style={visuallyHidden} aria-label="Rule adoption">
            {data.map(item => (
              <li key={item.ruleId}>
                {`${item.ruleId}: ${item.percent.toFixed(0)}% (${
                  item.passing
                } of ${item.applicable})`}
              </li>
            ))}
          </ul>
          <ResponsiveContainer
            width="100%"
            height={Math.max(160, data.length * 28 + 40)}
          >
            <BarChart
              data={data}
              layout="vertical"
              margin={{ top: 0, right: 16, bottom: 0, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" domain={[0, 100]} unit="%" />
              <YAxis type="category" dataKey="ruleId" width={64} />
              <Tooltip
                formatter={(percent, _name, item) => {
                  const row = item.payload as RuleAdoption;
                  return [
                    `${Number(percent).toFixed(0)}% (${row.passing} of ${
                      row.applicable
                    })`,
                    'Passing',
                  ];
                }}
              />
              <Bar
                dataKey="percent"
                fill={theme.palette.primary.main}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
          {sorted.length > ADOPTION_CHART_TOP && (
            <Button size="small" onClick={() => setShowAll(!showAll)}>
              {showAll
                ? `Show the ${ADOPTION_CHART_TOP} lowest`
                : `Show all ${sorted.length} rules`}
            </Button>
          )}
        </>
      )}
    </InfoCard>
  );
}
