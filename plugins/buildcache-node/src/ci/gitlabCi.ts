import { isScalar } from 'yaml';
import { parseShellScript } from '../shell/parseShell';
import { readShellBuilds } from './buildCommands';
import { normalizeCachePath } from './githubJob';
import {
  GitlabPipeline,
  resolveIncludes,
  type Located,
  type RepoLookup,
} from './gitlabPipeline';
import type { ImageBuild, UnresolvedReference } from './model';
import { disablesBuildkit, ShellJobState } from './shellJobState';
import { ShellVariables } from './shellVariables';
import { fromShellBuild, readListOrSeq, scalarLocator } from './yamlInputs';
import {
  getIn,
  nodeRange,
  scalarPositionMapper,
  scalarText,
  seqItems,
} from './yamlDocument';

const RESERVED = new Set([
  'stages',
  'variables',
  'default',
  'include',
  'workflow',
  'image',
  'services',
  'before_script',
  'after_script',
  'cache',
  'types',
  'pages:deploy',
  'spec',
]);

/** Service / image names of a `services:` list or `image:` value. */
function names(at: Located | null): string[] {
  if (at === null) return [];
  const { y } = at.source;
  const one =
    scalarText(y, at.node) ?? scalarText(y, getIn(y, at.node, 'name'));
  if (one !== null) return [one];
  return seqItems(y, at.node)
    .map(s => scalarText(y, s) ?? scalarText(y, getIn(y, s, 'name')))
    .filter((s): s is string => s !== null);
}

/** GitLab.com SaaS runner tags: each job gets a fresh VM. */
const SAAS_TAG = /^saas-(linux|windows|macos)-/;

/** The result of reading one pipeline (a root file and its local includes). */
export interface GitlabPipelineResult {
  builds: ImageBuild[];
  /** Paths of the files read (root and includes), with whether each creates a buildx builder. */
  files: Map<string, boolean>;
  unresolved: UnresolvedReference[];
}

/** The image builds of a GitLab pipeline, following local `include:`, `extends:`, anchors and `!reference`. */
export function readGitlabPipeline(
  rootPath: string,
  lookup: RepoLookup,
): GitlabPipelineResult {
  const { sources, unresolved } = resolveIncludes(rootPath, lookup);
  const pipeline = new GitlabPipeline(sources);
  const files = new Map<string, boolean>(sources.map(s => [s.path, false]));
  const builds: ImageBuild[] = [];
  const defaults = pipeline.definitions('default');
  const global = (key: string): Located | null =>
    pipeline.lookup(defaults, key) ?? pipeline.definitions(key)[0] ?? null;
  for (const name of pipeline.names()) {
    if (RESERVED.has(name) || name.startsWith('.')) continue;
    const fragments = pipeline.chain(name);
    const { y } = fragments[0].source;
    if (!fragments.some(f => getIn(f.source.y, f.node, 'script') !== null))
      continue;
    if (scalarText(y, fragments[0].node) !== null) continue;
    const lookupKey = (key: string) =>
      pipeline.lookup(fragments, key) ??
      (key === 'script' ? null : global(key));
    const services = names(lookupKey('services'));
    const image = names(lookupKey('image'))[0] ?? null;
    const tags = names(pipeline.lookup(fragments, 'tags'));
    const dind = services.some(s => /dind/.test(s));
    const kanikoImage = image !== null && /kaniko/.test(image);
    const saas = tags.length > 0 && tags.every(t => SAAS_TAG.test(t));
    const state = new ShellJobState(null);
    const bk = pipeline.variable(fragments, 'DOCKER_BUILDKIT');
    if (bk && isScalar(bk.node) && disablesBuildkit(String(bk.node.value)))
      state.buildkitDisabled = {
        path: bk.source.path,
        range: nodeRange(bk.source.y, bk.node),
        anchorLine: nodeRange(bk.source.y, bk.node).line,
      };
    const cache = lookupKey('cache');
    const persistedPaths = cache
      ? [
          ...readListOrSeq(
            cache.source.y,
            getIn(cache.source.y, cache.node, 'paths'),
            false,
          ),
          ...seqItems(cache.source.y, cache.node).flatMap(c =>
            readListOrSeq(
              cache.source.y,
              getIn(cache.source.y, c, 'paths'),
              false,
            ),
          ),
        ].map(normalizeCachePath)
      : [];
    const key = pipeline.keyOf(name);
    // before_script and script run in one shell; variables: are its environment
    const variables = new ShellVariables(v => {
      const found = pipeline.variable(fragments, v);
      if (!found) return undefined;
      const { y: vy } = found.source;
      return scalarText(vy, found.node) ?? scalarText(vy, getIn(vy, found.node, 'value'));
    });
    for (const scriptKey of ['before_script', 'script', 'after_script']) {
      for (const entry of pipeline.scriptNodes(lookupKey(scriptKey))) {
        const ey = entry.source.y;
        const script = scalarText(ey, entry.node) ?? '';
        const path = entry.source.path;
        if (/docker\s+buildx\s+create\b[^\n]*--use/.test(script))
          files.set(path, true);
        const anchorLine =
          key && key.source.path === path
            ? nodeRange(key.source.y, key.node).line
            : nodeRange(ey, entry.node).line;
        const toPos = scalarPositionMapper(ey, entry.node);
        const locate = scalarLocator(ey, entry.node, path, anchorLine);
        for (const sb of readShellBuilds(
          parseShellScript(script),
          '',
          state,
          script,
          locate,
          variables,
        )) {
          const ephemeral =
            sb.tool === 'kaniko' || kanikoImage || dind || saas ? true : null;
          const build = fromShellBuild(
            sb,
            {
              path,
              kind: 'gitlab-ci',
              anchorLine,
              job: name,
              linkedDockerfile: null,
            },
            toPos,
            ey.file,
            ephemeral,
          );
          build.persistedPaths = persistedPaths;
          build.mountsPersisted = false;
          build.conditional = false;
          builds.push(build);
        }
      }
    }
  }
  return { builds, files, unresolved };
}
