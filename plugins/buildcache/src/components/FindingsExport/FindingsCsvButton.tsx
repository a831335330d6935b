import { useState } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { buildcacheApiRef, type FindingsExportQuery } from '../../api';
import { downloadBlob } from '../CompliancePage/CsvExportButton';
import { errorMessage } from '../common/errorMessage';

/** Props of {@link FindingsCsvButton}. @public */
export interface FindingsCsvButtonProps {
  /**
   * The services whose findings are exported: the compliance page's filters
   * (owner, system, level, ruleId, q). With `ruleId`, only that rule's
   * findings. Empty: every service.
   */
  filter?: FindingsExportQuery;
  /** The button's text (default "Export findings"). */
  label?: string;
}

/**
 * Downloads one CSV row per finding of the filtered services' current
 * results: service, owner, system, rule, file, line, severity and state.
 * @public
 */
export function FindingsCsvButton(props: FindingsCsvButtonProps) {
  const { filter = {}, label = 'Export findings' } = props;
  const api = useApi(buildcacheApiRef);
  const alertApi = useApi(alertApiRef);
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const blob = await api.exportFindingsCsv(filter);
      const date = new Date().toISOString().slice(0, 10);
      downloadBlob(blob, `buildcache-findings-${date}.csv`);
    } catch (e) {
      alertApi.post({
        message: `Findings export failed: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button
      variant="outlined"
      color="primary"
      onClick={exportCsv}
      disabled={exporting}
      aria-label={`${label} as CSV`}
      startIcon={
        exporting ? <CircularProgress size={16} aria-hidden /> : <GetAppIcon />
      }
    >
      {label}
    </Button>
  );
}
