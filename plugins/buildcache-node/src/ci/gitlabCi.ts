import type { Node } from 'yaml';
import { parseShellScript } from '../shell/parseShell';
import { readShellBuilds } from './buildCommands';
import { fromShellBuild } from './githubActions';
import type { ImageBuild } from './model';
import {
  getIn,
  mapEntries,
  nodeRange,
  scalarPositionMapper,
  scalarText,
  seqItems,
  type YamlSource,
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
]);

function serviceNames(y: YamlSource, node: Node | null): string[] {
  return seqItems(y, node)
    .map(s => scalarText(y, s) ?? scalarText(y, getIn(y, s, 'name')))
    .filter((s): s is string => s !== null);
}

function imageName(y: YamlSource, node: Node | null): string | null {
  return scalarText(y, node) ?? scalarText(y, getIn(y, node, 'name'));
}

/** Script lines of a job key: a string, or a (possibly nested) list of strings. */
function scriptNodes(y: YamlSource, node: Node | null, depth = 0): Node[] {
  if (node === null || depth > 4) return [];
  if (scalarText(y, node) !== null) return [node];
  return seqItems(y, node).flatMap(n => scriptNodes(y, n, depth + 1));
}

/** The image builds of a GitLab CI file (local `include:`/`extends:` come in a later step). */
export function readGitlabCi(
  y: YamlSource,
  path: string,
): { builds: ImageBuild[]; usesSetupBuildx: boolean } {
  const root = y.doc.contents;
  const defaults = getIn(y, root, 'default');
  const globalServices = [
    ...serviceNames(y, getIn(y, root, 'services')),
    ...serviceNames(y, getIn(y, defaults, 'services')),
  ];
  const globalImage =
    imageName(y, getIn(y, defaults, 'image')) ??
    imageName(y, getIn(y, root, 'image'));
  const builds: ImageBuild[] = [];
  let usesSetupBuildx = false;
  for (const [name, job, keyNode] of mapEntries(y, root)) {
    if (RESERVED.has(name) || name.startsWith('.') || job === null) continue;
    if (getIn(y, job, 'script') === null && getIn(y, job, 'trigger') !== null)
      continue;
    const jobServices = getIn(y, job, 'services');
    const services = jobServices
      ? serviceNames(y, jobServices)
      : globalServices;
    const image = imageName(y, getIn(y, job, 'image')) ?? globalImage;
    const dind = services.some(s => /docker.*dind|dind/.test(s));
    const kanikoImage = image !== null && /kaniko/.test(image);
    const anchorLine = nodeRange(y, keyNode).line;
    for (const key of ['before_script', 'script', 'after_script']) {
      const source =
        getIn(y, job, key) ??
        (key === 'script' ? null : getIn(y, defaults, key));
      for (const node of scriptNodes(y, source)) {
        const script = scalarText(y, node) ?? '';
        if (/docker\s+buildx\s+create\b[^\n]*--use/.test(script))
          usesSetupBuildx = true;
        const toPos = scalarPositionMapper(y, node);
        for (const sb of readShellBuilds(parseShellScript(script), '')) {
          const ephemeral =
            sb.tool === 'kaniko' || kanikoImage || dind ? true : null;
          builds.push(
            fromShellBuild(
              sb,
              {
                path,
                kind: 'gitlab-ci',
                anchorLine,
                job: name,
                linkedDockerfile: null,
              },
              toPos,
              y,
              ephemeral,
            ),
          );
        }
      }
    }
  }
  return { builds, usesSetupBuildx };
}
