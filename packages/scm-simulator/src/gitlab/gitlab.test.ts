import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { x as extract } from 'tar';
import { APP_FILES, call, useSimulator } from '../__testUtils__/http';

const PROJECT = 'platform/tools/build-notifier';
const ENCODED = encodeURIComponent(PROJECT);
const getSim = useSimulator({
  repositories: [{ name: PROJECT, files: APP_FILES }],
});

describe('GitLab projects and repository', () => {
  const api = () => `${getSim().gitlabApiUrl}/projects/${ENCODED}`;

  it('finds projects by URL-encoded path or numeric id', async () => {
    const sim = getSim();
    const byPath = await call(api());
    expect(byPath.body).toMatchObject({
      id: 1,
      path_with_namespace: PROJECT,
      default_branch: 'main',
      web_url: `${sim.gitlabUrl}/${PROJECT}`,
      namespace: { full_path: 'platform/tools' },
    });
    const byId = await call(`${sim.gitlabApiUrl}/projects/1`);
    expect(byId.body.path_with_namespace).toBe(PROJECT);
    const missing = await call(
      `${sim.gitlabApiUrl}/projects/${encodeURIComponent('a/b')}`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: '404 Project Not Found' });
  });

  it('reads files as JSON and raw, with GitLab errors', async () => {
    const file = await call(
      `${api()}/repository/files/${encodeURIComponent(
        'src/index.ts',
      )}?ref=main`,
    );
    expect(file.body).toMatchObject({
      file_path: 'src/index.ts',
      encoding: 'base64',
      ref: 'main',
    });
    expect(Buffer.from(file.body.content, 'base64').toString()).toBe(
      APP_FILES['src/index.ts'],
    );
    expect(file.body.blob_id).toMatch(/^[0-9a-f]{40}$/);
    expect(file.body.last_commit_id).toBe(getSim().state.headSha(PROJECT));

    const rawFile = await call(
      `${api()}/repository/files/Dockerfile/raw?ref=main`,
    );
    expect(rawFile.buffer.toString()).toBe(APP_FILES.Dockerfile);
    const etag = rawFile.headers.get('etag')!;
    const notModified = await call(
      `${api()}/repository/files/Dockerfile/raw?ref=main`,
      {
        headers: { 'If-None-Match': etag },
      },
    );
    expect(notModified.status).toBe(304);

    const noRef = await call(`${api()}/repository/files/Dockerfile`);
    expect(noRef.status).toBe(400);
    expect(noRef.body).toEqual({ error: 'ref is missing' });
    const missing = await call(`${api()}/repository/files/nope.txt?ref=main`);
    expect(missing.body).toEqual({ message: '404 File Not Found' });
    for (const bad of ['../../etc/passwd', 'a/../../b', '.git/config']) {
      const response = await call(
        `${api()}/repository/files/${encodeURIComponent(bad)}/raw?ref=main`,
      );
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: 'file_path should be a valid file path',
      });
    }
  });

  it('answers the commit lookup and the archive GitlabUrlReader.readTree uses', async () => {
    const sim = getSim();
    const head = sim.state.headSha(PROJECT)!;
    const commits = await call(`${api()}/repository/commits?ref_name=main`);
    expect(commits.body[0].id).toBe(head);
    const scoped = await call(
      `${api()}/repository/commits?ref_name=main&path=docs`,
    );
    expect(scoped.body[0].id).toBe(head);

    const archive = await call(`${api()}/repository/archive?sha=main`);
    expect(archive.status).toBe(200);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scm-gl-'));
    try {
      writeFileSync(path.join(dir, 'a.tar.gz'), archive.buffer);
      await extract({ file: path.join(dir, 'a.tar.gz'), cwd: dir });
      const root = path.join(dir, `build-notifier-main-${head}`);
      for (const [file, content] of Object.entries(APP_FILES)) {
        expect(readFileSync(path.join(root, file), 'utf8')).toBe(content);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const sub = await call(
      `${api()}/repository/archive.tar.gz?sha=main&path=docs`,
    );
    expect(sub.status).toBe(200);
    const badPath = await call(
      `${api()}/repository/archive?sha=main&path=..%2F..`,
    );
    expect(badPath.status).toBe(400);
  });

  it('creates branches and commits with actions', async () => {
    const sim = getSim();
    const branch = await call(
      `${api()}/repository/branches?branch=fix-1&ref=main`,
      {
        method: 'POST',
      },
    );
    expect(branch.status).toBe(201);
    expect(branch.body.commit.id).toBe(sim.state.headSha(PROJECT));
    const again = await call(
      `${api()}/repository/branches?branch=fix-1&ref=main`,
      {
        method: 'POST',
      },
    );
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ message: 'Branch already exists' });

    const commit = await call(`${api()}/repository/commits`, {
      method: 'POST',
      body: {
        branch: 'fix-2',
        start_branch: 'main',
        commit_message: 'Cache mounts',
        actions: [
          {
            action: 'update',
            file_path: 'Dockerfile',
            content: 'FROM node:22\n',
          },
          {
            action: 'create',
            file_path: 'ci/cache.yml',
            content: 'cache: true\n',
          },
          { action: 'delete', file_path: 'package.json' },
          {
            action: 'create',
            file_path: 'bin/run',
            content: Buffer.from('#!/bin/sh\n').toString('base64'),
            encoding: 'base64',
            execute_filemode: true,
          },
        ],
      },
    });
    expect(commit.status).toBe(201);
    expect(commit.body).toMatchObject({
      title: 'Cache mounts',
      parent_ids: [sim.state.headSha(PROJECT)],
    });
    expect(sim.state.branches(PROJECT)['fix-2']).toBe(commit.body.id);
    expect(sim.state.readFile(PROJECT, 'Dockerfile', 'fix-2')).toBe(
      'FROM node:22\n',
    );
    expect(sim.state.readFile(PROJECT, 'ci/cache.yml', 'fix-2')).toBe(
      'cache: true\n',
    );
    expect(
      sim.state.readFile(PROJECT, 'package.json', 'fix-2'),
    ).toBeUndefined();
    expect(sim.state.readFile(PROJECT, 'bin/run', 'fix-2')).toBe('#!/bin/sh\n');

    const exists = await call(`${api()}/repository/commits`, {
      method: 'POST',
      body: {
        branch: 'fix-2',
        commit_message: 'x',
        actions: [{ action: 'create', file_path: 'Dockerfile', content: 'x' }],
      },
    });
    expect(exists.status).toBe(400);
    expect(exists.body).toEqual({
      message: 'A file with this name already exists',
    });
    const missing = await call(`${api()}/repository/commits`, {
      method: 'POST',
      body: {
        branch: 'fix-2',
        commit_message: 'x',
        actions: [{ action: 'update', file_path: 'nope', content: 'x' }],
      },
    });
    expect(missing.body).toEqual({
      message: "A file with this name doesn't exist",
    });
    const traversal = await call(`${api()}/repository/commits`, {
      method: 'POST',
      body: {
        branch: 'fix-2',
        commit_message: 'x',
        actions: [
          { action: 'create', file_path: '../../outside', content: 'x' },
        ],
      },
    });
    expect(traversal.status).toBe(400);
    const noBranch = await call(`${api()}/repository/commits`, {
      method: 'POST',
      body: { commit_message: 'x', actions: [] },
    });
    expect(noBranch.body).toEqual({ error: 'branch is missing' });
  });
});

describe('GitLab issues and merge requests', () => {
  const api = () => `${getSim().gitlabApiUrl}/projects/${ENCODED}`;

  it('creates, filters, comments on and closes issues', async () => {
    const sim = getSim();
    const created = await call(`${api()}/issues`, {
      method: 'POST',
      body: {
        title: 'BC1002 cache',
        description: 'details',
        labels: 'buildcache,ci',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      iid: 1,
      state: 'opened',
      labels: ['buildcache', 'ci'],
      web_url: `${sim.gitlabUrl}/${PROJECT}/-/issues/1`,
    });
    await call(`${api()}/issues`, {
      method: 'POST',
      body: { title: 'Unrelated' },
    });
    const search = await call(`${api()}/issues?search=bc1002&state=opened`);
    expect(search.body.map((i: any) => i.iid)).toEqual([1]);
    const labels = await call(`${api()}/issues?labels=buildcache`);
    expect(labels.body.map((i: any) => i.iid)).toEqual([1]);
    expect(labels.headers.get('x-total')).toBe('1');

    const note = await call(`${api()}/issues/1/notes`, {
      method: 'POST',
      body: { body: 'ping' },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      body: 'ping',
      noteable_type: 'Issue',
      noteable_iid: 1,
    });
    const closed = await call(`${api()}/issues/1`, {
      method: 'PUT',
      body: { state_event: 'close', add_labels: 'done' },
    });
    expect(closed.body).toMatchObject({
      state: 'closed',
      labels: ['buildcache', 'ci', 'done'],
    });
    const opened = await call(`${api()}/issues?state=opened`);
    expect(opened.body.map((i: any) => i.iid)).toEqual([2]);
    const reopened = await call(`${api()}/issues/1?state_event=reopen`, {
      method: 'PUT',
    });
    expect(reopened.body.state).toBe('opened');
  });

  it('creates merge requests, answers 409 for a second one, and merges', async () => {
    const sim = getSim();
    sim.commit(PROJECT, 'mr-1', { 'README.md': 'fixed\n' }, 'Fix readme');
    const created = await call(`${api()}/merge_requests`, {
      method: 'POST',
      body: {
        source_branch: 'mr-1',
        target_branch: 'main',
        title: 'Fix readme',
        description: 'Generated by buildcache',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'opened',
      source_branch: 'mr-1',
      target_branch: 'main',
      title: 'Fix readme',
      sha: sim.state.headSha(PROJECT, 'mr-1'),
    });
    const iid = created.body.iid;
    expect(created.body.web_url).toBe(
      `${sim.gitlabUrl}/${PROJECT}/-/merge_requests/${iid}`,
    );

    const duplicate = await call(`${api()}/merge_requests`, {
      method: 'POST',
      body: { source_branch: 'mr-1', target_branch: 'main', title: 'Again' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      message: [
        `Another open merge request already exists for this source branch: !${iid}`,
      ],
    });

    const listed = await call(
      `${api()}/merge_requests?source_branch=mr-1&state=opened`,
    );
    expect(listed.body.map((m: any) => m.iid)).toEqual([iid]);
    const note = await call(`${api()}/merge_requests/${iid}/notes`, {
      method: 'POST',
      body: { body: 'looks good' },
    });
    expect(note.body.noteable_type).toBe('MergeRequest');
    const updated = await call(`${api()}/merge_requests/${iid}`, {
      method: 'PUT',
      body: { title: 'Fix readme (v2)' },
    });
    expect(updated.body.title).toBe('Fix readme (v2)');

    const merged = await call(`${api()}/merge_requests/${iid}/merge`, {
      method: 'PUT',
    });
    expect(merged.body).toMatchObject({ state: 'merged' });
    expect(sim.state.readFile(PROJECT, 'README.md')).toBe('fixed\n');
    expect(sim.state.pulls(PROJECT)[0]).toMatchObject({
      merged: true,
      head: 'mr-1',
    });

    const missingBranch = await call(`${api()}/merge_requests`, {
      method: 'POST',
      body: { source_branch: 'nope', target_branch: 'main', title: 'x' },
    });
    expect(missingBranch.status).toBe(400);
    const noTitle = await call(`${api()}/merge_requests`, {
      method: 'POST',
      body: { source_branch: 'mr-1', target_branch: 'main' },
    });
    expect(noTitle.body).toEqual({ error: 'title is missing' });
  });
});
