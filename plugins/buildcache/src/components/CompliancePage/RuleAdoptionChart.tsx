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

/** Share of applicable services passing each rule, lowest adoption first. */
export function RuleAdoptionChart(props: { adoption: RuleAdoption[] }) {
  const theme = useTheme();
  const data = [...props.adoption].sort((a, b) => a.percent - b.percent);
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
        </>
      )}
    </InfoCard>
  );
}
