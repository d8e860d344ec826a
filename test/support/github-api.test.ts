import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { findGitHubOperation, MAX_COMMENT_LENGTH, startGitHubApi, type GitHubApiServer, type PullFileState } from './github-api.js';
import { createGitHub } from '../../src/github/client.js';

const owner = 'acme';
const repo = 'widgets';
const BASE_SHA = 'a'.repeat(40);
const HEAD_SHA = 'b'.repeat(40);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** 250 changed files, every tenth one a rename. */
const manyFiles: PullFileState[] = Array.from({ length: 250 }, (_, i) =>
  i % 10 === 0 ? { filename: `infra/new-${i}.tf`, previous_filename: `infra/old-${i}.tf`, status: 'renamed' } : { filename: `infra/file-${i}.tf`, status: 'modified', additions: 2, deletions: 1 },
);

let gh: GitHubApiServer;
let octokit: Octokit;

beforeEach(async () => {
  gh = await startGitHubApi({
    owner,
    repo,
    pulls: [
      {
        number: 1,
        title: 'Drop the legacy table',
        user: { login: 'alice' },
        head: { sha: HEAD_SHA, ref: 'feature', repo: { full_name: 'alice/widgets', fork: true } },
        base: { sha: BASE_SHA, ref: 'main', repo: { full_name: `${owner}/${repo}` } },
        files: manyFiles,
      },
      {
        // No explicit files: the list is derived from the trees at base and head.
        number: 2,
        user: { login: 'bob' },
        head: { sha: HEAD_SHA, ref: 'feature', repo: { full_name: `${owner}/${repo}`, fork: false } },
        base: { sha: BASE_SHA, ref: 'main', repo: { full_name: `${owner}/${repo}` } },
      },
    ],
    files: {
      [BASE_SHA]: {
        'blastgate.yml': 'version: 1\n',
        'db/migrate/001.sql': 'CREATE TABLE t (id int);\n',
        'README.md': '# widgets\n',
      },
      [HEAD_SHA]: {
        'blastgate.yml': 'version: 1\nrules: []\n',
        'db/migrate/001.sql': 'CREATE TABLE t (id int);\n',
        'db/migrate/002.sql': 'DROP TABLE t;\n',
        'docs/ünïcode.md': 'héllo\n',
      },
    },
    reviews: [
      { pull_number: 1, user: 'carol', state: 'APPROVED', submitted_at: '2024-01-02T00:00:00Z' },
      { pull_number: 1, user: 'dave', state: 'CHANGES_REQUESTED', body: 'no' },
      { pull_number: 2, user: 'erin', state: 'COMMENTED' },
    ],
    teams: { 'acme/dba': ['carol', { login: 'Dave', role: 'maintainer' }] },
  });
  octokit = new Octokit({ auth: 'ghs_test', baseUrl: gh.url, log: silent });
});

afterEach(async () => {
  await gh.close();
});

describe('OpenAPI matching', () => {
  it('finds operations by method and path template, literal segments first', async () => {
    expect((await findGitHubOperation('GET', '/repos/o/r/pulls/7/files'))?.operationId).toBe('pulls/list-files');
    const comments = await findGitHubOperation('GET', '/repos/o/r/pulls/comments');
    expect(comments?.operationId).toBe('pulls/list-review-comments-for-repo');
    const content = await findGitHubOperation('GET', '/repos/o/r/contents/a%2Fb/c.txt');
    expect(content?.route).toBe('/repos/{owner}/{repo}/contents/{path}');
    expect(content?.params).toEqual({ owner: 'o', repo: 'r', path: 'a/b/c.txt' });
    expect(await findGitHubOperation('GET', '/repos/o/r/not-a-thing')).toBeUndefined();
  });
});

describe('pull requests', () => {
  it('serves the pull request', async () => {
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: 1 });
    expect(data.number).toBe(1);
    expect(data.head).toMatchObject({ sha: HEAD_SHA, ref: 'feature', repo: { full_name: 'alice/widgets', fork: true } });
    expect(data.base).toMatchObject({ sha: BASE_SHA, ref: 'main', repo: { full_name: 'acme/widgets' } });
    expect(data.user?.login).toBe('alice');
    expect(data.changed_files).toBe(250);
    await expect(octokit.rest.pulls.get({ owner, repo, pull_number: 99 })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.pulls.get({ owner: 'other', repo, pull_number: 1 })).rejects.toMatchObject({ status: 404 });
    expect(gh.violations).toEqual([]);
  });

  it('paginates 250 changed files over 3 requests with Link headers', async () => {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: 1, per_page: 100 });
    expect(files).toHaveLength(250);
    expect(files.map((f) => f.filename)).toEqual(manyFiles.map((f) => f.filename));
    expect(files[0]).toMatchObject({ status: 'renamed', previous_filename: 'infra/old-0.tf' });
    expect(files[1]).toMatchObject({ status: 'modified', additions: 2, deletions: 1, changes: 3 });
    expect(files[1]).not.toHaveProperty('previous_filename');

    const listCalls = gh.requests.filter((r) => r.operationId === 'pulls/list-files');
    expect(listCalls).toHaveLength(3);
    expect(listCalls.map((r) => r.query)).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }, { per_page: '100', page: '3' }]);

    const first = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: 1, per_page: 100 });
    expect(first.headers.link).toBe(`<${gh.url}/repos/acme/widgets/pulls/1/files?per_page=100&page=2>; rel="next", ` + `<${gh.url}/repos/acme/widgets/pulls/1/files?per_page=100&page=3>; rel="last"`);
    const defaultPage = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: 1 });
    expect(defaultPage.data).toHaveLength(30);
    const capped = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: 1, per_page: 500 });
    expect(capped.data).toHaveLength(100);
    expect(gh.violations).toEqual([]);
  });

  it('derives the changed files from the base and head trees', async () => {
    const { data } = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: 2 });
    expect(data.map((f) => [f.filename, f.status, f.additions, f.deletions])).toEqual([
      ['README.md', 'removed', 0, 1],
      ['blastgate.yml', 'modified', 1, 0],
      ['db/migrate/002.sql', 'added', 1, 0],
      ['docs/ünïcode.md', 'added', 1, 0],
    ]);
    expect(gh.violations).toEqual([]);
  });

  it('lists reviews', async () => {
    const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: 1 });
    expect(reviews.map((r) => [r.user?.login, r.state, r.commit_id])).toEqual([
      ['carol', 'APPROVED', HEAD_SHA],
      ['dave', 'CHANGES_REQUESTED', HEAD_SHA],
    ]);
    expect(reviews[0]?.submitted_at).toBe('2024-01-02T00:00:00Z');
    expect(gh.violations).toEqual([]);
  });
});

describe('comments', () => {
  it('creates, lists and updates a comment as the token identity', async () => {
    const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'first' });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ body: 'first', user: { login: 'github-actions[bot]', type: 'Bot' } });
    expect(created.data.html_url).toBe(`https://github.com/acme/widgets/pull/1#issuecomment-${created.data.id}`);

    const updated = await octokit.rest.issues.updateComment({ owner, repo, comment_id: created.data.id, body: 'second' });
    expect(updated.data).toMatchObject({ id: created.data.id, body: 'second' });

    const listed = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: 1 });
    expect(listed.map((c) => c.body)).toEqual(['second']);
    expect(gh.state.comments).toHaveLength(1);
    expect(gh.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /repos/acme/widgets/issues/1/comments 201',
      `PATCH /repos/acme/widgets/issues/comments/${created.data.id} 200`,
      'GET /repos/acme/widgets/issues/1/comments 200',
    ]);
    expect(gh.requests[0]?.body).toEqual({ body: 'first' });
    expect(gh.violations).toEqual([]);
  });

  it(`rejects bodies over ${MAX_COMMENT_LENGTH} characters with GitHub's 422`, async () => {
    // Exactly at the limit is fine, and the limit counts characters, not UTF-16 units.
    await octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: '😀'.repeat(MAX_COMMENT_LENGTH) });
    const error = await octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'IssueComment',
              code: 'unprocessable',
              field: 'data',
              message: 'Body is too long (maximum is 65536 characters)',
            },
          ],
        },
      },
    });
    expect(gh.state.comments).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  });

  it('answers 403 to writes in read-only (fork PR) mode', async () => {
    gh.state.readOnly = true;
    await expect(octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'x' })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: 'Resource not accessible by integration' } },
    });
    await expect(octokit.rest.issues.listComments({ owner, repo, issue_number: 1 })).resolves.toMatchObject({ status: 200 });
    expect(gh.state.comments).toEqual([]);
    expect(gh.violations).toEqual([]);
  });
});

describe('contents and trees', () => {
  it('returns a file at a ref as base64 JSON and as raw bytes', async () => {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path: 'db/migrate/002.sql', ref: HEAD_SHA });
    if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file');
    expect(data).toMatchObject({ type: 'file', encoding: 'base64', path: 'db/migrate/002.sql', name: '002.sql', size: 14 });
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe('DROP TABLE t;\n');
    // `git hash-object` of the content:
    expect(data.sha).toBe('44889625a1c829bffbad0e1b733dcc964931a884');
    // octokit encodes "/" inside {path} as %2F; the recorded path is decoded.
    expect(gh.requests[0]).toMatchObject({
      rawPath: '/repos/acme/widgets/contents/db%2Fmigrate%2F002.sql',
      path: '/repos/acme/widgets/contents/db/migrate/002.sql',
    });

    const raw = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: 'docs/ünïcode.md',
      ref: HEAD_SHA,
      mediaType: { format: 'raw' }, // Accept: application/vnd.github.v3.raw
    });
    expect(raw.data).toBe('héllo\n');
    const rawJson = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner,
      repo,
      path: 'blastgate.yml',
      ref: BASE_SHA,
      headers: { accept: 'application/vnd.github.raw+json' },
    });
    expect(rawJson.data).toBe('version: 1\n');

    // A branch name resolves through the pull's head ref.
    const viaBranch = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: 'blastgate.yml',
      ref: 'feature',
      mediaType: { format: 'raw' },
    });
    expect(viaBranch.data).toBe('version: 1\nrules: []\n');

    const missing = octokit.rest.repos.getContent({ owner, repo, path: 'db/migrate/002.sql', ref: BASE_SHA });
    await expect(missing).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Not Found', documentation_url: expect.stringContaining('docs.github.com') } },
    });
    expect(gh.violations).toEqual([]);
  });

  it('lists a directory', async () => {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path: 'db', ref: HEAD_SHA });
    expect(data).toEqual([expect.objectContaining({ type: 'dir', name: 'migrate', path: 'db/migrate' })]);
    const root = await octokit.rest.repos.getContent({ owner, repo, path: '', ref: HEAD_SHA });
    expect((root.data as Array<{ path: string }>).map((e) => e.path)).toEqual(['blastgate.yml', 'db', 'docs']);
    expect(gh.violations).toEqual([]);
  });

  it('lists a tree recursively', async () => {
    const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: HEAD_SHA, recursive: '1' });
    expect(data.truncated).toBe(false);
    expect(data.tree.filter((e) => e.type === 'blob').map((e) => e.path)).toEqual(['blastgate.yml', 'db/migrate/001.sql', 'db/migrate/002.sql', 'docs/ünïcode.md']);
    const flat = await octokit.rest.git.getTree({ owner, repo, tree_sha: HEAD_SHA });
    expect(flat.data.tree.map((e) => `${e.type} ${e.path}`)).toEqual(['blob blastgate.yml', 'tree db', 'tree docs']);
    // A subtree SHA handed out above can be fetched in turn.
    const db = flat.data.tree.find((e) => e.path === 'db');
    const sub = await octokit.rest.git.getTree({ owner, repo, tree_sha: db!.sha });
    expect(sub.data.tree.map((e) => e.path)).toEqual(['migrate']);
    expect(gh.violations).toEqual([]);
  });

  it('compares two refs and gets a commit', async () => {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: 'main...feature' });
    expect(data.status).toBe('ahead');
    expect(data.files?.map((f) => `${f.status} ${f.filename}`)).toEqual(['removed README.md', 'modified blastgate.yml', 'added db/migrate/002.sql', 'added docs/ünïcode.md']);
    const commit = await octokit.rest.repos.getCommit({ owner, repo, ref: 'feature' });
    expect(commit.data.sha).toBe(HEAD_SHA);
    await expect(octokit.rest.repos.getCommit({ owner, repo, ref: 'nope' })).rejects.toMatchObject({ status: 422 });
    expect(gh.violations).toEqual([]);
  });
});

describe('teams', () => {
  it('reports active membership or 404', async () => {
    const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'dba', username: 'dave' });
    expect(data).toMatchObject({ state: 'active', role: 'maintainer' });
    await expect(octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'dba', username: 'mallory' })).rejects.toMatchObject({ status: 404 });
    expect(gh.violations).toEqual([]);
  });
});

describe('fault injection', () => {
  it('serves a scripted 500 once, then the real answer', async () => {
    const fault = gh.fail({ method: 'GET', path: /\/pulls\/1\/files$/, status: 500 });
    await expect(octokit.rest.pulls.listFiles({ owner, repo, pull_number: 1 })).rejects.toMatchObject({ status: 500 });
    await expect(octokit.rest.pulls.listFiles({ owner, repo, pull_number: 1 })).resolves.toMatchObject({ status: 200 });
    expect(fault).toMatchObject({ used: 1, remaining: 0 });
    expect(gh.requests.map((r) => r.status)).toEqual([500, 200]);

    // The same with Blastgate's client (plugin-retry) absorbing the failure.
    gh.reset();
    gh.fail({ path: /\/pulls\/1\/files$/, status: 502 });
    const retrying = createGitHub({ token: 'ghs_test', baseUrl: gh.url, log: () => {} });
    const { data } = await retrying.rest.pulls.listFiles({ owner, repo, pull_number: 1 });
    expect(data).toHaveLength(30);
    expect(gh.requests.map((r) => r.status)).toEqual([502, 200]);
    expect(gh.violations).toEqual([]);
  });

  it('sends GitHub-shaped 401/403/404 bodies', async () => {
    gh.fail({ path: '/repos/acme/widgets/pulls/1', status: 401 });
    gh.fail({ path: '/repos/acme/widgets/pulls/1', preset: 'not-accessible' });
    gh.fail({ path: '/repos/acme/widgets/pulls/1', status: 404 });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const e = (await octokit.rest.pulls.get({ owner, repo, pull_number: 1 }).catch((err: unknown) => err)) as {
        status: number;
        response: { data: { message: string } };
      };
      statuses.push([e.status, e.response.data.message]);
    }
    expect(statuses).toEqual([
      [401, 'Bad credentials'],
      [403, 'Resource not accessible by integration'],
      [404, 'Not Found'],
    ]);
  });

  it('signals a secondary rate limit that the client understands', async () => {
    gh.fail({ method: 'GET', path: /\/pulls\/1$/, preset: 'secondary-rate-limit' });
    const logged: string[] = [];
    const throttled = createGitHub({ token: 'ghs_test', baseUrl: gh.url, log: (m) => logged.push(m) });
    const { data } = await throttled.rest.pulls.get({ owner, repo, pull_number: 1 });
    expect(data.number).toBe(1);
    expect(logged.filter((m) => m.startsWith('GitHub'))).toEqual([expect.stringMatching(/^GitHub secondary rate limit on GET .*\/pulls\/1: retrying in 1s$/)]);
    expect(gh.requests[0]?.status).toBe(403);
    expect(gh.violations).toEqual([]);
  });

  it('can send a 429 with retry-after and a non-JSON body', async () => {
    gh.fail({ path: /\/pulls\/1$/, status: 429 });
    gh.fail({ path: /\/pulls\/1$/, status: 200, raw: 'not json' });
    const limited = await octokit.rest.pulls.get({ owner, repo, pull_number: 1 }).catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 429, response: { headers: { 'retry-after': '1' } } });
    // octokit hands back the text when a JSON content-type body does not parse.
    const garbled = await octokit.rest.pulls.get({ owner, repo, pull_number: 1 });
    expect(garbled.data).toBe('not json');
  });
});

describe('violations', () => {
  it('records undeclared body properties, query parameters, unknown routes and missing auth', async () => {
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: 1,
      body: 'x',
      bogus: 1,
    });
    // A plain string route is untyped, so the required "body" can be left out.
    const commentId = gh.state.comments[0]!.id;
    await octokit.request(`PATCH /repos/${owner}/${repo}/issues/comments/${commentId}`).catch(() => undefined);
    // Unknown parameters of a GET end up in the query string.
    await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
      owner,
      repo,
      pull_number: 1,
      direction: 'asc',
    });
    await octokit.request('GET /repos/{owner}/{repo}/pull-requests/1', { owner, repo }).catch(() => undefined);
    const anonymous = await fetch(`${gh.url}/repos/acme/widgets/pulls/1`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(anonymous.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    expect(anonymous.headers.get('x-github-request-id')).toBeTruthy();

    expect(gh.violations).toEqual([
      'POST /repos/acme/widgets/issues/1/comments (issues/create-comment): body property "bogus" is not declared',
      `PATCH /repos/acme/widgets/issues/comments/${commentId} (issues/update-comment): request body is required but missing`,
      'GET /repos/acme/widgets/pulls/1/files?direction=asc (pulls/list-files): query parameter "direction" is not declared',
      "GET /repos/acme/widgets/pull-requests/1: no GET operation for this path in GitHub's OpenAPI description",
      'GET /repos/acme/widgets/pulls/1: missing Authorization header',
    ]);
    gh.reset();
    expect(gh.violations).toEqual([]);
    expect(gh.requests).toEqual([]);
  });
});
