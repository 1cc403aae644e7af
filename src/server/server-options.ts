import type { NodeRulesOption } from '../node/resolve-node-rules.js';
import type { MockOptions } from '../responder/mock-options.js';

/**
 * What the server logs through. pino's Logger (what the CLI passes) fits, and so does any logger with these
 * three methods. Structural rather than pino's own type: pino is bundled into the server, not installed for
 * users, so the published types (face-enroll-mock/server) must not name it.
 */
export interface ServerLogger {
  info(detail: unknown, message?: string): void;
  warn(detail: unknown, message?: string): void;
  error(detail: unknown, message?: string): void;
}

/**
 * The server's options: the adapters' one option shape plus what only a server has. The CLI's flags parse into
 * these, and `startMockServer` (face-enroll-mock/server) takes them. Types only: the published declarations
 * import this file without pulling the server's implementation in.
 */
export interface ServerOptions extends Omit<MockOptions, 'rules' | 'validate'> {
  /** A rules file (watched and re-read when it changes; a broken edit keeps the last good rules), rules, or false. */
  rules?: NodeRulesOption;
  /** Port `listen()` uses by default (0: a free one). Default 4010 for the CLI, 0 for `startMockServer`. */
  port?: number;
  /** Address `listen()` binds by default. Default 127.0.0.1. */
  host?: string;
  /** The OpenAPI document answers are validated against. Default: the kit's spec/openapi.yaml. */
  spec?: string;
  /** Largest request body read, in bytes; larger ones get the gateway's 413. Default 8 MiB. */
  maxBody?: number;
  /**
   * Request bodies read at once (CLI --max-bodies-in-flight); one more is answered the vendor's SERVICE_BUSY (503
   * on the admin API) at once, its body unread. Bounds what bodies cost: at most this many x `maxBody`. Default 16.
   */
  maxBodiesInFlight?: number;
  /** Image URLs on private or loopback addresses: `auto` (default) refuses them unless `host` is loopback. */
  privateUrls?: 'allow' | 'refuse' | 'auto';
  /** The admin API's and console's token (CLI --admin-token, env MOCK_ADMIN_TOKEN): required on every admin request when set. */
  adminToken?: string;
  /** Serve the admin API without a token when bound to a non-loopback address (CLI --open-admin). Default false. */
  openAdmin?: boolean;
  /** Live journal clients (GET /__admin/events) at once; one more gets 503. Default 16. */
  maxEventClients?: number;
  /** A client must send its headers within this time, in ms. Default 10 000. */
  headersTimeout?: number;
  /** A client must send its whole request within this time, in ms. Default 30 000. */
  requestTimeout?: number;
  /** On close (SIGTERM, SIGINT), requests still running get this long to be answered, in ms. Default 5000. */
  shutdownGrace?: number;
  /**
   * Where the state lives (CLI --store, env MOCK_STORE): `redis://HOST:PORT[/DB]` shares enrollments, their
   * images, the journal and the rate window with every replica on that Redis (docs/deployment.md). Default: memory.
   */
  storeUrl?: string;
  /** Where the server logs (one line per request, rule reloads, contract violations). Default: nowhere. */
  logger?: ServerLogger;
}
