import type { LevelWithSilent } from 'pino';
import { formatCommandHelp, type CommandSpec } from './command-spec.js';
import { adminFlags, adminTokenValue, httpUrl, LOG_FORMATS, LOG_LEVELS, logFlags, oneOf, portNumber, wholeNumber } from './flag-values.js';
import { parseCommandArgs } from './parse-command-args.js';

export const PROXY_COMMAND = {
  name: 'proxy',
  summary: 'forward to a real API and report every answer that breaks the spec',
  usage: 'proxy --upstream URL [options]',
  about: `Forwards every request to URL unchanged and checks every answer with the contract command's judge:
failures (an undocumented code or status, a schema violation, no answer, a timeout) and warnings (message
drift, fields the spec does not describe, named by JSON path). Violations are logged as
"contract violation from upstream" and listed at GET /__admin/violations (DELETE empties the list and the
count). /__admin/* is answered by the proxy itself, never forwarded, with the mock server's protection
(loopback host names or --admin-token; no cross-site changes). Credentials in URL (user:pass@) are sent as
HTTP Basic auth and never logged.`,
  flags: {
    upstream: { type: 'string', value: 'URL', help: 'where to forward (for example https://sg-api.advance.ai); required' },
    port: { type: 'string', value: 'N', help: 'port, 0 to 65535 (env PORT; default 4020; 0 picks a free one)' },
    host: { type: 'string', value: 'ADDR', help: 'address (env HOST; default 127.0.0.1)' },
    ...adminFlags,
    ...logFlags,
    spec: { type: 'string', value: 'FILE', help: "OpenAPI document to validate against (default: the kit's spec/openapi.yaml)" },
    'fail-on-violation': {
      type: 'boolean',
      help: 'exit 1 at shutdown (SIGINT/SIGTERM) on a failure (since start or the last\nDELETE /__admin/violations), or when no answer was checked at all: --fail-on failure',
    },
    'fail-on': {
      type: 'string',
      value: 'LEVEL',
      help: 'failure: as --fail-on-violation; warning: on a warning (message or additive drift) too',
    },
    timeout: { type: 'string', value: 'MS', help: 'give up on an upstream answer after MS ms: 504, counted as a failure (default 30000)' },
    report: { type: 'string', value: 'FILE', help: 'write the violations as JSON at shutdown, and on demand: POST /__admin/report' },
    record: {
      type: 'string',
      value: 'DIR',
      help: "write every enroll exchange into DIR as a scenario file (the case table's format), or\nevery exchange into DIR.har as HAR 1.2 when it ends in .har; face images are kept as\nSHA-256, size, format and dimensions; tokens and keys never",
    },
  },
} as const satisfies CommandSpec;

export const PROXY_USAGE = formatCommandHelp(PROXY_COMMAND);

export interface ProxyArgs {
  upstream: string;
  port: number;
  host: string;
  logLevel: LevelWithSilent;
  logFormat: (typeof LOG_FORMATS)[number];
  spec?: string;
  /** Exit 1 at shutdown on a failure (`failure`), on a warning too (`warning`), or never (undefined). */
  failOn?: 'failure' | 'warning';
  timeoutMs?: number;
  report?: string;
  record?: string;
  adminToken?: string;
  openAdmin: boolean;
}

export type ParseProxyResult = { ok: true; help: boolean; version: boolean; args?: ProxyArgs } | { ok: false; error: string };

/** `proxy`'s flags and environment, through the same parser and value checks as `serve`. */
export function parseProxyArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParseProxyResult {
  const parsed = parseCommandArgs(PROXY_COMMAND, argv);
  if (!parsed.ok) return parsed;
  if (parsed.help || parsed.version) return { ok: true, help: parsed.help, version: parsed.version };
  const { values } = parsed;
  if (values.upstream === undefined)
    return {
      ok: false,
      error: '--upstream is required: write --upstream URL, the API to forward to (for example https://sg-api.advance.ai)',
    };
  const upstream = httpUrl('upstream', values.upstream, 'https://sg-api.advance.ai');
  if (!upstream.ok) return upstream;
  const port =
    values.port !== undefined
      ? portNumber(values.port)
      : env.PORT !== undefined
        ? portNumber(env.PORT, 'PORT')
        : ({ ok: true, value: 4020 } as const);
  if (!port.ok) return port;
  const logLevel = oneOf('log-level', values['log-level'] ?? 'info', LOG_LEVELS);
  if (!logLevel.ok) return logLevel;
  const logFormat = oneOf('log-format', values['log-format'] ?? 'auto', LOG_FORMATS);
  if (!logFormat.ok) return logFormat;
  const adminToken = adminTokenValue(values['admin-token'], env);
  if (!adminToken.ok) return adminToken;
  if (values.report === '') return { ok: false, error: '--report must name a file, got "": write --report FILE' };
  const failOn = values['fail-on'] !== undefined ? oneOf('fail-on', values['fail-on'], ['failure', 'warning'] as const) : undefined;
  if (failOn && !failOn.ok) return failOn;
  const timeout = values.timeout === undefined ? undefined : wholeNumber('timeout', values.timeout, 1, 600_000, ' (ms)');
  if (timeout && !timeout.ok) return timeout;
  if (values.record === '') return { ok: false, error: '--record must name a folder, got "": write --record DIR' };
  return {
    ok: true,
    help: false,
    version: false,
    args: {
      upstream: upstream.value,
      port: port.value,
      host: values.host ?? env.HOST ?? '127.0.0.1',
      logLevel: logLevel.value,
      logFormat: logFormat.value,
      ...(values.spec !== undefined ? { spec: values.spec } : {}),
      ...(failOn ? { failOn: failOn.value } : values['fail-on-violation'] === true ? { failOn: 'failure' as const } : {}),
      ...(timeout ? { timeoutMs: timeout.value } : {}),
      ...(values.report !== undefined ? { report: values.report } : {}),
      ...(values.record !== undefined ? { record: values.record } : {}),
      ...(adminToken.value !== undefined ? { adminToken: adminToken.value } : {}),
      openAdmin: values['open-admin'] === true,
    },
  };
}
