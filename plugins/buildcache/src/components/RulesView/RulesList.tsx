import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  EmptyState,
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { buildcacheApiRef } from '../../api';
import { InlineCode } from '../common/InlineCode';
import { SeverityChip } from '../common/SeverityChip';

/**
 * Every rule with its documentation. The docs are markdown from buildcache's
 * own rule metadata (not repository content), rendered by MarkdownContent.
 */
export function RulesList() {
  const api = useApi(buildcacheApiRef);
  const {
    value: rules,
    loading,
    error,
  } = useAsync(() => api.listRules(), [api]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not load the rules" />
    );
  }
  if (!rules || rules.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No rules"
        description="The buildcache backend reported no rules."
      />
    );
  }
  return (
    <Box>
      {rules.map(rule => (
        <Accordion key={rule.id} TransitionProps={{ unmountOnExit: true }}>
          <AccordionSummary
            expandIcon={<ExpandMoreIcon />}
            aria-controls={`rule-${rule.id}-docs`}
            id={`rule-${rule.id}-summary`}
          >
            <Box
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              style={{ gap: 8 }}
            >
              <SeverityChip severity={rule.severity} />
              <Typography variant="subtitle2" component="span">
                {rule.id} {rule.name}
              </Typography>
              <Typography
                variant="body2"
                color="textSecondary"
                component="span"
              >
                <InlineCode text={rule.summary} />
              </Typography>
            </Box>
          </AccordionSummary>
          <AccordionDetails id={`rule-${rule.id}-docs`}>
            <Box width="100%">
              <MarkdownContent content={rule.docs} />
            </Box>
          </AccordionDetails>
        </Accordion>
      ))}
    </Box>
  );
}
