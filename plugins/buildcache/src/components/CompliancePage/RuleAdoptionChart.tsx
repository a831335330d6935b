import { useState, type CSSProperties } from 'react';
import Button from '@material-ui/core/Button';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
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

const shownList: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: 4,
  listStyle: 'none',
  margin: '0 0 8px',
  padding: 0,
};

function describe(item: RuleAdoption) {
  return `${item.ruleId}: ${item.percent.toFixed(0)}% (${item.passing} of ${
    item.applicable
  })`;
}

/**
 * Share of applicable services passing each rule, lowest adoption first.
 * With `onSelectRule`, a bar (or its button) filters the page by its rule;
 * the selected rule's bar is highlighted and selecting it again clears it.
 */
export function RuleAdoptionChart(props: {
  adoption: RuleAdoption[];
  selectedRuleId?: string;
  onSelectRule?: (ruleId: string) => void;
}) {
  const { selectedRuleId, onSelectRule } = props;
  const theme = useTheme();
  const [showAll, setShowAll] = useState(false);
  // The bars cannot take focus: the same data as buttons, which appear when
  // a keyboard user tabs into them (hidden for pointer users, who click the
  // bars; screen readers read them as a list).
  const [keyboardOpen, setKeyboardOpen] = useState(false);
  const sorted = [...props.adoption]
    // rules that apply to no service say nothing about adoption
    .filter(item => item.applicable > 0)
    .sort((a, b) => a.percent - b.percent || a.ruleId.localeCompare(b.ruleId));
  const top = sorted.slice(0, ADOPTION_CHART_TOP);
  // the selected rule stays in view when it is not among the lowest
  const selected = sorted.find(item => item.ruleId === selectedRuleId);
  let shown = showAll ? sorted : top;
  if (selected && !shown.includes(selected)) shown = [...shown, selected];
  const select = (ruleId: string) =>
    onSelectRule?.(ruleId === selectedRuleId ? '' : ruleId);
  return (
    <InfoCard
      title="Rule adoption"
      subheader={`Share of applicable services with no open finding of the rule${
        onSelectRule ? '; select a rule to filter by it' : ''
      }`}
    >
      {shown.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No adoption data yet: it appears once services have been scanned.
        </Typography>
      ) : (
        <>
          <ul
            aria-label="Rule adoption"
            style={keyboardOpen ? shownList : visuallyHidden}
            onFocus={() => setKeyboardOpen(true)}
            onBlur={event => {
              if (!event.currentTarget.contains(event.relatedTarget)) {
                setKeyboardOpen(false);
              }
            }}
          >
            {shown.map(item => (
              <li key={item.ruleId}>
                {onSelectRule ? (
                  <Button
                    size="small"
                    variant="outlined"
                    aria-pressed={item.ruleId === selectedRuleId}
                    onClick={() => select(item.ruleId)}
                  >
                    {describe(item)}
                  </Button>
                ) : (
                  describe(item)
                )}
              </li>
            ))}
          </ul>
          <ResponsiveContainer
            width="100%"
            height={Math.max(160, shown.length * 28 + 40)}
          >
            <BarChart
              data={shown}
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
                cursor={onSelectRule ? 'pointer' : undefined}
                onClick={
                  onSelectRule
                    ? (item: { payload?: RuleAdoption }) => {
                        if (item.payload) select(item.payload.ruleId);
                      }
                    : undefined
                }
              >
                {shown.map(item => (
                  <Cell
                    key={item.ruleId}
                    fill={
                      item.ruleId === selectedRuleId
                        ? theme.palette.secondary.main
                        : theme.palette.primary.main
                    }
                  />
                ))}
              </Bar>
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
