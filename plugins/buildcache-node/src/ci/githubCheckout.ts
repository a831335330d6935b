import type { Node } from 'yaml';
import { normalizeRepoPath } from '../model/text';
import type { ShellBuild } from './buildCommands';
import { getIn, scalarText, type YamlSource } from './yamlDocument';

const OWN_REPOSITORY = /^\$\{\{\s*github\.repository\s*\}\}$/;

/**
 * Where a job checks this repository out, relative to the workspace: `''`
 * for the workspace itself (actions/checkout's default, and when the job has
 * no checkout step), null when unknown (an expression, or two checkouts of
 * this repository in different places). A checkout of another repository
 * (`repository:` set to something else) is not this repository.
 */
export function checkoutPathOf(y: YamlSource, steps: Node[]): string | null {
  const paths = new Set<string | null>();
  for (const step of steps) {
    const uses = scalarText(y, getIn(y, step, 'uses')) ?? '';
    if (!/^actions\/checkout@/.test(uses)) continue;
    const w = getIn(y, step, 'with');
    const repository = scalarText(y, getIn(y, w, 'repository'));
    if (repository !== null && !OWN_REPOSITORY.test(repository.trim()))
      continue;
    const path = scalarText(y, getIn(y, w, 'path'));
    if (path === null) paths.add('');
    else if (path.includes('${{') || path.startsWith('/')) paths.add(null);
    else paths.add(normalizeRepoPath(path));
  }
  if (paths.size === 0) return '';
  return paths.size === 1 ? [...paths][0] : null;
}

/**
 * A workspace-relative path as a path in the repository checked out at
 * `checkout`: the checkout path is where the repository lives on the runner,
 * not part of the repository. Null when the path is unknown, or lies outside
 * the checkout.
 */
export function workspaceToRepo(
  path: string | null,
  checkout: string | null,
): string | null {
  if (path === null || checkout === null) return null;
  if (checkout === '') return path;
  if (path === checkout) return '';
  return path.startsWith(`${checkout}/`)
    ? path.slice(checkout.length + 1)
    : null;
}

/** A shell build's workspace paths made repository paths (see {@link workspaceToRepo}). */
export function relocateShellBuild(
  build: ShellBuild,
  checkout: string | null,
): ShellBuild {
  if (checkout === '') return build;
  const bake = build.bake && {
    ...build.bake,
    cwd: workspaceToRepo(build.bake.cwd, checkout),
    // an entry that does not resolve keeps a form no repository path has
    files:
      build.bake.files?.map(f => workspaceToRepo(f, checkout) ?? `../${f}`) ??
      null,
  };
  return {
    ...build,
    dockerfile: workspaceToRepo(build.dockerfile, checkout),
    context: workspaceToRepo(build.context, checkout),
    bake,
  };
}
