import { detectPackageManagerCalls } from './packageManagers';
import { parseShellScript } from './parseShell';

const programs = (script: string) =>
  parseShellScript(script).map(c => c.program);

describe('parseShellScript', () => {
  it('splits on operators, newlines and continuations', () => {
    expect(
      programs(
        'set -eux; apt-get update \\\n  && apt-get install -y x || true | cat & wait\nls',
      ),
    ).toEqual(['set', 'apt-get', 'apt-get', 'true', 'cat', 'wait', 'ls']);
  });

  it('handles quotes, comments, substitutions and expressions', () => {
    const [cmd] = parseShellScript(
      `docker build --build-arg V="$(date +%s)" --label 'a b' -t \${{ github.sha }} . # comment`,
    );
    expect(cmd.words.map(w => w.text)).toEqual([
      'docker',
      'build',
      '--build-arg',
      'V=$(date +%s)',
      '--label',
      'a b',
      '-t',
      '${{ github.sha }}',
      '.',
    ]);
  });

  it('strips assignments and wrappers, and reads sh -c', () => {
    const cmds = parseShellScript(
      'DEBIAN_FRONTEND=noninteractive sudo -E apt-get install x; env A=1 pip install y; bash -c "npm ci"',
    );
    expect(cmds.map(c => c.program)).toEqual(['apt-get', 'pip', 'bash', 'npm']);
    expect(cmds[0].assignments).toEqual([
      { name: 'DEBIAN_FRONTEND', value: 'noninteractive' },
    ]);
    expect(cmds[1].assignments).toEqual([{ name: 'A', value: '1' }]);
  });

  it('keeps offsets of words', () => {
    const script = 'RUN  pip  install --no-cache-dir x';
    const [cmd] = parseShellScript(script);
    const flag = cmd.words.find(w => w.text === '--no-cache-dir');
    expect(script.slice(flag?.start, flag?.end)).toBe('--no-cache-dir');
  });

  it('never throws on arbitrary text', () => {
    for (const s of [
      '"unterminated',
      "'x",
      '$(((',
      '`',
      '\\',
      '${{',
      '&&&&;;||',
      '\u0000\uffff',
    ]) {
      expect(() => parseShellScript(s)).not.toThrow();
    }
  });
});

describe('detectPackageManagerCalls', () => {
  const detect = (s: string) =>
    parseShellScript(s)
      .flatMap(c => detectPackageManagerCalls(c))
      .map(c => `${c.manager}:${c.subcommand}:${c.downloads}`);
  it.each([
    [
      'apt-get -y -o Dpkg::Options::=--force-confnew install curl',
      'apt:install:true',
    ],
    ['apt purge x', 'apt:purge:false'],
    ['python3 -m pip install -U pip', 'pip:install:true'],
    ['pip3.11 install --no-index x', 'pip:install:false'],
    ['uv pip install x', 'uv:pip install:true'],
    ['uv sync --frozen', 'uv:sync:true'],
    ['npm ci', 'npm:ci:true'],
    ['npm run build', 'npm:run:false'],
    ['npm cache clean --force', 'npm:cache clean:false'],
    ['yarn', 'yarn:null:true'],
    ['yarn --frozen-lockfile', 'yarn:null:true'],
    ['yarn build', 'yarn:build:false'],
    ['pnpm i --frozen-lockfile', 'pnpm:i:true'],
    ['go mod download', 'go:mod download:true'],
    ['go test ./...', 'go:test:false'],
    ['cargo build --release', 'cargo:build:true'],
    ['./mvnw -B package', 'maven:package:true'],
    ['mvn -o package', 'maven:package:false'],
    ['./gradlew build', 'gradle:build:true'],
    ['bundle install', 'bundler:install:true'],
    ['composer install', 'composer:install:true'],
    ['dotnet publish --no-restore', 'dotnet:publish:false'],
    ['micromamba install -y x', 'conda:install:true'],
    ['apk add --no-cache x', 'apk:add:true'],
    ['microdnf install x', 'dnf:install:true'],
    ['yum clean all', 'yum:clean all:false'],
    ['CC="ccache gcc" make', 'ccache:null:true'],
  ])('%s', (script, expected) => expect(detect(script)).toEqual([expected]));

  it('does not treat installing ccache as a ccache build', () => {
    expect(detect('apt-get install -y ccache')).toEqual(['apt:install:true']);
  });
});

describe('parseShellScript: redirections and compound commands', () => {
  const shape = (script: string) =>
    parseShellScript(script).map(c => [
      c.words.map(w => w.text).join(' '),
      c.terminator,
    ]);

  it('keeps redirections and their targets out of the words', () => {
    expect(shape('apt-get update 2>&1 | tee /tmp/log')).toEqual([
      ['apt-get update', '|'],
      ['tee /tmp/log', ''],
    ]);
    expect(
      shape('pip install x > /dev/null && npm ci>>log 2>/dev/null'),
    ).toEqual([
      ['pip install x', '&&'],
      ['npm ci', ''],
    ]);
    expect(shape('make &> build.log; cat <in >out')).toEqual([
      ['make', ';'],
      ['cat', ''],
    ]);
  });

  it('keeps exact offsets after a redirection', () => {
    const script = 'apt-get update 2>&1 && apt-get clean';
    const clean = parseShellScript(script)[1].words[1];
    expect(script.slice(clean.start, clean.end)).toBe('clean');
  });

  it('reads the commands of case branches, not the patterns', () => {
    const script =
      'case "$TARGETARCH" in\n  amd64) apt-get install -y a ;;\n  arm64|arm) pip install b;;\n  *) echo other ;;\nesac && npm ci';
    expect(shape(script)).toEqual([
      ['apt-get install -y a', ';'],
      ['pip install b', ';'],
      ['echo other', ';'],
      ['npm ci', ''],
    ]);
  });
});
