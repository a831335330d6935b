import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ScmSimulator, SeedRepository, startScmSimulator } from './simulator';
import { isValidRepositoryName } from './store/paths';
import { seedFromDirectory } from './store/seed';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliOptions {
  port: number;
  gitlabPort?: number;
  seedDir?: string;
  owner: string;
  token?: string;
  rateLimit?: number;
  help: boolean;
}

export class CliUsageError extends Error {}

export const USAGE = `Usage: scm-simulator [options]

Serves a GitHub (REST v3, /api/v3) and GitLab (REST v4, /api/v4) API
simulator on 127.0.0.1, backed by an in-memory store.

Options:
  --port <n>          port to listen on (default 7070; 0 picks a free one)
  --gitlab-port <n>   also listen on this port and use it for GitLab URLs
  --seed-dir <dir>    each subfolder of <dir> becomes repository <owner>/<folder>
  --owner <name>      owner of the seeded repositories (default acme)
  --token <t>         require this token on API requests
  --rate-limit <n>    GitHub requests per hour before 403 (default 1000000)
  --help              show this help
`;

const VALUE_FLAGS = [
  '--port',
  '--gitlab-port',
  '--seed-dir',
  '--owner',
  '--token',
  '--rate-limit',
];

function portOf(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new CliUsageError(
      `${flag} expects a port number (0-65535), got '${value}'`,
    );
  }
  return Number(value);
}

export function parseCliArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 7070, owner: 'acme', help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    if (!VALUE_FLAGS.includes(flag)) {
      throw new CliUsageError(`Unknown option '${arg}'`);
    }
    let value: string | undefined;
    if (eq !== -1 && flag !== arg) {
      value = arg.slice(eq + 1);
    } else {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || (value.startsWith('--') && flag !== '--token')) {
      throw new CliUsageError(`${flag} needs a value`);
    }
    switch (flag) {
      case '--port':
        options.port = portOf(flag, value);
        break;
      case '--gitlab-port':
        options.gitlabPort = portOf(flag, value);
        break;
      case '--seed-dir':
        options.seedDir = value;
        break;
      case '--owner':
        if (!isValidRepositoryName(`${value}/x`)) {
          throw new CliUsageError(
            `--owner '${value}' is not a valid owner name`,
          );
        }
        options.owner = value;
        break;
      case '--token':
        options.token = value;
        break;
      default:
        if (!/^\d+$/.test(value)) {
          throw new CliUsageError(
            `--rate-limit expects a number, got '${value}'`,
          );
        }
        options.rateLimit = Number(value);
    }
  }
  return options;
}

/** Every immediate subfolder with at least one file becomes `{owner}/{folder}`. */
export async function seedRepositories(
  seedDir: string,
  owner: string,
  io: CliIo,
): Promise<SeedRepository[]> {
  const root = path.resolve(seedDir);
  const entries = await fs.readdir(root, { withFileTypes: true });
  const seeds: SeedRepository[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const name = `${owner}/${entry.name}`;
    if (!isValidRepositoryName(name)) {
      io.stderr(
        `scm-simulator: skipping '${entry.name}': not a valid repository name\n`,
      );
      continue;
    }
    const files = await seedFromDirectory(path.join(root, entry.name));
    if (Object.keys(files).length === 0) continue;
    seeds.push({ name, files });
  }
  return seeds;
}

/** Parses the arguments and starts the simulator (without waiting for a signal). */
export async function startFromCli(
  options: CliOptions,
  io: CliIo,
): Promise<ScmSimulator> {
  const repositories = options.seedDir
    ? await seedRepositories(options.seedDir, options.owner, io)
    : [];
  const sim = await startScmSimulator({
    port: options.port,
    gitlabPort: options.gitlabPort,
    token: options.token,
    repositories,
    rateLimit:
      options.rateLimit !== undefined
        ? { limit: options.rateLimit }
        : undefined,
  });
  io.stdout(`scm-simulator listening on ${sim.url}\n`);
  io.stdout(`  GitHub API:  ${sim.githubApiUrl}\n`);
  io.stdout(`  GitHub raw:  ${sim.githubRawUrl}\n`);
  io.stdout(`  GitLab API:  ${sim.gitlabApiUrl}\n`);
  const names = sim.state.repositories().map(r => r.name);
  io.stdout(`  repositories: ${names.length ? names.join(', ') : '(none)'}\n`);
  return sim;
}

function waitForSignal(): Promise<string> {
  return new Promise(resolve => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** The command line: runs until SIGINT / SIGTERM. Exit code 2 for usage errors. */
export async function runCli(
  argv: string[],
  io: CliIo,
  until: () => Promise<unknown> = waitForSignal,
): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`scm-simulator: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    io.stdout(USAGE);
    return 0;
  }
  const sim = await startFromCli(options, io);
  await until();
  await sim.close();
  io.stdout('scm-simulator stopped\n');
  return 0;
}
