import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeNames } from '../../src/generated/outcomes.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
let project: string;

/**
 * A user's project: the packed tarball (what npm publish would ship) installed next to msw, imported only by
 * the package's published entry points.
 */
beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'face-enroll-consumer-'));
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', project], { cwd: root, maxBuffer: 10_000_000 });
  const tarball = stdout.trim().split('\n').pop()!;
  const msw = JSON.parse(readFileSync(join(root, 'node_modules/msw/package.json'), 'utf8')).version as string;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(project, tarball), `msw@${msw}`], {
    cwd: project,
    maxBuffer: 10_000_000,
  });
}, 240_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the packed package, as a user project imports it', () => {
  it('answers an enroll through face-enroll-mock/node and exposes the core at the root', async () => {
    writeFileSync(
      join(project, 'check.mjs'),
      `
      import { readFileSync } from 'node:fs';
      import { server, enrollments, enrollOutcome } from 'face-enroll-mock/node';
      import { outcomeNames, enrollPath, createEnrollCore } from 'face-enroll-mock';
      const face = readFileSync(new URL('./node_modules/face-enroll-mock/fixtures/images/face.jpg', import.meta.url)).toString('base64');
      server.listen({ onUnhandledRequest: 'error' });
      const call = () => fetch('https://sg-api.advance.ai' + enrollPath, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-access-token': 't' },
        body: JSON.stringify({ faceImage: face, userId: 'consumer-1', region: 'PHL' }),
      }).then((r) => r.json());
      const first = await call();
      server.use(enrollOutcome('REGION_WRONG'));
      const second = await call();
      console.log(JSON.stringify({ first: first.code, second: second.code, stored: enrollments.count(), names: outcomeNames, core: typeof createEnrollCore }));
      server.close();
      `,
    );
    const { stdout } = await run('node', ['check.mjs'], { cwd: project });
    // The packed catalog is the one the repository's spec generates today.
    expect(JSON.parse(stdout)).toEqual({ first: 'SUCCESS', second: 'REGION_WRONG', stored: 1, names: [...outcomeNames], core: 'function' });
  });

  it('installs the face-enroll-mock bin, which prints its usage', async () => {
    const { stdout } = await run('npx', ['--no-install', 'face-enroll-mock', 'serve', '--help'], { cwd: project });
    expect(stdout).toContain('Usage: face-enroll-mock serve [options]');
  });

  it('runs npx face-enroll-mock contract: the packaged case table against its own in-process server, exit 0', async () => {
    const { stdout } = await run(
      'npx',
      ['--no-install', 'face-enroll-mock', 'contract', '--json', 'contract.json', '--junit', 'contract.xml'],
      {
        cwd: project,
        env: { ...process.env, ADVANCE_ACCESS_KEY: '', ADVANCE_SECRET_KEY: '', ADVANCE_ACCESS_TOKEN: '' },
        maxBuffer: 10_000_000,
      },
    );
    expect(stdout).toMatch(/^0 failed, 0 warnings, \d+ passed, 0 skipped against http:\/\/127\.0\.0\.1:\d+/m);
    const report = JSON.parse(readFileSync(join(project, 'contract.json'), 'utf8'));
    // Every case of the repository's table ran from the package, the generated 2 MB image and the URL cases included.
    const table = readdirSync(join(root, 'fixtures/scenarios')).filter((f) => f.endsWith('.yaml')).length;
    expect(report.results.length).toBe(table + 1);
    expect(report.results.filter((r: { status: string }) => r.status !== 'pass')).toEqual([]);
    expect(readFileSync(join(project, 'contract.xml'), 'utf8')).toContain(`tests="${table + 1}" failures="0"`);
  }, 120_000);

  it('resolves every published entry point, the browser one included, and ships the spec', async () => {
    const { stdout } = await run(
      'node',
      [
        '--input-type=module',
        '-e',
        `for (const s of ['face-enroll-mock', 'face-enroll-mock/msw', 'face-enroll-mock/node', 'face-enroll-mock/browser', 'face-enroll-mock/contract', 'face-enroll-mock/contract/vitest', 'face-enroll-mock/spec/openapi.yaml']) console.log(import.meta.resolve(s).replace(/^.*node_modules\\//, ''))`,
      ],
      { cwd: project },
    );
    expect(stdout.trim().split('\n')).toEqual([
      'face-enroll-mock/dist/src/core/index.js',
      'face-enroll-mock/dist/mocks/index.js',
      'face-enroll-mock/dist/mocks/node.js',
      'face-enroll-mock/dist/mocks/browser.js',
      'face-enroll-mock/dist/src/contract/index.js',
      'face-enroll-mock/dist/src/contract/define-contract-suite.js',
      'face-enroll-mock/spec/openapi.yaml',
    ]);
  });
});
