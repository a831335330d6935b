import type { Rule } from './engine/ruleTypes';
import {
  assertInvalidCase,
  assertValidCase,
  readExpectations,
  runRuleTests,
} from './testUtils';

/** An adopter's rule with its own id scheme: base images must not be :latest. */
const noLatestRule: Rule = {
  meta: {
    id: 'acme-no-latest',
    target: 'dockerfile',
    name: 'base-image-not-pinned',
    severity: 'warning',
    summary: 'A stage builds FROM a :latest image',
    rationale: 'A moving base image invalidates the layer cache.',
    recommendedFix: 'Pin the base image.',
    sources: [],
    fixable: false,
  },
  check(context) {
    return context.dockerfiles.flatMap(dockerfile =>
      dockerfile.stages
        .filter(stage => /:latest$/.test(stage.baseImage))
        .map(stage =>
          context.report(dockerfile.path, stage.range, 'Pin the base image'),
        ),
    );
  },
};

const invalidFile = [
  'FROM node:latest',
  '# expect: acme-no-latest 1:1',
  'RUN true',
  '',
].join('\n');

// the exported harness runs a custom rule with a non-BC id like a core rule
runRuleTests(noLatestRule, '/nonexistent/fixtures', {
  valid: [{ name: 'pinned', files: { Dockerfile: 'FROM node:22.1\n' } }],
  invalid: [{ name: 'latest', files: { Dockerfile: invalidFile } }],
});

describe('the rule tester with a custom rule id', () => {
  it('reads expectations written with any rule id', () => {
    expect(readExpectations({ Dockerfile: invalidFile })).toEqual([
      {
        ruleId: 'acme-no-latest',
        path: 'Dockerfile',
        line: 1,
        column: 1,
        severity: undefined,
        suppressed: false,
      },
    ]);
  });

  it('fails a case whose expected position is wrong', () => {
    const wrong = invalidFile.replace('1:1', '2:1');
    expect(() =>
      assertInvalidCase(noLatestRule, {
        name: 'wrong',
        files: { Dockerfile: wrong },
        expected: readExpectations({ Dockerfile: wrong }),
      }),
    ).toThrow();
  });

  it('fails a valid case that has a finding', () => {
    expect(() =>
      assertValidCase(noLatestRule, {
        name: 'not valid',
        files: { Dockerfile: 'FROM alpine:latest\n' },
      }),
    ).toThrow(/acme-no-latest Dockerfile 1:1/);
  });
});
