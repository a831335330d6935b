/**
 * The buildcache analyzer: parsers, rules, scoring, the CLI and the
 * `buildcache.rules` extension point.
 *
 * @packageDocumentation
 */
export type { RepoFile } from './input/repoFile';
export { isAnalyzerCandidate, classifyFile } from './input/candidates';
export type { SkippedFile, SkipReason } from './input/decodeFile';
export { readRepositoryFiles } from './input/readRepositoryFiles';
export type {
  ReadRepositoryOptions,
  RepositoryFiles,
} from './input/readRepositoryFiles';
export { analyzeFiles } from './engine/analyzeFiles';
export type { AnalyzeOptions, RuleConfig } from './engine/analyzeFiles';
export { combineFixes } from './engine/combineFixes';
export type {
  CombinedFixes,
  CombineOptions,
  FilePatch,
} from './engine/combineFixes';
export { analyzeRepository } from './engine/analyzeRepository';
export { AnalysisPool } from './workers/AnalysisPool';
export { serveAnalysisWorker } from './workers/analysisWorker';
export type {
  WorkerAnalysis,
  WorkerAnalyzeOptions,
} from './workers/analysisRequest';
export type { RepositoryAnalysis } from './engine/analyzeRepository';
export type {
  Rule,
  RuleMeta,
  RuleContext,
  RuleFinding,
  ReportOptions,
  TextEdit,
  AnalysisProblem,
} from './engine/ruleTypes';
export type { IgnorePragma } from './engine/pragmas';
export { createRuleRegistry } from './engine/registry';
export type { RuleRegistry } from './engine/registry';
export {
  computeScore,
  levelOf,
  DEFAULT_SEVERITY_WEIGHTS,
} from './engine/scoring';
export { defaultRules, coreRules } from './rules';
export { renderRuleDoc, builtInRuleExample } from './docs/renderRuleDoc';
export type { RuleExample } from './docs/ruleExamples';
export { buildcacheRulesExtensionPoint } from './extensions';
export type { BuildcacheRulesExtensionPoint } from './extensions';
export { ANALYZER_VERSION } from './version';
// Models handed to rules
export type { SourceRange } from './model/text';
export { TextFile } from './model/text';
export type {
  DockerfileModel,
  DockerInstruction,
  DockerStage,
  StageDependency,
  InstructionFlag,
  HeredocModel,
  ParserDirectiveModel,
} from './dockerfile/model';
export type { MountSpec, MountOption } from './dockerfile/mountSpec';
export type { VariableScope } from './dockerfile/variables';
export { expandVariables } from './dockerfile/variables';
export { stagesInBuildGraph } from './dockerfile/stageGraph';
export {
  cacheMountsOf,
  packageManagerCallsOf,
  cacheEnvironmentOf,
  resolveMountTarget,
} from './dockerfile/runAnalysis';
export type { ResolvedCacheMount } from './dockerfile/runAnalysis';
export type { ShellCommand, ShellWord } from './shell/parseShell';
export { parseShellScript } from './shell/parseShell';
export type {
  PackageManagerCall,
  PackageManagerId,
} from './shell/packageManagers';
export {
  cacheDirectoriesFor,
  mountCoversDirectory,
} from './shell/cacheDirectories';
export type {
  CacheDirectories,
  CacheEnvironment,
} from './shell/cacheDirectories';
export type {
  ImageBuild,
  CiConfigModel,
  CacheSpecModel,
  YamlInsertionPoint,
  BuilderSetup,
  BakeInvocation,
  SettingLocation,
  VersionPin,
  UnresolvedReference,
  MatrixVariant,
  MatrixValues,
} from './ci/model';
export { formatSarif } from './sarif/formatSarif';
export type { SarifOptions } from './sarif/formatSarif';
export { runCli } from './cli/runCli';
export type { CliIo } from './cli/runCli';
