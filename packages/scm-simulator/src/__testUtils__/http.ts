import {
  startScmSimulator,
  ScmSimulator,
  ScmSimulatorOptions,
} from '../simulator';

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
  buffer: Buffer;
}

/** A request with plain fetch; JSON bodies are sent and parsed. */
export async function call(
  url: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<CallResult> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const buffer = Buffer.from(await response.arrayBuffer());
  let body: any = undefined;
  if (response.headers.get('content-type')?.includes('json') && buffer.length) {
    body = JSON.parse(buffer.toString('utf8'));
  }
  return { status: response.status, headers: response.headers, body, buffer };
}

/** Starts a simulator for a test file and closes it afterwards. */
export function useSimulator(
  options: ScmSimulatorOptions = {},
): () => ScmSimulator {
  let sim: ScmSimulator | undefined;
  beforeAll(async () => {
    sim = await startScmSimulator(options);
  });
  afterAll(async () => {
    await sim?.close();
  });
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}

export const APP_FILES = {
  Dockerfile: 'FROM node:22\nCOPY . .\nRUN npm ci\n',
  'package.json': '{"name":"build-notifier"}\n',
  'src/index.ts': 'export const answer = 42;\n',
  'docs/deep/nested/readme.md': '# Nested\n',
};
