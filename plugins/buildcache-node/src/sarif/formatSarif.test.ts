import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import Ajv from 'ajv';
import { applyPatch } from 'diff';
import type { Log, Replacement } from 'sarif';
import { analyzeFiles } from '../engine/analyzeFiles';
import { defaultRules } from '../rules';
import { FIXTURE_NOW } from '../rules/testing/ruleTester';
import { diffToReplacements } from './diffToReplacements';
import { formatSarif } from './formatSarif';

const schemaPath = nodePath.join(
  nodePath.dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib/schemas/sarif-2.1.0-rtm.5.json',
);
/** The official schema is draft-04; read as draft-07 (no draft-04-only keywords are used). */
function loadSchema(): Record<string, unknown> {
  const {
    $schema: _draft04,
    id,
    ...rest
  } = JSON.parse(readFileSync(schemaPath, 'utf8'));
  return { ...rest, $id: id };
}
const ajv = new Ajv({
  strict: false,
  validateFormats: false,
  allErrors: true,
  unicodeRegExp: false, // the schema's language pattern is not a valid unicode regexp
});
const validate = ajv.compile(loadSchema());

const DOCS = 'https://example.com/buildcache/docs/';

/** Applies SARIF replacements (line/column regions of the original text). */
function applyReplacements(text: string, replacements: Replacement[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++)
    if (text[i] === '\n') starts.push(i + 1);
  const offset = (line: number, column: number) =>
    line > starts.length ? text.length : starts[line - 1] + column - 1;
  const edits = replacements.map(r => {
    const d = r.deletedRegion;
    return {
      start: offset(d.startLine ?? 1, d.startColumn ?? 1),
      end: offset(d.endLine ?? d.startLine ?? 1, d.endColumn ?? 1),
      text: r.insertedContent?.text ?? '',
    };
  });
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function readTree(root: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(nodePath.join(root, rel))) {
    const p = rel ? `${rel}/${name}` : name;
    if (statSync(nodePath.join(root, p)).isDirectory())
      Object.assign(out, readTree(root, p));
    else out[p] = readFileSync(nodePath.join(root, p), 'utf8');
  }
  return out;
}

/** Every invalid fixture case of every rule, as a mini repository. */
function invalidCases(): { name: string; files: Record<string, string> }[] {
  const rulesDir = nodePath.join(__dirname, '../rules');
  const out: { name: string; files: Record<string, string> }[] = [];
  for (const folder of readdirSync(rulesDir).filter(f => /^BC\d{4}-/.test(f))) {
    const dir = nodePath.join(rulesDir, folder, 'fixtures/invalid');
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const full = nodePath.join(dir, name);
      out.push({
        name: `${folder}/${name}`,
        files: statSync(full).isDirectory()
          ? readTree(full)
          : { [name]: readFileSync(full, 'utf8') },
      });
    }
  }
  return out;
}

const examplesDir = nodePath.resolve(__dirname, '../../../../examples');

/** The example repositories, read like the CLI reads them (candidate files only). */
function exampleCases(): { name: string; files: Record<string, string> }[] {
  return readdirSync(examplesDir)
    .filter(name => statSync(nodePath.join(examplesDir, name)).isDirectory())
    .map(name => ({
      name: `examples/${name}`,
      files: readTree(nodePath.join(examplesDir, name)),
    }));
}

const cases = [...invalidCases(), ...exampleCases()];

function sarifOf(files: Record<string, string>): Log {
  const report = analyzeFiles(
    Object.entries(files).map(([path, text]) => ({
      path,
      content: Buffer.from(text),
    })),
    { now: FIXTURE_NOW },
  );
  return formatSarif(report, {
    rules: defaultRules.map(r => r.meta),
    docsBaseUrl: DOCS,
    rootUri: 'file:///repo/',
  });
}

describe('formatSarif', () => {
  it('lists every rule with docs link and default level', () => {
    const log = sarifOf({ Dockerfile: 'FROM alpine\n' });
    const rules = log.runs[0].tool.driver.rules ?? [];
    expect(log.runs).toHaveLength(1);
    expect(rules.map(r => r.id)).toEqual(
      defaultRules.map(r => r.meta.id).sort(),
    );
    const bc2001 = rules.find(r => r.id === 'BC2001');
    expect(bc2001).toMatchObject({
      name: 'build-without-exported-cache',
      helpUri: `${DOCS}rules/BC2001.md`,
      defaultConfiguration: { level: 'warning' },
      shortDescription: { text: expect.any(String) },
    });
    expect(
      rules.find(r => r.id === 'BC2012')?.defaultConfiguration?.level,
    ).toBe('note');
  });

  it('maps findings to results with regions, suppressions and fixes', () => {
    const log = sarifOf({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      # buildcache-ignore BC2012 reason: accepted',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          cache-to: type=gha',
      ].join('\n'),
      Dockerfile:
        'FROM golang AS b\nRUN --mount=type=cache,target=/go/pkg/mod go build\nFROM scratch\nCOPY --from=b /x /x\n',
    });
    const results = log.runs[0].results ?? [];
    const bc2003 = results.find(r => r.ruleId === 'BC2003');
    expect(bc2003).toMatchObject({
      level: 'warning',
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: '.github/workflows/ci.yml',
              uriBaseId: 'SRCROOT',
            },
            region: {
              startLine: 9,
              startColumn: 21,
              endLine: 9,
              endColumn: 29,
            },
          },
        },
      ],
      fixes: [
        {
          artifactChanges: [
            {
              artifactLocation: { uri: '.github/workflows/ci.yml' },
              replacements: [
                {
                  deletedRegion: {
                    startLine: 9,
                    startColumn: 1,
                    endLine: 9,
                    endColumn: 29,
                  },
                  insertedContent: {
                    text: '          cache-to: type=gha,mode=max',
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const suppressed = results.find(r => r.ruleId === 'BC2012');
    expect(suppressed?.suppressions).toEqual([
      { kind: 'inSource', justification: 'accepted' },
    ]);
    expect(results.every(r => typeof r.ruleIndex === 'number')).toBe(true);
  });

  it.each(cases.map(c => [c.name, c] as const))(
    'is valid SARIF 2.1.0 and its fixes equal the diffs: %s',
    (_name, c) => {
      const log = sarifOf(c.files);
      const valid = validate(log);
      if (!valid) throw new Error(ajv.errorsText(validate.errors));
      for (const result of log.runs[0].results ?? []) {
        for (const fix of result.fixes ?? []) {
          for (const change of fix.artifactChanges) {
            const path = decodeURI(change.artifactLocation.uri ?? '');
            const original = c.files[path];
            const report = analyzeFiles(
              Object.entries(c.files).map(([p, text]) => ({
                path: p,
                content: Buffer.from(text),
              })),
              { now: FIXTURE_NOW },
            );
            const region = result.locations?.[0]?.physicalLocation?.region;
            const finding = report.findings.find(
              f =>
                f.ruleId === result.ruleId &&
                f.path === path &&
                f.line === region?.startLine &&
                f.column === region?.startColumn &&
                f.message === result.message.text,
            );
            const patched = applyPatch(original, finding?.fix?.diff ?? '');
            expect(applyReplacements(original, change.replacements)).toBe(
              patched,
            );
          }
        }
      }
    },
  );
});

describe('diffToReplacements', () => {
  it('handles insertions, deletions and missing final newlines', () => {
    const diff = [
      '--- a/f',
      '+++ b/f',
      '@@ -1,3 +1,4 @@',
      ' a',
      '-b',
      '+B',
      '+C',
      ' c',
      '@@ -9,1 +10,2 @@',
      ' i',
      '+j',
      '\\ No newline at end of file',
    ].join('\n');
    expect(diffToReplacements(diff)).toEqual([
      {
        deletedRegion: {
          startLine: 2,
          startColumn: 1,
          endLine: 3,
          endColumn: 1,
        },
        insertedContent: { text: 'B\nC\n' },
      },
      {
        deletedRegion: {
          startLine: 10,
          startColumn: 1,
          endLine: 10,
          endColumn: 1,
        },
        insertedContent: { text: 'j' },
      },
    ]);
  });
});
