import fc from 'fast-check';
import type { Report } from '@buildcache/plugin-buildcache-common';
import type { RepoFile } from '../input/repoFile';
import { analyzeFiles } from './analyzeFiles';

/**
 * Property: analyzeFiles never throws, whatever the bytes of the files it
 * is given (and no rule crashes on an odd Dockerfile: a crash would show
 * up as an "internal error" BC9001 finding).
 */

const PATHS = [
  'Dockerfile',
  'svc/app.Dockerfile',
  '.github/workflows/ci.yml',
  '.gitlab-ci.yml',
  'docker-compose.yml',
  'docker-bake.hcl',
  'Jenkinsfile',
  '.circleci/config.yml',
  '.dockerignore',
];

function analyze(files: RepoFile[]): Report {
  return analyzeFiles(files, {
    now: new Date('2025-06-01T00:00:00Z'),
    presentDirectories: ['.git', 'node_modules', 'target'],
  });
}

function expectWellFormed(report: Report): void {
  expect(Array.isArray(report.findings)).toBe(true);
  expect(Number.isFinite(report.score.value)).toBe(true);
  for (const f of report.findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
  }
}

const internalErrors = (report: Report) =>
  report.findings.filter(f => f.message.startsWith('internal error in rule'));

/** Pieces of Dockerfile syntax, so random files reach the rules and not only the parser. */
const DOCKERFILE_TOKENS = [
  'FROM ',
  'FROM node:22 AS build',
  'FROM build',
  'FROM ${BASE}',
  'ARG ',
  'ARG GIT_SHA',
  'ENV HOME=/home/app',
  'USER node',
  'USER 1000:1000',
  'WORKDIR /app',
  'WORKDIR ',
  'COPY . .',
  'ADD . /srv',
  'COPY --from=build /out /out',
  'RUN ',
  'RUN --mount=',
  '--mount=type=cache,target=',
  '--mount=type=cache,id=x,target=/root/.npm,sharing=locked,uid=1000',
  '--mount=type=bind,source=go.mod,target=go.mod',
  'type=tmpfs',
  'sharing=lock',
  'mode=0789',
  '/var/cache/apt',
  '/var/lib/apt/lists/*',
  '/var/cache/apk',
  '/usr/local/cargo',
  '/go/pkg/mod',
  'node_modules',
  'target',
  'apt-get update',
  'apt-get install -y curl',
  'apt-get clean',
  'rm -rf ',
  'rm -f /etc/apt/apt.conf.d/docker-clean',
  'apk add --no-cache x',
  'dnf install -y x',
  'npm ci',
  'pnpm fetch',
  'pnpm install --offline',
  'pip install -r requirements.txt',
  'uv sync',
  'go mod download',
  'go build -o /out/app',
  'cargo build --release',
  'mvn -o package',
  'mvn dependency:go-offline',
  'ln -s /var/cache/apk /etc/apk/cache',
  'sh -c "',
  '<<EOF',
  'EOF',
  '$',
  '${',
  '}',
  '"',
  "'",
  '`',
  '[',
  ']',
  '["npm", "ci"]',
  '\\',
  '\\\n',
  '\n',
  ' ',
  '\t',
  '&&',
  ';',
  '|',
  '=',
  ',',
  '# syntax=docker/dockerfile:1',
  '# escape=`',
  '# buildcache-ignore BC1004',
  '# buildcache-ignore-file BC1007 reason: x',
  '#',
];

const dockerfileSoup = fc
  .array(fc.constantFrom(...DOCKERFILE_TOKENS), { maxLength: 60 })
  .map(tokens => tokens.join(''));

describe('analyzeFiles never throws (property)', () => {
  it('on arbitrary strings under any candidate path', () => {
    const run = () =>
      fc.assert(
        fc.property(
          fc.constantFrom(...PATHS),
          fc.string({ unit: 'grapheme', maxLength: 400 }),
          (path, text) => {
            expectWellFormed(
              analyze([{ path, content: Buffer.from(text, 'utf8') }]),
            );
          },
        ),
        { numRuns: 300 },
      );
    expect(run).not.toThrow();
  });

  it('on arbitrary byte buffers', () => {
    const run = () =>
      fc.assert(
        fc.property(
          fc.constantFrom(...PATHS),
          fc.uint8Array({ maxLength: 400 }),
          (path, bytes) => {
            expectWellFormed(analyze([{ path, content: Buffer.from(bytes) }]));
          },
        ),
        { numRuns: 300 },
      );
    expect(run).not.toThrow();
  });

  it('on Dockerfile-like token soup, without any rule crashing', () => {
    fc.assert(
      fc.property(dockerfileSoup, dockerfileSoup, (a, b) => {
        const report = analyze([
          { path: 'Dockerfile', content: Buffer.from(a) },
          { path: 'svc/Dockerfile', content: Buffer.from(`FROM x\n${b}`) },
        ]);
        expectWellFormed(report);
        expect(internalErrors(report).map(f => f.message)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
