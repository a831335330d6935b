import type { Finding, Severity } from '@buildcache/plugin-buildcache-common';
import { computeScore, levelOf } from './scoring';

const finding = (
  ruleId: string,
  severity: Severity,
  path = 'Dockerfile',
  suppressed = false,
): Finding => ({
  ruleId,
  severity,
  message: 'm',
  path,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1,
  suppressed,
  fix: null,
});

describe('computeScore', () => {
  it('is NotApplicable without Dockerfiles or builds', () => {
    expect(computeScore([], false)).toEqual({
      value: 0,
      level: 'NotApplicable',
    });
  });

  it('starts at 100 and counts each (rule, file) once', () => {
    const findings = [
      finding('BC1005', 'warning'),
      finding('BC1005', 'warning'),
      finding('BC1005', 'warning', 'api/Dockerfile'),
      finding('BC1010', 'info'),
      finding('BC1001', 'warning', 'Dockerfile', true),
    ];
    expect(computeScore(findings, true)).toEqual({
      value: 100 - 8 - 8 - 2,
      level: 'Silver',
    });
  });

  it('keeps Gold only without errors', () => {
    expect(computeScore([finding('BC1010', 'info')], true)).toEqual({
      value: 98,
      level: 'Gold',
    });
    expect(
      computeScore([finding('BC2007', 'error')], true, { error: 5 }),
    ).toEqual({ value: 95, level: 'Silver' });
  });

  it('floors at 0 and honours custom weights', () => {
    const many = Array.from({ length: 10 }, (_, i) =>
      finding(`BC20${10 + i}`, 'error'),
    );
    expect(computeScore(many, true)).toEqual({ value: 0, level: 'None' });
    expect(
      computeScore([finding('BC1005', 'warning')], true, { warning: 50 }),
    ).toEqual({ value: 50, level: 'Bronze' });
  });

  it('maps values to levels', () => {
    expect([
      levelOf(90, false),
      levelOf(89, false),
      levelOf(70, false),
      levelOf(40, false),
      levelOf(39, false),
    ]).toEqual(['Gold', 'Silver', 'Silver', 'Bronze', 'None']);
  });
});
