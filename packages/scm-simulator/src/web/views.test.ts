import { call, useSimulator } from '../__testUtils__/http';

const REPO = 'acme/payments';

describe('web views', () => {
  const getSim = useSimulator({
    repositories: [
      {
        name: REPO,
        files: {
          Dockerfile: 'FROM node:22\nRUN echo "<b>hi</b>" && npm ci\n',
          'docs/readme.md': '# Docs\n',
        },
      },
    ],
  });

  it.each([
    ['GitHub', (url: string) => `${url}/${REPO}/blob/main/Dockerfile`],
    ['GitLab', (url: string) => `${url}/${REPO}/-/blob/main/Dockerfile`],
  ])(
    'shows a %s file with an anchor per line, escaped, no active content',
    async (_flavor, fileUrl) => {
      const sim = getSim();
      const base = _flavor === 'GitHub' ? sim.url : sim.gitlabUrl;
      const res = await call(fileUrl(base));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'",
      );
      const html = res.buffer.toString('utf8');
      expect(html).toContain('<span id="L1">FROM node:22\n</span>');
      expect(html).toContain(
        '<span id="L2">RUN echo &quot;&lt;b&gt;hi&lt;/b&gt;&quot; &amp;&amp; npm ci\n</span>',
      );
      expect(html).not.toContain('id="L3"');
    },
  );

  it('lists a folder with links to its files', async () => {
    const sim = getSim();
    const res = await call(`${sim.url}/${REPO}/tree/main/docs`);
    expect(res.status).toBe(200);
    expect(res.buffer.toString('utf8')).toContain(
      `href="${sim.url}/${REPO}/blob/main/docs/readme.md"`,
    );
  });

  it('answers 404 for a file or ref that does not exist', async () => {
    const sim = getSim();
    expect((await call(`${sim.url}/${REPO}/blob/main/missing`)).status).toBe(
      404,
    );
    expect((await call(`${sim.url}/${REPO}/blob/nope/Dockerfile`)).status).toBe(
      404,
    );
  });
});
