import { useApi } from '@backstage/core-plugin-api';
import { buildcacheApiRef, type ComplianceServicesFilter } from '../../api';
import { CsvDownloadButton } from '../common/CsvDownloadButton';

/** Downloads the services matching the current filters (all pages) as CSV. */
export function CsvExportButton(props: { filter: ComplianceServicesFilter }) {
  const api = useApi(buildcacheApiRef);
  return (
    <CsvDownloadButton
      label="Export CSV"
      ariaLabel="Export CSV of the services"
      fileStem="buildcache-compliance"
      what="CSV export"
      fetchCsv={() => api.exportComplianceServicesCsv(props.filter)}
    />
  );
}
