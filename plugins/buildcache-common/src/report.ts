/**
 * The analyzer's report, as specified in shared/spec/report-format.md (v1).
 * Shared by the analyzer (CLI, backend) and the frontend.
 */

/** @public */
export type Severity = 'error' | 'warning' | 'info';

/** @public */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** @public */
export type Level = 'Gold' | 'Silver' | 'Bronze' | 'None' | 'NotApplicable';

/** @public */
export const LEVELS: readonly Level[] = [
  'Gold',
  'Silver',
  'Bronze',
  'None',
  'NotApplicable',
];

/**
 * The lowest score of each scored level (Gold also needs no error finding;
 * below Bronze is None). @public
 */
export const LEVEL_MIN_SCORE = { Gold: 90, Silver: 70, Bronze: 40 } as const;

/** @public */
export type FileKind =
  | 'dockerfile'
  | 'github-actions'
  | 'gitlab-ci'
  | 'circleci'
  | 'jenkinsfile'
  | 'bake'
  | 'compose';

/** @public */
export interface StageFact {
  name: string | null;
  line: number;
  baseImage: string;
}

/** @public */
export interface CacheMountFact {
  line: number;
  target: string;
  id: string | null;
  sharing: string | null;
  uid: string | null;
  stage: number;
}

/** @public */
export interface DockerfileFacts {
  syntaxDirective: string | null;
  stages: StageFact[];
  cacheMounts: CacheMountFact[];
  packageManagers: string[];
}

/** @public */
export interface CacheSpec {
  type: string;
  mode?: 'min' | 'max';
  params: Record<string, string>;
}

/** @public */
export interface ImageBuildFact {
  line: number;
  tool:
    | 'build-push-action'
    | 'bake-action'
    | 'docker-build'
    | 'buildx-build'
    | 'buildx-bake'
    | 'buildctl'
    | 'kaniko'
    | 'buildah'
    | 'compose'
    | 'circleci-dlc';
  dockerfile: string | null;
  cacheFrom: CacheSpec[];
  cacheTo: CacheSpec[];
}

/** @public */
export interface CiFacts {
  imageBuilds: ImageBuildFact[];
  usesSetupBuildx: boolean;
}

/** @public */
export interface AnalyzedFile {
  path: string;
  kind: FileKind;
  facts: DockerfileFacts | CiFacts | Record<string, never>;
}

/** @public */
export interface FindingFix {
  description: string;
  /** Unified diff against `path`, or null when the fix is not mechanical. */
  diff: string | null;
}

/** @public */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suppressed: boolean;
  /** The pragma's reason when `suppressed` is true. */
  suppressionReason?: string;
  fix: FindingFix | null;
}

/** @public */
export interface Score {
  value: number;
  level: Level;
}

/** @public */
export interface Report {
  version: 1;
  tool: { name: 'buildcache'; version: string };
  root: string;
  files: AnalyzedFile[];
  findings: Finding[];
  score: Score;
}

/** Rule metadata, the source of the generated rule docs. @public */
/**
 * What a rule looks at: a Dockerfile, a CI/build configuration (workflows,
 * GitLab CI, bake, compose…), or the analysis itself (unreadable or skipped
 * files). Decides which services a rule applies to and how SARIF tags it.
 * @public
 */
export type RuleTarget = 'dockerfile' | 'build-config' | 'analysis';

/** @public */
export interface RuleMetadata {
  id: string;
  /** What the rule looks at; never inferred from the id. */
  target: RuleTarget;
  name: string;
  severity: Severity;
  summary: string;
  rationale: string;
  recommendedFix: string;
  sources: string[];
}
