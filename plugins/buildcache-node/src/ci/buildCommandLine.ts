import type { ImageBuildFact } from '@buildcache/plugin-buildcache-common';
import type { ShellCommand, ShellWord } from '../shell/parseShell';

/** Options of docker/buildx/buildctl/kaniko/buildah builds that take a value. */
export const DOCKER_BUILD_VALUE_OPTIONS = new Set([
  '-f',
  '--file',
  '-t',
  '--tag',
  '--target',
  '--cache-from',
  '--cache-to',
  '--build-arg',
  '--platform',
  '--builder',
  '-o',
  '--output',
  '--secret',
  '--ssh',
  '--label',
  '--network',
  '--progress',
  '--iidfile',
  '--metadata-file',
  '--add-host',
  '--build-context',
  '--allow',
  '--attest',
  '--annotation',
  '--shm-size',
  '--ulimit',
  '--cgroup-parent',
  '--call',
  '-m',
  '--memory',
  '--memory-swap',
  '--cpu-shares',
  '--cpuset-cpus',
  '--cpu-period',
  '--cpu-quota',
  '--isolation',
  '--no-cache-filter',
  '--security-opt',
  '--config',
  '--context',
  '-c',
  '--log-level',
  // buildctl / kaniko / buildah
  '--frontend',
  '--local',
  '--opt',
  '--export-cache',
  '--import-cache',
  '--destination',
  '--dockerfile',
  '--cache-repo',
  '--cache-dir',
  '--set',
  '--cache-ttl',
  '--format',
]);

/** Normalises `--opt=value` / `--opt value` into pairs and operands. */
export function readOptions(
  args: ShellWord[],
  valueOptions: ReadonlySet<string>,
) {
  const options: { name: string; value: string | null; word: ShellWord }[] = [];
  const operands: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i].text;
    if (t.startsWith('-') && t.length > 1) {
      const eq = t.indexOf('=');
      if (t.startsWith('--') && eq > 0) {
        options.push({
          name: t.slice(0, eq),
          value: t.slice(eq + 1),
          word: args[i],
        });
      } else if (valueOptions.has(t) && i + 1 < args.length) {
        options.push({ name: t, value: args[i + 1].text, word: args[i + 1] });
        i++;
      } else options.push({ name: t, value: null, word: args[i] });
    } else operands.push(args[i]);
  }
  return { options, operands };
}

/** The build tool and its arguments when `cmd` runs an image build. */
export function isBuildCommand(
  cmd: ShellCommand,
): { tool: ImageBuildFact['tool']; args: ShellWord[] } | null {
  const w = cmd.words;
  const p = cmd.program;
  if (!p) return null;
  const t = (i: number) => w[i]?.text;
  if (p === 'docker' || p === 'podman') {
    // global options such as `--context x` / `-H host` before the subcommand
    let i = 1;
    while (i < w.length && w[i].text.startsWith('-'))
      i += /^(-H|--host|-c|--context|--config|-l|--log-level)$/.test(w[i].text)
        ? 2
        : 1;
    if (
      t(i) === 'build' ||
      (t(i) === 'image' && t(i + 1) === 'build') ||
      (t(i) === 'builder' && t(i + 1) === 'build')
    ) {
      return {
        tool: 'docker-build',
        args: w.slice(t(i) === 'build' ? i + 1 : i + 2),
      };
    }
    if (t(i) === 'buildx') {
      let j = i + 1;
      while (j < w.length && w[j].text.startsWith('-'))
        j += /^(--builder)$/.test(w[j].text) ? 2 : 1;
      if (t(j) === 'build' || t(j) === 'b')
        return { tool: 'buildx-build', args: w.slice(j + 1) };
      if (t(j) === 'bake') return { tool: 'buildx-bake', args: w.slice(j + 1) };
    }
    return null;
  }
  if (p === 'buildctl' || p === 'buildctl-daemonless.sh') {
    const i = w.findIndex(x => x.text === 'build');
    return i > 0 ? { tool: 'buildctl', args: w.slice(i + 1) } : null;
  }
  if (p === 'executor' && w[0].text.includes('kaniko'))
    return { tool: 'kaniko', args: w.slice(1) };
  if (p === 'buildah' && (t(1) === 'bud' || t(1) === 'build'))
    return { tool: 'buildah', args: w.slice(2) };
  return null;
}
