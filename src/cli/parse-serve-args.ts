import { parseArgs } from 'node:util';
import type { LevelWithSilent } from 'pino';
import { faults, type Fault } from '../core/faults.js';
import type { TokenMode } from '../responder/mock-options.js';
import type { ServerOptions } from '../server/create-mock-server.js';

/** `serve`'s flags: the server's own options (ServerOptions, no reshaping), plus what the CLI itself uses. */
export interface ServeArgs {
  options: ServerOptions;
  logLevel: LevelWithSilent;
  logFormat: 'auto' | 'json' | 'pretty';
  help: boolean;
}

export const SERVE_USAGE = `Usage: face-enroll-mock serve [options]

Starts the Save Enroll mock on http://HOST:PORT${'/intl/openapi/identity-risk/idvs-h5/ekyc/v1/face-authentication/enroll'}

Options:
  --port N             port to listen on (env PORT; default 4010; 0 picks a free one)
  --host ADDR          address to bind (env HOST; default 127.0.0.1)
  --rules FILE|none    fixture rules, re-read when the file changes (default: the kit's fixtures/rules.yaml)
  --seed N             seed for transaction ids, rule probabilities and delay ranges (repeatable runs)
  --delay MS|MIN-MAX   latency added to every answer, fixed or drawn from a range
  --token MODE         X-ACCESS-TOKEN on enroll: any (default: any non-empty token), issued (only unexpired
                       tokens this server issued at POST /openapi/auth/ticket/v1/generate-token, checked
                       before Prefer and rules), off (no check)
  --require-token      the same as --token issued
  --allow-missing-token  the same as --token off
  --access-key KEY     access key generate-token accepts (env MOCK_ACCESS_KEY; default test-access-key)
  --secret-key KEY     its secret key (env MOCK_SECRET_KEY; default test-secret-key)
  --regions A,B,...    accept only these ISO alpha-3 regions; others answer REGION_WRONG
  --strict             answer HTTP 500 instead of a response that breaks the spec
  --trace-header       answers carry X-Mock-Decision: the stage, source, rule and outcome that decided
  --rate-limit N       requests per second accepted; past it SERVICE_BUSY with Retry-After: 1
  --fault FAULT        every enroll gets a transport fault: ${faults.join('|')}
  --private-urls MODE  allow|refuse image URLs on private or loopback addresses (default auto: allowed only
                       when --host is loopback)
  --admin-token TOKEN  the admin API and console (/__admin/) need this token (env MOCK_ADMIN_TOKEN): header
                       Authorization: Bearer TOKEN or X-Admin-Token, or ?adminToken=TOKEN on a GET
  --open-admin         serve the admin API without a token when --host is not loopback (by default it answers
                       403 there until --admin-token is given)
  --log-level LEVEL    trace|debug|info|warn|error|silent (default info)
  --log-format FORMAT  auto|json|pretty (default auto: pretty on a terminal, JSON lines otherwise)
  --journal-size N     requests kept by GET /__admin/requests (default 1000)
  --max-body BYTES     largest request body read (default 8388608); larger ones get 413
  --max-bodies-in-flight N  request bodies read at once (default 16); past it SERVICE_BUSY at once
  --shutdown-grace MS  on SIGTERM/SIGINT, requests still running get this long to be answered (default 5000)
  --spec FILE          OpenAPI document to render and validate from (default: the kit's spec/openapi.yaml)
  --image-url-ttl S    seconds before get-enroll's image URLs expire (default 3600)
  --similarity-threshold N  faceSimilarityScore needed for PASS (default 70)
  --callback-retries N  retries of a callback the receiver did not answer 200 (default 3)
  -h, --help           this text
`;

export type ParseResult = { ok: true; args: ServeArgs } | { ok: false; error: string };

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** CLI flags and environment to options; every bad value is named with what would be right. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParseResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        rules: { type: 'string' },
        seed: { type: 'string' },
        delay: { type: 'string' },
        token: { type: 'string' },
        'allow-missing-token': { type: 'boolean', default: false },
        'require-token': { type: 'boolean', default: false },
        'access-key': { type: 'string' },
        'secret-key': { type: 'string' },
        regions: { type: 'string' },
        strict: { type: 'boolean', default: false },
        'trace-header': { type: 'boolean', default: false },
        'private-urls': { type: 'string' },
        'rate-limit': { type: 'string' },
        fault: { type: 'string' },
        'log-level': { type: 'string' },
        'log-format': { type: 'string' },
        'journal-size': { type: 'string' },
        'max-body': { type: 'string' },
        'max-bodies-in-flight': { type: 'string' },
        'shutdown-grace': { type: 'string' },
        spec: { type: 'string' },
        'admin-token': { type: 'string' },
        'open-admin': { type: 'boolean', default: false },
        'image-url-ttl': { type: 'string' },
        'similarity-threshold': { type: 'string' },
        'callback-retries': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const int = (name: string, text: string | undefined, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number | string => {
    if (text === undefined) return fallback;
    const n = Number(text);
    return /^\d+$/.test(text) && n >= min && n <= max ? n : `--${name} must be a whole number from ${min} to ${max}, got "${text}"`;
  };
  const port = int('port', values.port ?? env.PORT, 4010, 0, 65535);
  const journalSize = int('journal-size', values['journal-size'], 1000, 0, 1_000_000);
  const maxBody = int('max-body', values['max-body'], 8 * 1024 * 1024, 1024);
  const maxBodiesInFlight =
    values['max-bodies-in-flight'] === undefined ? undefined : int('max-bodies-in-flight', values['max-bodies-in-flight'], 16, 1, 100_000);
  const shutdownGrace = int('shutdown-grace', values['shutdown-grace'], 5000, 0, 600_000);
  const seed = values.seed === undefined ? undefined : int('seed', values.seed, 0);
  const imageUrlTtl = int('image-url-ttl', values['image-url-ttl'], 3600, 1);
  const similarityThreshold = int('similarity-threshold', values['similarity-threshold'], 70, 0, 100);
  const callbackRetries = int('callback-retries', values['callback-retries'], 3, 0, 10);
  for (const n of [port, journalSize, maxBody, maxBodiesInFlight, shutdownGrace, seed, imageUrlTtl, similarityThreshold, callbackRetries])
    if (typeof n === 'string') return { ok: false, error: n };

  let delay: ServerOptions['delay'];
  if (values.delay !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(values.delay);
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1])))
      return { ok: false, error: `--delay must be MS or MIN-MAX (MIN <= MAX), got "${values.delay}"` };
    delay = m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
  }
  const logLevel = values['log-level'] ?? 'info';
  if (!LEVELS.includes(logLevel)) return { ok: false, error: `--log-level must be one of ${LEVELS.join(', ')}, got "${logLevel}"` };
  const logFormat = values['log-format'] ?? 'auto';
  if (!['auto', 'json', 'pretty'].includes(logFormat))
    return { ok: false, error: `--log-format must be auto, json or pretty, got "${logFormat}"` };
  const tokenFlags = [
    values.token,
    values['require-token'] ? 'issued' : undefined,
    values['allow-missing-token'] ? 'off' : undefined,
  ].filter((t) => t !== undefined);
  if (new Set(tokenFlags).size > 1) {
    return {
      ok: false,
      error: `--token, --require-token and --allow-missing-token contradict each other (${tokenFlags.join(' vs ')}): pick one`,
    };
  }
  const token = tokenFlags[0];
  if (token !== undefined && !['off', 'any', 'issued'].includes(token))
    return { ok: false, error: `--token must be off, any or issued, got "${token}"` };
  const rateLimit = values['rate-limit'] === undefined ? undefined : int('rate-limit', values['rate-limit'], 0, 1);
  if (typeof rateLimit === 'string') return { ok: false, error: rateLimit };
  if (values.fault !== undefined && !(faults as readonly string[]).includes(values.fault))
    return { ok: false, error: `--fault must be one of ${faults.join(', ')}, got "${values.fault}"` };
  const privateUrls = values['private-urls'] ?? 'auto';
  if (!['allow', 'refuse', 'auto'].includes(privateUrls))
    return { ok: false, error: `--private-urls must be allow, refuse or auto, got "${privateUrls}"` };
  let regions: string[] | undefined;
  if (values.regions !== undefined) {
    regions = values.regions
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const bad = regions.filter((r) => !/^[A-Z]{3}$/.test(r));
    if (!regions.length || bad.length)
      return { ok: false, error: `--regions takes ISO alpha-3 codes separated by commas (PHL,IDN), got "${values.regions}"` };
  }
  const adminToken = values['admin-token'] ?? env.MOCK_ADMIN_TOKEN;
  if (adminToken !== undefined && adminToken.trim().length < 8)
    return { ok: false, error: `--admin-token (or MOCK_ADMIN_TOKEN) must be at least 8 characters, got ${adminToken.trim().length}` };
  const options: ServerOptions = {
    port: port as number,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    ...(values.rules === 'none' ? { rules: false as const } : values.rules !== undefined ? { rules: values.rules } : {}),
    ...(seed !== undefined ? { seed: seed as number } : {}),
    ...(delay !== undefined ? { delay } : {}),
    ...(token !== undefined ? { token: token as TokenMode } : {}),
    keys: [
      {
        accessKey: values['access-key'] ?? env.MOCK_ACCESS_KEY ?? 'test-access-key',
        secretKey: values['secret-key'] ?? env.MOCK_SECRET_KEY ?? 'test-secret-key',
      },
    ],
    ...(regions ? { regions } : {}),
    strict: values.strict === true,
    ...(values['trace-header'] ? { traceHeader: true } : {}),
    privateUrls: privateUrls as 'allow' | 'refuse' | 'auto',
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    ...(values.fault !== undefined ? { fault: values.fault as Fault } : {}),
    journalSize: journalSize as number,
    maxBody: maxBody as number,
    ...(maxBodiesInFlight !== undefined ? { maxBodiesInFlight: maxBodiesInFlight as number } : {}),
    shutdownGrace: shutdownGrace as number,
    ...(values.spec !== undefined ? { spec: values.spec } : {}),
    ...(adminToken !== undefined ? { adminToken: adminToken.trim() } : {}),
    ...(values['open-admin'] ? { openAdmin: true } : {}),
    imageUrlTtlSeconds: imageUrlTtl as number,
    similarityThreshold: similarityThreshold as number,
    callback: { retries: callbackRetries as number },
  };
  return {
    ok: true,
    args: { options, logLevel: logLevel as LevelWithSilent, logFormat: logFormat as ServeArgs['logFormat'], help: values.help === true },
  };
}
