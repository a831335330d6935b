import type {
  DockerfileModel,
  DockerInstruction,
  DockerStage,
} from '../../dockerfile/model';
import type { ShellCommand } from '../../shell/parseShell';

export const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';
export const KEEP_CACHE_LINE = `RUN rm -f ${DOCKER_CLEAN}; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`;
/** The same through sudo, for a stage whose apt runs as a non-root user with `sudo`. */
export const SUDO_KEEP_CACHE_LINE = `RUN sudo rm -f ${DOCKER_CLEAN}; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' | sudo tee /etc/apt/apt.conf.d/keep-cache > /dev/null`;

const ROOT_USERS = new Set(['root', '0']);

/**
 * The line that removes docker-clean before the apt RUN `ins`, written so
 * the user that RUN executes as can write /etc/apt/apt.conf.d: as is when
 * apt runs without sudo (it can only succeed as root then, whatever the
 * user is known to be), through sudo when apt runs through sudo. A reason
 * instead when apt runs without sudo as a user known not to be root: no
 * mechanical line is safe there.
 */
export function keepCacheLineFor(
  ins: DockerInstruction,
  aptCall: { command: ShellCommand },
): { line: string } | { reason: string } {
  if (aptCall.command.switchesUser) return { line: SUDO_KEEP_CACHE_LINE };
  if (ins.user !== null && !ROOT_USERS.has(ins.user))
    return {
      reason: `this RUN executes as user ${ins.user}, who cannot write /etc/apt/apt.conf.d (apt runs without sudo here)`,
    };
  return { line: KEEP_CACHE_LINE };
}

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
