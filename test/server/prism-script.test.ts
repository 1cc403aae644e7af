import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { enrollPath } from '../../src/generated/outcomes.js';
import { freePort, waitForHttp } from '../support/free-port.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run prism (plain Prism, docs/server-and-cli.md "Plain Prism, as an alternative")', () => {
  // The script used to pass -p 4010 itself, so a second -p made Prism's port an array and Prism crashed.
  it('takes the port from the command line: npm run prism -- -p N serves the examples on N', async () => {
    const port = await freePort();
    const child = spawn('npm', ['run', '-s', 'prism', '--', '-p', String(port)], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const url = `http://127.0.0.1:${port}`;
      await Promise.race([
        waitForHttp(url, 45_000),
        exited.then((code) => Promise.reject(new Error(`npm run prism exited (${code}) before it listened:\n${output}`))),
      ]);
      const response = await fetch(url + enrollPath, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-access-token': 't', prefer: 'example=REGION_WRONG' },
        body: JSON.stringify({ faceImage: 'x', userId: 'prism-1', region: 'PHL' }),
      });
      expect(await response.json()).toMatchObject({ code: 'REGION_WRONG' });
    } finally {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
      await exited;
    }
  }, 60_000);
});
