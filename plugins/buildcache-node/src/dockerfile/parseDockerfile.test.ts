import {
  cacheEnvironmentOf,
  cacheMountsOf,
  packageManagerCallsOf,
} from './runAnalysis';
import { parseDockerfile } from './parseDockerfile';
import type { DockerfileModel } from './model';
import { stagesInBuildGraph } from './stageGraph';

function parse(text: string): DockerfileModel {
  const result = parseDockerfile('Dockerfile', text);
  if (!result.ok) throw new Error(`did not parse: ${JSON.stringify(result)}`);
  return result.model;
}

describe('parseDockerfile', () => {
  it('builds stages and the FROM / COPY --from / RUN --mount from graph', () => {
    const model = parse(
      [
        'ARG GO=1.22',
        'FROM golang:${GO} AS Build',
        'RUN go build -o /out/app .',
        'FROM alpine AS assets',
        'FROM build AS test',
        'RUN --mount=type=bind,from=assets,target=/a true',
        'FROM scratch',
        'COPY --from=build /out/app /app',
        'COPY --from=nginx:latest /etc/nginx /etc/nginx',
      ].join('\n'),
    );
    expect(
      model.stages.map(s => [s.name, s.baseImageExpanded, s.baseStage]),
    ).toEqual([
      ['Build', 'golang:1.22', null],
      ['assets', 'alpine', null],
      ['test', 'build', 0],
      [null, 'scratch', null],
    ]);
    expect(model.globalArgs.map(a => a.keyword)).toEqual(['ARG']);
    expect([...(stagesInBuildGraph(model) ?? [])].sort()).toEqual([0, 3]);
    expect([...(stagesInBuildGraph(model, 'test') ?? [])].sort()).toEqual([
      0, 1, 2,
    ]);
    expect(stagesInBuildGraph(model, 'assets')?.size).toBe(1);
    expect(stagesInBuildGraph(model, 'missing')).toBeNull();
  });

  it('parses cache mounts with options, quotes, positions and ARG/ENV expansion', () => {
    const model = parse(
      [
        '# syntax=docker/dockerfile:1',
        'FROM python:3.12',
        'ARG UID=1000',
        'ENV CACHE=/root/.cache',
        'WORKDIR /app',
        'RUN --mount=type=cache,id=pip,target="${CACHE}/pip",sharing=locked,uid=$UID \\',
        '    # a comment between continuation lines',
        '    --mount=type=cache,dst=node_modules/.cache \\',
        '    pip install -r requirements.txt',
      ].join('\n'),
    );
    const run = model.instructions[model.instructions.length - 1];
    expect(run.range).toEqual({
      line: 6,
      column: 1,
      endLine: 9,
      endColumn: 36,
    });
    const mounts = cacheMountsOf(run);
    expect(
      mounts.map(m => [m.target, m.mount.id, m.mount.sharing, m.mount.uid]),
    ).toEqual([
      ['/root/.cache/pip', 'pip', 'locked', '1000'],
      ['/app/node_modules/.cache', null, null, null],
    ]);
    expect(mounts[0].mount.range).toEqual({
      line: 6,
      column: 5,
      endLine: 6,
      endColumn: 76,
    });
    expect(
      mounts[0].mount.options.find(o => o.key === 'sharing')?.range,
    ).toEqual({ line: 6, column: 53, endLine: 6, endColumn: 67 });
    expect(
      packageManagerCallsOf(run).map(c => [c.manager, c.subcommand]),
    ).toEqual([['pip', 'install']]);
    expect(model.facts.cacheMounts[1]).toEqual({
      line: 6,
      target: 'node_modules/.cache',
      id: null,
      sharing: null,
      uid: null,
      stage: 0,
    });
  });

  it('abstains on unresolvable variables', () => {
    const model = parse(
      'FROM alpine\nARG DIR\nRUN --mount=type=cache,target=$DIR/x --mount=type=cache,target=$UNDECLARED true\n',
    );
    expect(
      cacheMountsOf(model.instructions[2]).map(m => [
        m.target,
        m.mount.targetUnresolved,
      ]),
    ).toEqual([
      [null, true],
      [null, true],
    ]);
  });

  it('tracks USER, HOME and WORKDIR per instruction, and ENV across FROM <stage>', () => {
    const model = parse(
      'FROM node:22 AS base\nENV HOME=/home/node\nUSER node\nWORKDIR /srv\nWORKDIR app\nRUN npm ci\nFROM base\nRUN npm ci\nUSER root\nRUN true\n',
    );
    const runs = model.instructions.filter(i => i.keyword === 'RUN');
    expect(
      runs.map(r => [r.user, r.workdir, cacheEnvironmentOf(r).home]),
    ).toEqual([
      ['node', '/srv/app', '/home/node'],
      ['node', '/srv/app', '/home/node'],
      ['root', '/srv/app', '/home/node'],
    ]);
  });

  it('reads heredoc bodies as shell commands', () => {
    const model = parse(
      '# syntax=docker/dockerfile:1\nFROM debian\nRUN <<EOT bash\nset -e\napt-get update\nEOT\n',
    );
    const run = model.instructions[1];
    expect(run.heredocs.map(h => [h.name, h.content])).toEqual([
      ['EOT', 'set -e\napt-get update'],
    ]);
    expect(packageManagerCallsOf(run).map(c => c.subcommand)).toEqual([
      'update',
    ]);
  });

  it('honours the escape directive', () => {
    const model = parse(
      '# escape=`\nFROM mcr.microsoft.com/windows\nRUN pip install `\n    flask\n',
    );
    expect(model.escapeChar).toBe('`');
    expect(model.instructions[1].range.endLine).toBe(4);
    expect(
      packageManagerCallsOf(model.instructions[1]).map(c =>
        c.args.map(a => a.text),
      ),
    ).toEqual([['install', 'flask']]);
  });

  it('reads parser directives only at the top', () => {
    expect(
      parse('# syntax = docker/dockerfile:1.4\nFROM alpine\n').syntax,
    ).toBe('docker/dockerfile:1.4');
    const late = parse('\n# syntax=docker/dockerfile:1\nFROM alpine\n');
    expect(late.syntax).toBeNull();
    expect(late.directives).toEqual([
      {
        name: 'syntax',
        value: 'docker/dockerfile:1',
        line: 2,
        effective: false,
      },
    ]);
  });

  it('parses the JSON form of RUN', () => {
    const model = parse('FROM alpine\nRUN ["sh", "-c", "apk add curl"]\n');
    expect(model.instructions[1].jsonForm).toBe(true);
    expect(
      packageManagerCallsOf(model.instructions[1]).map(c => c.manager),
    ).toEqual(['apk']);
  });

  it('reports parse problems and empty files', () => {
    expect(parseDockerfile('D', '# just a comment\n')).toEqual({
      ok: false,
      empty: true,
    });
    // BuildKit's parser accepts a file without FROM; only a build fails
    expect(parseDockerfile('D', 'RUN echo\n')).toMatchObject({ ok: true });
    expect(parseDockerfile('D', 'FROM a\nCMD ["a", ["b"]]\n')).toMatchObject({
      ok: false,
      problem: { line: 2 },
    });
    expect(parseDockerfile('D', 'FROM a\nENV PATH\n')).toMatchObject({
      ok: false,
      problem: { line: 2 },
    });
  });
});

describe('comment lines inside a continued RUN', () => {
  it('are dropped before the shell reads the commands, offsets kept exact', () => {
    const text =
      'FROM debian\nRUN apt-get install -y gettext \\\n  # clean up\n  # twice\n  && apt-get clean \\\n  && rm -rf /var/lib/apt/lists/*\n';
    const result = parseDockerfile('Dockerfile', text);
    if (!result.ok) throw new Error('expected a parse');
    const run = result.model.instructions[1];
    expect(run.commandOffsetsExact).toBe(true);
    expect(run.commands.map(c => [c.words[0].text, c.terminator])).toEqual([
      ['apt-get', '&&'],
      ['apt-get', '&&'],
      ['rm', ''],
    ]);
    const rm = run.commands[2].words[0];
    expect(
      text.slice(run.argumentsOffset + rm.start, run.argumentsOffset + rm.end),
    ).toBe('rm');
  });
});
