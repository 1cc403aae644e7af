import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollPath, outcomeNames } from '../../src/generated/outcomes.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
/** What a user downloads to use the kit with msw: the tarball, its dependencies and msw's (du, in MiB). */
const MAX_INSTALL_MIB = 60;
let project: string;

/**
 * A user's project: the packed tarball (what npm publish would ship) installed next to msw, imported only by
 * the package's published entry points.
 */
beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'face-enroll-consumer-'));
  // dist is built once for the whole run (test/support/global-setup.ts); --ignore-scripts keeps prepack from
  // rebuilding it under the feet of the other test files that run the built CLI at the same time.
  const { stdout } = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', project], {
    cwd: root,
    maxBuffer: 10_000_000,
  });
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
  it('answers an enroll through face-enroll-mock/node and exposes the isomorphic kit at the root', async () => {
    writeFileSync(
      join(project, 'check.mjs'),
      `
      import { readFileSync } from 'node:fs';
      import { server, enrollments, enrollOutcome } from 'face-enroll-mock/node';
      import { outcomeNames, apiPaths, createResponder } from 'face-enroll-mock';
      const face = readFileSync(new URL('./node_modules/face-enroll-mock/fixtures/images/face.jpg', import.meta.url)).toString('base64');
      server.listen({ onUnhandledRequest: 'error' });
      const call = () => fetch('https://sg-api.advance.ai' + apiPaths.saveEnroll, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-access-token': 't' },
        body: JSON.stringify({ faceImage: face, userId: 'consumer-1', region: 'PHL' }),
      }).then((r) => r.json());
      const first = await call();
      server.use(enrollOutcome('REGION_WRONG'));
      const second = await call();
      console.log(JSON.stringify({ first: first.code, second: second.code, stored: enrollments.count(), names: outcomeNames, responder: typeof createResponder }));
      server.close();
      `,
    );
    const { stdout } = await run('node', ['check.mjs'], { cwd: project });
    // The packed catalog is the one the repository's spec generates today.
    expect(JSON.parse(stdout)).toEqual({
      first: 'SUCCESS',
      second: 'REGION_WRONG',
      stored: 1,
      names: [...outcomeNames],
      responder: 'function',
    });
  });

  it('installs the face-enroll-mock bin, which prints its commands and their usage', async () => {
    const { stdout } = await run('npx', ['--no-install', 'face-enroll-mock', 'serve', '--help'], { cwd: project });
    expect(stdout).toContain('Usage: face-enroll-mock serve [options]');
    const { stdout: bare } = await run('npx', ['--no-install', 'face-enroll-mock', '--help'], { cwd: project });
    expect(bare).toMatch(/^Usage: face-enroll-mock <command> \[options\]\n\nCommands:\n {2}serve /);
  });

  // The bin is one esbuild bundle: Prism, pino and the rest are not installed here, so a dependency the bundle
  // failed to inline breaks this start (or the answer's validation) rather than a user's.
  it('serves from the installed bin (npx face-enroll-mock serve --port 0) and answers an enroll on loopback', async () => {
    // detached: npx starts the bin as its own child; the whole process group is stopped at the end.
    const child = spawn('npx', ['--no-install', 'face-enroll-mock', 'serve', '--port', '0', '--log-format', 'json'], {
      cwd: project,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const url = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no ready line within 30 s:\n${output}`)), 30_000);
        const look = () => {
          const ready = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
          if (ready) return (clearTimeout(timer), done(ready[1]!));
        };
        child.stdout.on('data', look);
        void exited.then((code) => (clearTimeout(timer), fail(new Error(`the CLI exited (${code}) before it was ready:\n${output}`))));
      });
      const face = readFileSync(join(project, 'node_modules/face-enroll-mock/fixtures/images/face.jpg')).toString('base64');
      const response = await fetch(url + enrollPath, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-access-token': 't' },
        body: JSON.stringify({ faceImage: face, userId: 'consumer-cli-1', region: 'PHL' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ code: 'SUCCESS', message: 'OK' });
      // The answer went through the server's embedded Prism validation without a violation.
      expect(output).not.toMatch(/violation/i);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch (error) {
        // ESRCH: the group has already exited (a failed start); the assertion above says why.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
      await exited;
    }
  }, 60_000);

  // The server entry is its own esbuild bundle (Prism and pino are not installed here); what a CI suite's
  // global setup does with it: start on a free port, enroll once, read the coverage, close.
  it('starts the server from code (face-enroll-mock/server) on port 0, answers an enroll and closes', async () => {
    writeFileSync(
      join(project, 'server.mjs'),
      `
      import { readFileSync } from 'node:fs';
      import { startMockServer } from 'face-enroll-mock/server';
      const face = readFileSync(new URL('./node_modules/face-enroll-mock/fixtures/images/face.jpg', import.meta.url)).toString('base64');
      const mock = await startMockServer({ port: 0 });
      const response = await fetch(mock.url + '${enrollPath}', {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-access-token': 't' },
        body: JSON.stringify({ faceImage: face, userId: 'consumer-server-1', region: 'PHL' }),
      });
      const body = await response.json();
      const success = mock.coverage().entries.find((entry) => entry.name === 'SUCCESS').count;
      await mock.close();
      console.log(JSON.stringify({ url: /^http:\\/\\/127\\.0\\.0\\.1:\\d+$/.test(mock.url), status: response.status, code: body.code, stored: await mock.store.count(), success }));
      `,
    );
    // The process exits by itself only when close() really closed the server.
    const { stdout } = await run('node', ['server.mjs'], { cwd: project, timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ url: true, status: 200, code: 'SUCCESS', stored: 1, success: 1 });
  }, 60_000);

  // Types are checked as a strict TypeScript project would check them, library declarations included: the
  // server's declarations must not name pino or Prism, which are not installed here.
  it("types face-enroll-mock/server from the installed package's declarations", async () => {
    writeFileSync(
      join(project, 'typed.ts'),
      `
      import { startMockServer, type StartedMockServer, type ServerOptions } from 'face-enroll-mock/server';
      const options: ServerOptions = { port: 0, seed: 1, rules: false, privateUrls: 'allow' };
      const mock: StartedMockServer = await startMockServer(options);
      const url: string = mock.url;
      const never: string[] = mock.coverage().never;
      await mock.rules.add({ name: 'typed', match: { userId: 'x' }, outcome: 'REGION_WRONG' });
      // @ts-expect-error -- the coverage is a function, not a report
      mock.coverage.total;
      await mock.close();
      export { url, never };
      `,
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const args = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      'false',
      '--module',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
      'typed.ts',
    ];
    // @types/node from the kit's own install: the consumer project has no TypeScript setup of its own.
    await run('node', [tsc, ...args, '--typeRoots', join(root, 'node_modules/@types')], { cwd: project }).catch(
      (error: { stdout: string }) => {
        throw new Error(`tsc rejected typed.ts:\n${error.stdout}`);
      },
    );
  }, 60_000);

  it(`installs, with msw, in under ${MAX_INSTALL_MIB} MiB`, async () => {
    const { stdout: du } = await run('du', ['-sk', 'node_modules'], { cwd: project });
    const mib = Number(du.split(/\s/)[0]) / 1024;
    const { stdout: ls } = await run('npm', ['ls', '--all', '--parseable'], { cwd: project, maxBuffer: 10_000_000 });
    const packages = new Set(ls.trim().split('\n').slice(1)).size;
    console.log(`face-enroll-mock + msw installed: ${packages} packages, ${mib.toFixed(1)} MiB (du -sk node_modules)`);
    expect(mib).toBeLessThan(MAX_INSTALL_MIB);
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
    // (The contract table is every file but those that configure the mock or expect a transport fault.)
    const table = readdirSync(join(root, 'fixtures/scenarios'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(join(root, 'fixtures/scenarios', f), 'utf8'))
      .filter((text) => !/^options:/m.test(text) && !/^ {2}fault:/m.test(text)).length;
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
        // Resolving does not read the file: say whether it is there too (an exports entry the build never wrote).
        `import { existsSync } from 'node:fs'; import { fileURLToPath } from 'node:url'; for (const s of ['face-enroll-mock', 'face-enroll-mock/msw', 'face-enroll-mock/node', 'face-enroll-mock/browser', 'face-enroll-mock/server', 'face-enroll-mock/contract', 'face-enroll-mock/contract/vitest', 'face-enroll-mock/spec/openapi.yaml', 'face-enroll-mock/fixtures/images/face.jpg']) { const u = import.meta.resolve(s); console.log(u.replace(/^.*node_modules\\//, '') + (existsSync(fileURLToPath(u)) ? '' : ' (missing)')); }`,
      ],
      { cwd: project },
    );
    expect(stdout.trim().split('\n')).toEqual([
      'face-enroll-mock/dist/lib/index.mjs',
      'face-enroll-mock/dist/lib/msw.mjs',
      'face-enroll-mock/dist/lib/node.mjs',
      'face-enroll-mock/dist/lib/browser.mjs',
      'face-enroll-mock/dist/bundle/server.mjs',
      'face-enroll-mock/dist/bundle/contract.mjs',
      'face-enroll-mock/dist/bundle/contract-vitest.mjs',
      'face-enroll-mock/spec/openapi.yaml',
      'face-enroll-mock/fixtures/images/face.jpg',
    ]);
  });

  // Only the package's "dependencies" are installed here: an entry point that imports a devDependency
  // (the CLI's Prism, pino, ...) fails to load.
  it('imports every Node entry point with only the runtime dependencies installed', async () => {
    const { stdout } = await run(
      'node',
      [
        '--input-type=module',
        '-e',
        `for (const s of ['face-enroll-mock', 'face-enroll-mock/msw', 'face-enroll-mock/node', 'face-enroll-mock/client', 'face-enroll-mock/contract']) console.log(s, Object.keys(await import(s)).length > 0)`,
      ],
      { cwd: project },
    );
    expect(stdout.trim().split('\n')).toEqual([
      'face-enroll-mock true',
      'face-enroll-mock/msw true',
      'face-enroll-mock/node true',
      'face-enroll-mock/client true',
      'face-enroll-mock/contract true',
    ]);
  });

  // Vite (and Node's resolver) refuse a deep import the exports map does not list (ERR_PACKAGE_PATH_NOT_EXPORTED).
  it('exports the fixture images: a bundler resolves face-enroll-mock/fixtures/images/face.jpg', async () => {
    const result = await build({
      stdin: { contents: "export { default } from 'face-enroll-mock/fixtures/images/face.jpg';", resolveDir: project },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      loader: { '.jpg': 'base64' },
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    // The image itself came in: the bundle carries the installed file's bytes.
    const face = readFileSync(join(project, 'node_modules/face-enroll-mock/fixtures/images/face.jpg')).toString('base64');
    expect(result.outputFiles[0]!.text).toContain(face.slice(0, 200));
  });

  // setupWorker refuses to run in Node, so the browser entry is checked the way an app uses it: bundled.
  it('bundles face-enroll-mock/browser for a browser from the installed package', async () => {
    const result = await build({
      stdin: { contents: "export { worker, handlers } from 'face-enroll-mock/browser';", resolveDir: project },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).toContain('setupWorker');
  });

  // The maps point at src/*.ts and mocks/*.ts, which are not published: each must carry the source it maps.
  it('ships source maps that carry their TypeScript sources', () => {
    const dist = join(project, 'node_modules/face-enroll-mock/dist');
    const maps = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.map'));
    // One for each of the five bundled entries at least, and their chunks'.
    for (const entry of ['index', 'msw', 'node', 'browser', 'client']) expect(maps).toContain(`lib/${entry}.mjs.map`);
    for (const file of maps) {
      const map = JSON.parse(readFileSync(join(dist, file), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      const sources = map.sources.map((source) => resolve(root, 'dist', dirname(file), source));
      expect(map.sourcesContent, `${file} has no sourcesContent`).toEqual(sources.map((source) => readFileSync(source, 'utf8')));
    }
  });
});
