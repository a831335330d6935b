import type {
  DockerfileModel,
  DockerInstruction,
  DockerStage,
} from '../../dockerfile/model';
import type { ShellCommand } from '../../shell/parseShell';

export const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';
export const KEEP_CACHE_LINE = `RUN rm -f ${DOCKER_CLEAN}; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`;

const HOOK = /apt\.conf\.d\/(docker-clean|docker-\*|\*)$/;

/** True when a shell command removes, moves away or truncates the docker-clean hook. */
export function commandRemovesDockerClean(c: ShellCommand): boolean {
  const words = c.words.map(w => w.text);
  if (
    (c.program === 'rm' || c.program === 'unlink' || c.program === 'mv') &&
    words.some(w => HOOK.test(w) || w.includes('apt.conf.d/docker-clean'))
  )
    return true;
  if (c.program === 'truncate')
    return words.some(w => w.endsWith('apt.conf.d/docker-clean'));
  // `: > …/docker-clean`, `echo -n > …/docker-clean` (truncating, not `>>`)
  return c.redirects.some(
    r =>
      /^(?:1?>\|?|&>)$/.test(r.op) &&
      !!r.target?.text.endsWith('apt.conf.d/docker-clean'),
  );
}

/** True when the RUN removes (or empties) Debian's docker-clean apt hook. */
export function removesDockerClean(ins: DockerInstruction): boolean {
  return ins.commands.some(commandRemovesDockerClean);
}

/** Stages from `stage` up its FROM chain (itself first). */
export function stageAncestry(
  model: DockerfileModel,
  stage: DockerStage,
): DockerStage[] {
  const out: DockerStage[] = [];
  let current: DockerStage | undefined = stage;
  while (current && !out.includes(current)) {
    out.push(current);
    current =
      current.baseStage !== null ? model.stages[current.baseStage] : undefined;
  }
  return out;
}

/**
 * True when docker-clean is removed before `ins` in its stage or an ancestor
 * stage, or by `ins` itself unless `options.includeSelf` is false.
 */
export function dockerCleanRemovedBefore(
  model: DockerfileModel,
  ins: DockerInstruction,
  options: { includeSelf?: boolean } = {},
): boolean {
  if (ins.stage === null) return false;
  const last = options.includeSelf === false ? ins.index - 1 : ins.index;
  for (const stage of stageAncestry(model, model.stages[ins.stage])) {
    for (const other of stage.instructions) {
      if (other.keyword !== 'RUN') continue;
      if (stage.index === ins.stage && other.index > last) break;
      if (removesDockerClean(other)) return true;
    }
  }
  return false;
}
