import * as nodePath from 'node:path';
import { analyzeFiles } from '../../engine/analyzeFiles';
import { runRuleTests } from '../testing/ruleTester';
import { volatileArgBeforeInstallRule } from './rule';

runRuleTests(
  volatileArgBeforeInstallRule,
  nodePath.join(__dirname, 'fixtures'),
);

describe('BC1014 fix', () => {
  it('moves the ARG below the last dependency install', () => {
    const text =
      'FROM golang:1.23\nARG GIT_COMMIT=unknown\nWORKDIR /src\nRUN go mod download\nRUN go build -ldflags "-X main.commit=${GIT_COMMIT}" .\n';
    const report = analyzeFiles(
      [{ path: 'Dockerfile', content: Buffer.from(text) }],
      { rules: [volatileArgBeforeInstallRule] },
    );
    expect(report.findings[0].fix?.diff).toContain(
      ' FROM golang:1.23\n-ARG GIT_COMMIT=unknown\n WORKDIR /src\n RUN go mod download\n+ARG GIT_COMMIT=unknown\n',
    );
  });

  it('offers no diff when a step in between uses the ARG', () => {
    const text = 'FROM node:22\nARG GIT_SHA\nENV V=$GIT_SHA\nRUN npm ci\n';
    const report = analyzeFiles(
      [{ path: 'Dockerfile', content: Buffer.from(text) }],
      { rules: [volatileArgBeforeInstallRule] },
    );
    expect(report.findings[0].fix?.diff).toBeNull();
  });
});
