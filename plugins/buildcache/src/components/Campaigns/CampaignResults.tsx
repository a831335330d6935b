import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CampaignServiceResult } from '@buildcache/plugin-buildcache-common';
import { ExternalLink } from '../common/ExternalLink';
import { countOutcomes, OUTCOME_LABELS } from './campaignForm';

const ROWS_PER_PAGE = [25, 100];

/** "2 would create · 1 skipped", as chips. */
export function OutcomeCounts(props: { results: CampaignServiceResult[] }) {
  const counts = countOutcomes(props.results);
  return (
    <Box
      component="ul"
      display="flex"
      flexWrap="wrap"
      p={0}
      m={0}
      style={{ gap: 8, listStyle: 'none' }}
      aria-label="Services per outcome"
    >
      {counts.map(([outcome, count]) => (
        <li key={outcome}>
          <Chip
            size="small"
            variant="outlined"
            color={outcome === 'failed' ? 'secondary' : 'default'}
            label={`${count} ${OUTCOME_LABELS[outcome]}`}
          />
        </li>
      ))}
    </Box>
  );
}

/** One row per service: its outcome, its ticket and why it was skipped or failed. */
export function CampaignResultsTable(props: {
  results: CampaignServiceResult[];
  caption: string;
}) {
  const { results, caption } = props;
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(ROWS_PER_PAGE[0]);
  if (results.length === 0) {
    return null;
  }
  const lastPage = Math.max(0, Math.ceil(results.length / rowsPerPage) - 1);
  const shownPage = Math.min(page, lastPage);
  const rows = results.slice(
    shownPage * rowsPerPage,
    (shownPage + 1) * rowsPerPage,
  );
  return (
    <>
      <Table size="small" aria-label={caption}>
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>Ticket</TableCell>
            <TableCell>Reason</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(result => (
            <TableRow key={result.entityRef}>
              <TableCell style={{ wordBreak: 'break-word' }}>
                <EntityRefLink entityRef={result.entityRef} hideIcon />
              </TableCell>
              <TableCell>{OUTCOME_LABELS[result.outcome]}</TableCell>
              <TableCell>
                {result.ticketUrl ? (
                  <ExternalLink
                    url={result.ticketUrl}
                    label={`Ticket of ${result.entityRef}`}
                  >
                    View
                  </ExternalLink>
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    —
                  </Typography>
                )}
              </TableCell>
              <TableCell style={{ wordBreak: 'break-word' }}>
                {result.reason ?? ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {results.length > ROWS_PER_PAGE[0] && (
        <TablePagination
          component="div"
          count={results.length}
          page={shownPage}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={ROWS_PER_PAGE}
          onPageChange={(_event, next) => setPage(next)}
          onRowsPerPageChange={event => {
            setRowsPerPage(Number(event.target.value));
            setPage(0);
          }}
        />
      )}
    </>
  );
}
