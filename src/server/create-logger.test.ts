import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

function capture() {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { out, lines };
}

describe('createLogger', () => {
  it("writes pino-pretty's lines for pretty: a request on one line, a warning with its fields", () => {
    const { out, lines } = capture();
    const log = createLogger('info', 'pretty', out);
    log.info(
      { method: 'POST', path: '/enroll', outcome: 'ERROR', source: 'rule', rule: 'slow-users', latencyMs: 3 },
      'POST /enroll -> ERROR [rule slow-users] (3 ms)',
    );
    log.warn({ host: 'evil.test' }, 'admin request refused');
    expect(lines).toEqual([
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/enroll -> ERROR \[rule slow-users\] \(3 ms\)$/),
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: admin request refused$/),
      '    host: "evil.test"',
    ]);
  });

  it('writes one JSON object a line for json, every field kept', () => {
    const { out, lines } = capture();
    createLogger('info', 'json', out).info({ outcome: 'ERROR', rule: 'slow-users', latencyMs: 3 }, 'a request');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, outcome: 'ERROR', rule: 'slow-users', latencyMs: 3, msg: 'a request' });
  });

  it('guesses json when the output is not a terminal', () => {
    const { out, lines } = capture();
    createLogger('info', 'auto', out).info('hello');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'hello' });
  });
});
