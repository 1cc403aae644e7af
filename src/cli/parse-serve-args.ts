import type { LevelWithSilent } from 'pino';
import { faults, type Fault } from '../core/stages/faults.js';
import { regionPattern } from '../generated/request-rules.js';
import { mockDefaults } from '../core/settings/mock-defaults.js';
import { checkPublicUrl } from '../responder/journey/check-public-url.js';
import type { ServerOptions } from '../server/create-mock-server.js';
import { formatCommandHelp, type CommandSpec } from './command-spec.js';
import {
  adminFlags,
  adminTokenValue,
  LOG_FORMATS,
  LOG_LEVELS,
  logFlags,
  oneOf,
  portNumber,
  wholeNumber,
  type Checked,
} from './flag-values.js';
import { parseCommandArgs } from './parse-command-args.js';

/** `serve`'s flags: the server's own options (ServerOptions, no reshaping), plus what the CLI itself uses. */
export interface ServeArgs {
  options: ServerOptions;
  logLevel: LevelWithSilent;
  logFormat: 'auto' | 'json' | 'pretty';
  help: boolean;
  version: boolean;
}

/** `serve` as data: its help and its parser both read this table; a new flag is one entry here. */
export const SERVE_COMMAND = {
  name: 'serve',
  summary: 'start the mock server (the default command)',
  usage: 'serve [options]',
  about: 'Starts the Save Enroll mock on http://HOST:PORT/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/enroll',
  flags: {
    port: { type: 'string', value: 'N', help: 'port to listen on, 0 to 65535 (env PORT; default 4010; 0 picks a free one)' },
    host: { type: 'string', value: 'ADDR', help: 'address to bind (env HOST; default 127.0.0.1)' },
    rules: {
      type: 'string',
      value: 'FILE|none',
      help: "fixture rules, re-read when the file changes (default: the kit's fixtures/rules.yaml)",
    },
    seed: { type: 'string', value: 'N', help: 'seed for transaction ids, rule probabilities and delay ranges (repeatable runs)' },
    delay: { type: 'string', value: 'MS|MIN-MAX', help: 'latency added to every answer, fixed or drawn from a range' },
    token: {
      type: 'string',
      value: 'MODE',
      help:
        'X-ACCESS-TOKEN on every business request: any (default: any non-empty token), issued\n' +
        '(only unexpired tokens issued at POST /openapi/auth/ticket/v1/generate-token, checked\n' +
        'before Prefer and rules), off (no check)',
    },
    'access-key': {
      type: 'string',
      value: 'KEY',
      help: `access key generate-token accepts (env MOCK_ACCESS_KEY; default ${mockDefaults.keys[0]!.accessKey})`,
    },
    'secret-key': {
      type: 'string',
      value: 'KEY',
      help: `its secret key (env MOCK_SECRET_KEY; default ${mockDefaults.keys[0]!.secretKey})`,
    },
    regions: { type: 'string', value: 'A,B,...', help: 'accept only these ISO alpha-3 regions; others answer REGION_WRONG' },
    strict: { type: 'boolean', help: 'answer HTTP 500 instead of a response that breaks the spec' },
    'trace-header': { type: 'boolean', help: 'answers carry X-Mock-Decision: the stage, source, rule and outcome that decided' },
    'rate-limit': { type: 'string', value: 'N', help: 'requests per second accepted; past it SERVICE_BUSY with Retry-After: 1' },
    fault: { type: 'string', value: 'FAULT', help: `every business request gets a transport fault: ${faults.join('|')}` },
    'private-urls': {
      type: 'string',
      value: 'MODE',
      help: 'allow|refuse image URLs on private or loopback addresses (default auto: allowed only\nwhen --host is loopback)',
    },
    ...adminFlags,
    ...logFlags,
    'journal-size': { type: 'string', value: 'N', help: `requests kept by GET /__admin/requests (default ${mockDefaults.journalSize})` },
    'max-body': { type: 'string', value: 'BYTES', help: 'largest request body read (default 8388608); larger ones get 413' },
    'max-bodies-in-flight': { type: 'string', value: 'N', help: 'request bodies read at once (default 16); past it SERVICE_BUSY at once' },
    'shutdown-grace': {
      type: 'string',
      value: 'MS',
      help: 'on SIGTERM/SIGINT, requests still running get this long to be answered (default 5000)',
    },
    spec: { type: 'string', value: 'FILE', help: "OpenAPI document to render and validate from (default: the kit's spec/openapi.yaml)" },
    'image-url-ttl': {
      type: 'string',
      value: 'S',
      help: `seconds before get-enroll's image URLs expire (default ${mockDefaults.imageUrlTtlSeconds})`,
    },
    'similarity-threshold': {
      type: 'string',
      value: 'N',
      help: `faceSimilarityScore needed for PASS (default ${mockDefaults.similarityThreshold})`,
    },
    'callback-retries': {
      type: 'string',
      value: 'N',
      help: `retries of a callback the receiver did not answer 200 (default ${mockDefaults.callback.retries})`,
    },
    store: {
      type: 'string',
      value: 'URL',
      help:
        'where the state lives (env MOCK_STORE): memory (default) or redis://HOST:PORT[/DB], shared\n' +
        'by every replica on it (docs/deployment.md); X-Mock-Namespace picks a namespace of it',
    },
    'signing-key': {
      type: 'string',
      value: 'KEY',
      help:
        'HMAC key of tokens and face URLs (env MOCK_SIGNING_KEY): give replicas the same one so\n' +
        'a token one issued is accepted by another (default: random per process)',
    },
    'max-users': {
      type: 'string',
      value: 'N',
      help: `users kept, the least recently enrolled forgotten first (default ${mockDefaults.maxUsers})`,
    },
    'public-url': {
      type: 'string',
      value: 'URL',
      help:
        'base of the H5 page and image URLs the mock hands out, when clients reach it through a\n' +
        "proxy or load balancer (default: http:// and the request's Host)",
    },
  },
} as const satisfies CommandSpec;

export const SERVE_USAGE = formatCommandHelp(SERVE_COMMAND);

export type ParseResult = { ok: true; args: ServeArgs } | { ok: false; error: string };

/** CLI flags and environment to options; every bad value is named with what would be right. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParseResult {
  const parsed = parseCommandArgs(SERVE_COMMAND, argv);
  if (!parsed.ok) return parsed;
  const { values } = parsed;
  if (parsed.help || parsed.version) {
    const options: ServerOptions = {};
    return { ok: true, args: { options, logLevel: 'info', logFormat: 'auto', help: parsed.help, version: parsed.version } };
  }
  const failed: string[] = [];
  const take = <T>(checked: Checked<T>): T | undefined => (checked.ok ? checked.value : (failed.push(checked.error), undefined));
  // An absent flag stays undefined: its default is the options' own (mockDefaults, the server's), not restated here.
  const int = (name: keyof typeof values, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined => {
    const text = values[name];
    return typeof text === 'string' ? take(wholeNumber(name, text, min, max)) : undefined;
  };
  const port =
    values.port !== undefined ? take(portNumber(values.port)) : env.PORT !== undefined ? take(portNumber(env.PORT, 'PORT')) : 4010;
  const journalSize = int('journal-size', 0, 1_000_000);
  const maxBody = int('max-body', 1024);
  const maxBodiesInFlight = int('max-bodies-in-flight', 1, 100_000);
  const shutdownGrace = int('shutdown-grace', 0, 600_000);
  const seed = int('seed');
  const imageUrlTtlSeconds = int('image-url-ttl', 1);
  const similarityThreshold = int('similarity-threshold', 0, 100);
  const callbackRetries = int('callback-retries', 0, 10);
  const rateLimit = int('rate-limit', 1);
  const maxUsers = int('max-users', 1);
  if (failed.length) return { ok: false, error: failed[0]! };
  const store = values.store ?? env.MOCK_STORE ?? 'memory';
  if (store !== 'memory' && !/^rediss?:\/\/[^/\s]+(\/\d+)?\/?$/.test(store))
    return {
      ok: false,
      error: `--store (or MOCK_STORE) must be memory or redis://HOST:PORT[/DB], got "${store.replace(/:[^:@/]*@/, ':***@')}"`,
    };
  const signingKey = values['signing-key'] ?? env.MOCK_SIGNING_KEY;
  if (signingKey !== undefined && signingKey.trim().length < 16)
    return {
      ok: false,
      error: `--signing-key (or MOCK_SIGNING_KEY) must be at least 16 characters, got ${signingKey.trim().length} characters`,
    };

  let delay: ServerOptions['delay'];
  if (values.delay !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(values.delay);
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1])))
      return { ok: false, error: `--delay must be MS or MIN-MAX (MIN <= MAX), got "${values.delay}"` };
    delay = m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
  }
  const logLevel = oneOf('log-level', values['log-level'] ?? 'info', LOG_LEVELS);
  if (!logLevel.ok) return logLevel;
  const logFormat = oneOf('log-format', values['log-format'] ?? 'auto', LOG_FORMATS);
  if (!logFormat.ok) return logFormat;
  const token = values.token === undefined ? undefined : oneOf('token', values.token, ['off', 'any', 'issued'] as const);
  if (token && !token.ok) return token;
  const fault = values.fault === undefined ? undefined : oneOf('fault', values.fault, faults);
  if (fault && !fault.ok) return fault;
  const privateUrls = oneOf('private-urls', values['private-urls'] ?? 'auto', ['allow', 'refuse', 'auto'] as const);
  if (!privateUrls.ok) return privateUrls;
  let regions: string[] | undefined;
  if (values.regions !== undefined) {
    regions = values.regions
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const bad = regions.filter((r) => !regionPattern.test(r));
    if (!regions.length || bad.length)
      return { ok: false, error: `--regions takes ISO alpha-3 codes separated by commas (PHL,IDN), got "${values.regions}"` };
  }
  const admin = adminTokenValue(values['admin-token'], env);
  if (!admin.ok) return admin;
  const adminToken = admin.value;
  const [defaultPair] = mockDefaults.keys;
  // ServerOptions as they are: a flag not given is undefined, which every adapter reads as its default.
  const options: ServerOptions = {
    port,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    rules: values.rules === 'none' ? false : values.rules,
    seed,
    delay,
    token: token?.value,
    keys: [
      {
        accessKey: values['access-key'] ?? env.MOCK_ACCESS_KEY ?? defaultPair!.accessKey,
        secretKey: values['secret-key'] ?? env.MOCK_SECRET_KEY ?? defaultPair!.secretKey,
      },
    ],
    regions,
    strict: values.strict,
    traceHeader: values['trace-header'],
    privateUrls: privateUrls.value,
    rateLimit,
    fault: fault?.value,
    journalSize,
    maxBody,
    maxBodiesInFlight,
    shutdownGrace,
    spec: values.spec,
    adminToken: adminToken?.trim(),
    openAdmin: values['open-admin'],
    imageUrlTtlSeconds,
    similarityThreshold,
    callback: { retries: callbackRetries },
    publicUrl: values['public-url'],
    storeUrl: store === 'memory' ? undefined : store,
    signingKey: signingKey?.trim(),
    maxUsers,
  };
  const publicUrl = options.publicUrl === undefined ? undefined : checkPublicUrl(options.publicUrl);
  if (publicUrl && !publicUrl.ok) return { ok: false, error: `--public-url: ${publicUrl.error}` };
  return {
    ok: true,
    args: { options, logLevel: logLevel.value, logFormat: logFormat.value, help: false, version: false },
  };
}
