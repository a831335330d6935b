import { useState } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { errorMessage } from './errorMessage';

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

/**
 * A button downloading a CSV export as `<fileStem>-<date>.csv`; a failure
 * is reported (`<what> failed: …`) so the user can try again.
 */
export function CsvDownloadButton(props: {
  label: string;
  /** Accessible name when the label alone is ambiguous. */
  ariaLabel?: string;
  fileStem: string;
  what: string;
  fetchCsv: () => Promise<Blob>;
}) {
  const alertApi = useApi(alertApiRef);
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const blob = await props.fetchCsv();
      const date = new Date().toISOString().slice(0, 10);
      downloadBlob(blob, `${props.fileStem}-${date}.csv`);
    } catch (e) {
      alertApi.post({
        message: `${props.what} failed: ${errorMessage(e)}`,
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
      aria-label={props.ariaLabel}
      startIcon={
        exporting ? <CircularProgress size={16} aria-hidden /> : <GetAppIcon />
      }
    >
      {props.label}
    </Button>
  );
}
