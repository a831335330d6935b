import { Random } from './random';

/** Language stacks of the generated services: they decide the build files. */
export type Ecosystem = 'node' | 'python' | 'go' | 'java' | 'rust' | 'ruby';

export const ECOSYSTEMS: readonly Ecosystem[] = [
  'node',
  'python',
  'go',
  'java',
  'rust',
  'ruby',
];

/** Folder a stack vendors its dependencies into. */
export const VENDOR_DIRECTORY: Record<Ecosystem, string> = {
  node: 'node_modules',
  python: 'third_party',
  go: 'vendor',
  java: 'third_party',
  rust: 'vendor',
  ruby: 'vendor',
};

/** A typical source file name of a stack. */
export const SOURCE_EXTENSION: Record<Ecosystem, string> = {
  node: 'ts',
  python: 'py',
  go: 'go',
  java: 'java',
  rust: 'rs',
  ruby: 'rb',
};

const SYNTAX = '# syntax=docker/dockerfile:1\n';

/**
 * A Dockerfile for a stack, with BuildKit cache mounts on the dependency
 * install (`cacheMounts`) or without (the finding buildcache reports).
 */
export function dockerfile(
  ecosystem: Ecosystem,
  cacheMounts: boolean,
  rng: Random,
): string {
  const mount = (target: string, extra = '') =>
    cacheMounts ? `--mount=type=cache,target=${target}${extra} ` : '';
  const head = cacheMounts || rng.chance(0.3) ? SYNTAX : '';
  switch (ecosystem) {
    case 'node': {
      const version = rng.pick(['18', '20', '22']);
      return `${head}FROM node:${version}-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN ${mount('/root/.npm')}npm ci
FROM deps AS build
COPY . .
RUN npm run build
FROM node:${version}-slim
WORKDIR /app
COPY --from=build /app/dist ./dist
COPY --from=deps /app/node_modules ./node_modules
CMD ["node", "dist/index.js"]
`;
    }
    case 'python': {
      const version = rng.pick(['3.10', '3.11', '3.12']);
      return `${head}FROM python:${version}-slim
WORKDIR /app
ENV PIP_DISABLE_PIP_VERSION_CHECK=1
COPY requirements.txt .
RUN ${mount('/root/.cache/pip')}pip install -r requirements.txt
COPY . .
CMD ["python", "-m", "app"]
`;
    }
    case 'go': {
      const version = rng.pick(['1.21', '1.22', '1.23']);
      return `${head}FROM golang:${version} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN ${mount('/go/pkg/mod')}go mod download
COPY . .
RUN ${mount('/go/pkg/mod')}${mount(
        '/root/.cache/go-build',
      )}CGO_ENABLED=0 go build -o /out/app ./cmd/app
FROM gcr.io/distroless/static
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
    }
    case 'java': {
      const version = rng.pick(['17', '21']);
      return `${head}FROM maven:3-eclipse-temurin-${version} AS build
WORKDIR /src
COPY pom.xml .
RUN ${mount('/root/.m2')}mvn -B dependency:go-offline
COPY src ./src
RUN ${mount('/root/.m2')}mvn -B package -DskipTests
FROM eclipse-temurin:${version}-jre
COPY --from=build /src/target/app.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]
`;
    }
    case 'rust': {
      return `${head}FROM rust:1.80 AS build
WORKDIR /src
COPY . .
RUN ${mount('/usr/local/cargo/registry')}${mount(
        '/src/target',
      )}cargo build --release && cp target/release/app /app
FROM debian:bookworm-slim
COPY --from=build /app /usr/local/bin/app
CMD ["app"]
`;
    }
    case 'ruby': {
      const version = rng.pick(['3.2', '3.3']);
      return `${head}FROM ruby:${version}
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN ${mount('/usr/local/bundle/cache')}bundle install
COPY . .
CMD ["bundle", "exec", "puma"]
`;
    }
    default:
      throw new Error(`unknown ecosystem ${ecosystem as string}`);
  }
}

/** A GitHub Actions workflow building an image, with or without a GHA cache. */
export function githubBuildWorkflow(name: string, cached: boolean): string {
  const cache = cached
    ? `          cache-from: type=gha
          cache-to: type=gha,mode=max
`
    : '';
  return `name: ${name}
on:
  push:
    branches: [main]
  pull_request:
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          context: .
          push: false
          tags: ghcr.io/example/${name}:latest
${cache}`;
}

/** A workflow without any image build (tests, lint). */
export function githubTestWorkflow(ecosystem: Ecosystem): string {
  const run: Record<Ecosystem, string> = {
    node: 'npm ci && npm test',
    python: 'pip install -r requirements.txt && pytest',
    go: 'go test ./...',
    java: 'mvn -B verify',
    rust: 'cargo test',
    ruby: 'bundle install && bundle exec rspec',
  };
  return `name: test
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: ${run[ecosystem]}
`;
}

/** A .gitlab-ci.yml building with docker buildx, with or without a registry cache. */
export function gitlabCi(name: string, cached: boolean): string {
  const cache = cached
    ? ' --cache-from type=registry,ref=$CI_REGISTRY_IMAGE:cache --cache-to type=registry,ref=$CI_REGISTRY_IMAGE:cache,mode=max'
    : '';
  return `stages: [test, build]
test:
  stage: test
  image: alpine:3.20
  script:
    - echo testing ${name}
build-image:
  stage: build
  image: docker:27
  services: [docker:27-dind]
  script:
    - docker buildx create --use
    - docker buildx build${cache} -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA --push .
`;
}

/** docker-bake.hcl with one target per Dockerfile. */
export function bakeFile(dockerfiles: string[], cached: boolean): string {
  const targets = dockerfiles.map((path, i) => {
    const cache = cached
      ? `  cache-from = ["type=gha,scope=t${i}"]\n  cache-to = ["type=gha,scope=t${i},mode=max"]\n`
      : '';
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
    return `target "t${i}" {\n  context = "${dir}"\n  dockerfile = "Dockerfile"\n${cache}}\n`;
  });
  return `group "default" {\n  targets = [${dockerfiles
    .map((_, i) => `"t${i}"`)
    .join(', ')}]\n}\n\n${targets.join('\n')}`;
}

/** compose.yaml building the service and running a database beside it. */
export function composeFile(name: string): string {
  return `services:
  ${name}:
    build:
      context: .
    ports:
      - "8080:8080"
    depends_on: [db]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: example
`;
}

export const DOCKERIGNORE = '.git\nnode_modules\nvendor\n*.log\ndist\n';

const WORDS = [
  'account',
  'amount',
  'async',
  'await',
  'batch',
  'buffer',
  'build',
  'cache',
  'client',
  'config',
  'context',
  'count',
  'data',
  'default',
  'error',
  'event',
  'export',
  'fetch',
  'filter',
  'handler',
  'import',
  'index',
  'input',
  'items',
  'json',
  'key',
  'length',
  'logger',
  'map',
  'message',
  'method',
  'model',
  'name',
  'next',
  'null',
  'options',
  'order',
  'output',
  'params',
  'parse',
  'path',
  'payment',
  'query',
  'record',
  'request',
  'response',
  'result',
  'return',
  'router',
  'schema',
  'service',
  'session',
  'state',
  'status',
  'store',
  'stream',
  'string',
  'token',
  'update',
  'user',
  'value',
  'version',
];

/**
 * Code-like text (about 4:1 under gzip, like real source). Files are cut
 * from it at random offsets, so repositories need not generate megabytes of
 * text each.
 */
export function textCorpus(rng: Random, bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const indent = '  '.repeat(rng.int(0, 3));
    const words = Array.from({ length: rng.int(3, 10) }, () => rng.pick(WORDS));
    const line = `${indent}${words[0]}.${words[1]}(${words
      .slice(2)
      .join(', ')}); // ${rng.uint32().toString(36)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/**
 * A slice of the corpus at a 4 KiB-aligned offset, its length rounded to
 * 256 bytes: repositories share these blobs (the store keeps one copy),
 * so a large org costs little memory.
 */
export function sharedTextFile(
  corpus: Buffer,
  rng: Random,
  size: number,
): Buffer {
  const length = Math.min(Math.ceil(size / 256) * 256, corpus.length);
  const slots = Math.floor((corpus.length - length) / 4096);
  const start = rng.int(0, Math.max(0, slots)) * 4096;
  return corpus.subarray(start, start + length);
}

/** A slice of the corpus, headed by a line unique to `label`. */
export function textFile(
  corpus: Buffer,
  rng: Random,
  label: string,
  size: number,
): Buffer {
  const length = Math.min(size, corpus.length);
  const start = rng.int(0, corpus.length - length);
  return Buffer.concat([
    Buffer.from(`// ${label}\n`, 'utf8'),
    corpus.subarray(start, start + length),
  ]);
}
