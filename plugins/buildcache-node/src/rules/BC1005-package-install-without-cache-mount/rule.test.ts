import * as nodePath from 'node:path';
import { analyzeFiles } from '../../engine/analyzeFiles';
import { runRuleTests } from '../testing/ruleTester';
import { packageInstallWithoutCacheMountRule } from './rule';

runRuleTests(
  packageInstallWithoutCacheMountRule,
  nodePath.join(__dirname, 'fixtures'),
);

describe('BC1005 fix', () => {
  it('mounts both go caches and drops a cache-disabling flag', () => {
    const text =
      'FROM golang:1.22\nRUN go build ./...\nRUN pip install --no-cache-dir x\n';
    const report = analyzeFiles(
      [{ path: 'Dockerfile', content: Buffer.from(text) }],
      {
        rules: [packageInstallWithoutCacheMountRule],
      },
    );
    const [go, pip] = report.findings.map(f => f.fix?.diff ?? '');
    expect(go).toContain(
      '+RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...',
    );
    expect(pip).toContain(
      '+RUN --mount=type=cache,target=/root/.cache/pip pip install x',
    );
  });
});

describe('BC1005 fix targets outside the official images', () => {
  // every rule runs: a fix carries the companion fixes of other rules it needs
  const addedLines = (text: string) =>
    analyzeFiles([{ path: 'Dockerfile', content: Buffer.from(text) }], {})
      .findings.filter(f => f.ruleId === 'BC1005')
      .map(f =>
        (f.fix?.diff ?? '').split('\n').filter(l => l.startsWith('+RUN')),
      );

  it('mounts $HOME/go/pkg/mod outside the golang image, /go/pkg/mod in it', () => {
    expect(
      addedLines(
        'FROM ubuntu:24.04\nRUN go mod download\nFROM golang:1.23\nRUN go mod download\n',
      ),
    ).toEqual([
      [
        '+RUN --mount=type=cache,target=/root/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download',
      ],
      [
        '+RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download',
      ],
    ]);
  });

  it('mounts /tmp/cache only in the composer image, else composer home caches or COMPOSER_CACHE_DIR', () => {
    expect(
      addedLines(
        [
          'FROM composer:2',
          'RUN composer install',
          'FROM php:8.3-cli',
          'RUN composer install',
          'FROM php:8.3-cli',
          'ENV COMPOSER_CACHE_DIR=/var/cache/composer',
          'RUN composer install',
        ].join('\n'),
      ),
    ).toEqual([
      ['+RUN --mount=type=cache,target=/tmp/cache composer install'],
      [
        '+RUN --mount=type=cache,target=/root/.composer/cache --mount=type=cache,target=/root/.cache/composer composer install',
      ],
      ['+RUN --mount=type=cache,target=/var/cache/composer composer install'],
    ]);
  });

  it('carries a dotnet restore mount to the later publish --no-restore', () => {
    const text = [
      'FROM mcr.microsoft.com/dotnet/sdk:8.0',
      'WORKDIR /src',
      'COPY app.csproj .',
      'RUN dotnet restore',
      'COPY . .',
      'RUN dotnet publish -c Release --no-restore -o /out',
    ].join('\n');
    expect(addedLines(text)).toEqual([
      [
        '+RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore',
        '+RUN --mount=type=cache,target=/root/.nuget/packages dotnet publish -c Release --no-restore -o /out',
      ],
    ]);
  });

  it('offers no diff when the publish runs as a user the mount is not writable for', () => {
    const text = [
      'FROM mcr.microsoft.com/dotnet/sdk:8.0',
      'RUN dotnet restore',
      'USER app',
      'RUN dotnet publish --no-restore -o /tmp/out',
    ].join('\n');
    const [restore] = analyzeFiles(
      [{ path: 'Dockerfile', content: Buffer.from(text) }],
      {},
    ).findings.filter(f => f.ruleId === 'BC1005');
    expect(restore.fix?.diff ?? null).toBeNull();
    expect(restore.fix?.description).toMatch(/Not offered as a diff/);
  });
});
