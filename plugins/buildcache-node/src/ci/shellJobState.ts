import type { ShellCommand, ShellWord } from '../shell/parseShell';
import type { BuilderSetup, SettingLocation, VersionPin } from './model';

/** Maps `[start, end)` offsets of the current script to a location in the file. */
export type ScriptLocator = (start: number, end: number) => SettingLocation;

const FALSE_VALUES = new Set(['0', 'false', 'FALSE', 'False', 'no', 'off']);

/** True when a `DOCKER_BUILDKIT` value turns BuildKit off. */
export function disablesBuildkit(value: string): boolean {
  return FALSE_VALUES.has(value.trim().replace(/^['"]|['"]$/g, ''));
}

/**
 * What earlier commands of a CI job did that later image builds depend on:
 * the builder set up with `docker buildx create --use` (or an action), and
 * `DOCKER_BUILDKIT` exported in the job. Carried across the steps of a job.
 */
export class ShellJobState {
  /** null: nothing set up (default docker driver); undefined: unknown. */
  builder: BuilderSetup | null | undefined;
  buildkitDisabled: SettingLocation | null = null;
  private readonly created = new Map<string, BuilderSetup>();

  constructor(builder: BuilderSetup | null | undefined = null) {
    this.builder = builder;
  }

  /** Records what a non-build command changes; `locate` maps offsets of the current script. */
  observe(cmd: ShellCommand, locate: ScriptLocator): void {
    const w = cmd.words;
    if (cmd.program === 'export') {
      for (const word of w.slice(1)) this.assign(word.text, word, locate);
      return;
    }
    if (cmd.program === 'unset' && w.some(x => x.text === 'DOCKER_BUILDKIT')) {
      this.buildkitDisabled = null;
      return;
    }
    if (cmd.program !== 'docker' || w[1]?.text !== 'buildx') return;
    const sub = w[2]?.text;
    if (sub === 'create') this.create(w.slice(3), locate);
    else if (sub === 'use') {
      const name = w.slice(3).find(x => !x.text.startsWith('-'))?.text;
      if (name === 'default') this.builder = null;
      else this.builder = name ? this.created.get(name) : undefined;
    }
  }

  /** The `DOCKER_BUILDKIT` setting in effect for a command (its own prefix assignment first). */
  buildkitFor(
    cmd: ShellCommand,
    script: string,
    locate: ScriptLocator,
  ): SettingLocation | null {
    const own = cmd.assignments.find(a => a.name === 'DOCKER_BUILDKIT');
    if (!own) return this.buildkitDisabled;
    if (!disablesBuildkit(own.value)) return null;
    const at = script.indexOf('DOCKER_BUILDKIT=', Math.max(0, cmd.start - 1));
    const start = at >= 0 && at < cmd.end ? at : cmd.start;
    const text = `DOCKER_BUILDKIT=${own.value}`;
    return locate(start, start + text.length);
  }

  private assign(text: string, word: ShellWord, locate: ScriptLocator): void {
    const m = /^DOCKER_BUILDKIT=(.*)$/s.exec(text);
    if (!m) return;
    this.buildkitDisabled = disablesBuildkit(m[1])
      ? locate(word.start, word.end)
      : null;
  }

  private create(args: ShellWord[], locate: ScriptLocator): void {
    let driver = 'docker-container';
    let name: string | null = null;
    let use = false;
    let image: VersionPin | null = null;
    for (let i = 0; i < args.length; i++) {
      const t = args[i].text;
      const eq = t.startsWith('--') ? t.indexOf('=') : -1;
      const opt = eq > 0 ? t.slice(0, eq) : t;
      const inline = eq > 0 ? t.slice(eq + 1) : null;
      const valueWord = inline === null ? args[i + 1] : args[i];
      const value = inline ?? args[i + 1]?.text ?? null;
      const takesValue =
        /^(--driver|--name|--driver-opt|--platform|--buildkitd-flags|--buildkitd-config|--config|--node|--endpoint)$/.test(
          opt,
        );
      if (opt === '--use') use = true;
      else if (opt === '--driver' && value) driver = value;
      else if (opt === '--name' && value) name = value;
      else if (opt === '--driver-opt' && value && valueWord) {
        const m = /(?:^|,)image=([^,\s]+)/.exec(value);
        if (m) {
          const within = valueWord.text.indexOf(m[1]);
          const loc = locate(
            valueWord.start + Math.max(within, 0) + (valueWord.quoted ? 1 : 0),
            valueWord.start +
              Math.max(within, 0) +
              (valueWord.quoted ? 1 : 0) +
              m[1].length,
          );
          image = { value: m[1], ...loc };
        }
      }
      if (takesValue && inline === null) i++;
    }
    const setup: BuilderSetup = {
      driver,
      buildkitImage: image,
      buildxVersion: null,
    };
    if (name) this.created.set(name, setup);
    if (use) this.builder = setup;
  }
}

/** Compares dotted versions (`v0.12.5`, `28.0`); null when either is not a plain version. */
export function compareVersions(a: string, b: string): number | null {
  const parse = (v: string) => {
    const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(v.trim());
    return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
  };
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return null;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** The version tag of a `moby/buildkit:<tag>` image reference; null when not a BuildKit image or untagged. */
export function buildkitImageVersion(image: string): string | null {
  const m = /^(?:docker\.io\/)?moby\/buildkit:([^@\s]+)/.exec(image.trim());
  if (!m) return null;
  return /^v?\d+\.\d+/.test(m[1]) ? m[1].replace(/-rootless$/, '') : null;
}
