import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import type {
  RuleInfo,
  ScorecardFile,
  ScorecardFinding,
  Severity,
  Ticket,
} from '@buildcache/plugin-buildcache-common';
import { CombinedFixPanel } from './CombinedFixPanel';
import { FindingItem } from './FindingItem';
import { useSourceLink } from '../common/pageLinks';
import type { WaiverScope } from './WaiverActions';

const SEVERITY_ORDER: Record<Severity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

/** Counting findings first, then by severity, then by line. */
function compareFindings(a: ScorecardFinding, b: ScorecardFinding): number {
  const exemptA = a.suppressed || a.waiver !== null ? 1 : 0;
  const exemptB = b.suppressed || b.waiver !== null ? 1 : 0;
  return (
    exemptA - exemptB ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.line - b.line ||
    a.column - b.column
  );
}

export function groupFindingsByFile(
  findings: ScorecardFinding[],
): Array<[string, ScorecardFinding[]]> {
  const byPath = new Map<string, ScorecardFinding[]>();
  for (const finding of findings) {
    const group = byPath.get(finding.path) ?? [];
    group.push(finding);
    byPath.set(finding.path, group);
  }
  return [...byPath.entries()]
    .map(([path, group]): [string, ScorecardFinding[]] => [
      path,
      [...group].sort(compareFindings),
    ])
    .sort(([a], [b]) => a.localeCompare(b));
}

/** One card per file, listing its findings. */
export function FindingsByFile(props: {
  findings: ScorecardFinding[];
  files: ScorecardFile[];
  rules: Map<string, RuleInfo>;
  waivers?: { scope: WaiverScope; onChanged: () => void };
  /** The service's tickets, shown beside the findings they cover. */
  tickets?: Ticket[];
  /** The service, for links to the portal's source view. */
  entity?: { kind: string; namespace: string; name: string };
}) {
  const filesByPath = new Map(props.files.map(file => [file.path, file]));
  const sourceView = useSourceLink();
  const { entity } = props;
  const sourceLink =
    sourceView && entity
      ? (path: string, line?: number) => sourceView(entity, path, line)
      : undefined;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      {groupFindingsByFile(props.findings).map(([path, findings]) => {
        const url = filesByPath.get(path)?.url ?? sourceLink?.(path);
        const combinedFix = filesByPath.get(path)?.combinedFix ?? null;
        const active = findings.filter(f => !f.suppressed && !f.waiver).length;
        return (
          <InfoCard
            key={path}
            title={
              <Typography
                variant="h6"
                component="h3"
                style={{ fontFamily: 'monospace' }}
              >
                {url ? <Link to={url}>{path}</Link> : path}
              </Typography>
            }
            subheader={`${findings.length} finding${
              findings.length === 1 ? '' : 's'
            }, ${active} counting towards the score`}
          >
            {combinedFix && <CombinedFixPanel path={path} fix={combinedFix} />}
            {findings.map(finding => (
              <FindingItem
                key={`${finding.ruleId}:${finding.line}:${finding.column}`}
                finding={finding}
                rule={props.rules.get(finding.ruleId)}
                waivers={props.waivers}
                tickets={props.tickets}
                sourceLink={sourceLink}
              />
            ))}
          </InfoCard>
        );
      })}
    </Box>
  );
}
