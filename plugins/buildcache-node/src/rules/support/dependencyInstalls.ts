import type { DockerInstruction, DockerStage } from '../../dockerfile/model';
import { packageManagerCallsOf } from '../../dockerfile/runAnalysis';
import type {
  PackageManagerCall,
  PackageManagerId,
} from '../../shell/packageManagers';

/** A dependency install of BC1007's list (the step that should run before the source is copied). */
export interface DependencyInstall {
  manager: PackageManagerId;
  /** Human text, e.g. `npm ci`, `pip install -r`. */
  what: string;
  call: PackageManagerCall;
}

const has = (call: PackageManagerCall, ...flags: string[]) =>
  call.args.some(a =>
    flags.some(f => a.text === f || a.text.startsWith(`${f}=`)),
  );

const NPM_OPTIONS_WITH_VALUE = new Set([
  '--prefix',
  '-w',
  '--workspace',
  '--omit',
  '--include',
  '--registry',
  '--cache',
  '--loglevel',
]);

function npmInstallsManifest(call: PackageManagerCall): boolean {
  if (has(call, '-g', '--global')) return false;
  const sub = call.subcommand ?? '';
  if (sub === 'ci') return true;
  if (!['install', 'i', 'in', 'isntall'].includes(sub)) return false;
  const i = call.args.findIndex(a => a.text === sub);
  for (let k = i + 1; k < call.args.length; k++) {
    const t = call.args[k].text;
    if (NPM_OPTIONS_WITH_VALUE.has(t)) k++;
    else if (!t.startsWith('-')) return false; // `npm install express`: not the manifest
  }
  return true;
}

/**
 * The dependency install of a package-manager call per BC1007's list, or
 * null. `includeFetch` also counts the first step of two-step patterns
 * that BC1007 never flags itself (`pnpm fetch`).
 */
export function dependencyInstallOf(
  call: PackageManagerCall,
  includeFetch = false,
): DependencyInstall | null {
  const sub = call.subcommand;
  const make = (what: string): DependencyInstall => ({
    manager: call.manager,
    what,
    call,
  });
  switch (call.manager) {
    case 'npm':
      return npmInstallsManifest(call) ? make(`npm ${sub}`) : null;
    case 'yarn':
      if (sub === null) return make('yarn');
      return sub === 'install' ? make('yarn install') : null;
    case 'pnpm':
      if ((sub === 'install' || sub === 'i') && !has(call, '-g', '--global'))
        return make(`pnpm ${sub}`);
      return includeFetch && sub === 'fetch' ? make('pnpm fetch') : null;
    case 'pip':
      return sub === 'install' && has(call, '-r', '--requirement')
        ? make('pip install -r')
        : null;
    case 'uv':
      if (sub === 'sync') return make('uv sync');
      if (sub === 'pip sync') return make('uv pip sync');
      return sub === 'pip install' && has(call, '-r', '--requirement')
        ? make('uv pip install -r')
        : null;
    case 'poetry':
      return sub === 'install' ? make('poetry install') : null;
    case 'go':
      return sub === 'mod download' ? make('go mod download') : null;
    case 'bundler':
      return sub === null || sub === 'install' ? make('bundle install') : null;
    case 'composer':
      return sub === 'install' ? make('composer install') : null;
    case 'maven': {
      const goal = call.args.find(a => a.text.startsWith('dependency:'));
      return goal ? make(`mvn ${goal.text}`) : null;
    }
    case 'dotnet':
      return sub === 'restore' ? make('dotnet restore') : null;
    case 'cargo':
      return sub === 'fetch' ? make('cargo fetch') : null;
    default:
      return null;
  }
}

/** The dependency installs of a RUN (one per manager, first wins). */
export function dependencyInstallsOf(
  ins: DockerInstruction,
  includeFetch = false,
): DependencyInstall[] {
  if (ins.keyword !== 'RUN') return [];
  const out: DependencyInstall[] = [];
  for (const call of packageManagerCallsOf(ins)) {
    const dep = dependencyInstallOf(call, includeFetch);
    if (dep && !out.some(d => d.manager === dep.manager)) out.push(dep);
  }
  return out;
}

/** Source and destination words of a COPY/ADD (flags already removed); null for heredocs or unreadable JSON. */
export function copyArguments(ins: DockerInstruction): string[] | null {
  if (ins.heredocs.length > 0) return null;
  const text = ins.arguments.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every(x => typeof x === 'string'))
        return parsed as string[];
    } catch {
      // not JSON: BuildKit reads it as the plain form
    }
  }
  return text.split(/\s+/).filter(Boolean);
}

/** True for `COPY . <dest>` / `ADD . <dest>` of the build context (not `--from`). */
export function isWholeContextCopy(ins: DockerInstruction): boolean {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return false;
  if (ins.flags.some(f => f.name === 'from')) return false;
  const args = copyArguments(ins);
  if (!args || args.length < 2) return false;
  return args
    .slice(0, -1)
    .some(s => s === '.' || s === './' || s === '/' || s === './.');
}

/** The first whole-context COPY/ADD of a stage. */
export function firstWholeContextCopy(
  stage: DockerStage,
): DockerInstruction | undefined {
  return stage.instructions.find(isWholeContextCopy);
}
