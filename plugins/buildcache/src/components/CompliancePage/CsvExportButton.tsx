import { useState } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { buildcacheApiRef, type ComplianceServicesFilter } from '../../api';

/** Saves a Blob under a file name through a temporary object URL. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    anchor.style.display = 'none';
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Downloads the services matching the current filters (all pages) as CSV. */
export function CsvExportButton(props: { filter: ComplianceServicesFilter }) {
  const api = useApi(buildcacheApiRef);
  const alertApi = useApi(alertApiRef);
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const blob = await api.exportComplianceServicesCsv(props.filter);
      const date = new Date().toISOString().slice(0, 10);
      downloadBlob(blob, `buildcache-compliance-${date}.csv`);
    } catch (e) {
      alertApi.post({
        message: `CSV export failed: ${
          e instanceof Error ? e.message : String(e)
        }`,
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
      startIcon={
        exporting ? <CircularProgress size={16} aria-hidden /> : <GetAppIcon />
      }
    >
      Export CSV
    </Button>
  );
}
