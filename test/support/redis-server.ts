import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export const REDIS_SERVER_PATH = '/usr/bin/redis-server';

/**
 * Why a Redis test cannot run here, or null when it can. With REQUIRE_REDIS set (as .ci/run does) a missing
 * redis-server is an error, not a skip.
 */
export function redisSkipReason(): string | null {
  if (existsSync(REDIS_SERVER_PATH)) return null;
  const reason = `redis-server not found at ${REDIS_SERVER_PATH}; install it with: apt-get update && apt-get install -y redis-server`;
  if (process.env.REQUIRE_REDIS) throw new Error(`REQUIRE_REDIS is set but ${reason}`);
  return reason;
}

export interface RunningRedis {
  url: string;
  port: number;
  /** Stops it (SIGTERM) and removes its directory; nothing is saved (--save '', --appendonly no). */
  stop(): Promise<void>;
  /** Stops it without removing anything, for a test of Redis going away; `start()` brings it back on the same port. */
  pause(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that is up (its port open) but answers nothing. */
  freeze(): void;
  thaw(): void;
}

/** Debian's redis-server on a free loopback port, in a temporary directory, persisting nothing. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fem-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(REDIS_SERVER_PATH, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      cwd: dir,
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (await answersPing(port)) return;
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}) before answering on port ${port}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port} within 10 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const pause = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    pause,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async stop() {
      await pause();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}
