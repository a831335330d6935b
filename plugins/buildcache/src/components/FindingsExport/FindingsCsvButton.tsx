import { useApi } from '@backstage/core-plugin-api';
import { buildcacheApiRef, type FindingsExportQuery } from '../../api';
import { CsvDownloadButton } from '../common/CsvDownloadButton';

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
  return (
    <CsvDownloadButton
      label={label}
      ariaLabel={`${label} as CSV`}
      fileStem="buildcache-findings"
      what="Findings export"
      fetchCsv={() => api.exportFindingsCsv(filter)}
    />
  );
}
