import { createClient, RESP_TYPES } from 'redis';
import type { components } from '../../generated/admin.js';
import { MAX_FACES_PER_USER, type Enrollment, type EnrollmentState, type FaceImage } from '../../state/enrollment-store.js';
import { mockDefaults } from '../../core/settings/mock-defaults.js';
import type { JournalState, MockState, StateBounds, StateHealth } from '../../state/mock-state.js';
import type { RuleState, StoredRule } from '../../state/rule-state.js';
import type { Rule } from '../../core/rules/parse-rules.js';
import { keptValue } from '../../core/text/kept-text.js';
import type { Authentication, AuthenticationState } from '../../state/authentication-store.js';
import {
  addScript,
  GLOBAL_PREFIX,
  namespaceUseScript,
  removeFaceScript,
  authenticationAddScript,
  authenticationCompleteScript,
  journalClearScript,
  journalListScript,
  journalRecordScript,
  rateScript,
  removeScript,
  ruleAddScript,
  ruleRemoveScript,
  ruleTakeScript,
  rulesSnapshotScript,
  type RedisScript,
} from './redis-scripts.js';

type JournalEntry = components['schemas']['JournalEntry'];

export interface RedisStateOptions extends Partial<StateBounds> {
  /** `redis://[user:password@]host:port[/db]` */
  url: string;
  /** Told about failures nobody awaits (a journal write, the connection dropping); never throws. */
  onError?: (message: string) => void;
  /** How long start-up waits for Redis, in ms. Default 5000. */
  connectTimeoutMs?: number;
  /** How long one command may take before the request answers ERROR (a Redis that hangs), in ms. Default 3000. */
  commandTimeoutMs?: number;
  /** Namespaces kept besides the root, across every replica (the one used least recently forgotten). Default 1000. */
  maxNamespaces?: number;
}

/**
 * Namespaces one Redis keeps besides the root (docs/reliability.md): each CI job sharing a deployment uses one, and
 * each may hold its own caps' worth, so their number is bounded too. Past it the namespace used least recently
 * (by any replica) is forgotten whole, as a reset would.
 */
export const MAX_REDIS_NAMESPACES = 1000;

/** The URL without its credentials, for logs and the health answer. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'redis://(unparsable URL)';
  }
}

const ROOT = '@';

/**
 * The shared state on one Redis (node-redis): enrollments and their image bytes, the journal (a capped stream)
 * and the rate-limit window, each change one atomic Lua script (redis-scripts.ts). Keys are `fem:<namespace>:…`,
 * the namespace `@` when a request names none; the few shared by every namespace are under `fem:#:`, which no
 * namespace's name can reach. Node only: the server loads it for `--store redis://`.
 */
export async function createRedisState(options: RedisStateOptions): Promise<MockState> {
  const where = redactRedisUrl(options.url);
  const report = options.onError ?? (() => {});
  let lastError = '';
  let connected = false;
  const client = createClient({
    url: options.url,
    // A request must not wait for a Redis that is gone: commands fail at once while the client reconnects,
    // and the request answers the vendor's ERROR envelope (docs/deployment.md).
    disableOfflineQueue: true,
    // Requests arriving while Redis hangs each leave a command waiting for its reply: at most this many.
    commandsQueueMaxLength: 10_000,
    socket: {
      connectTimeout: 2000,
      // At start-up a few tries (about 1.5 s), then give up with the cause; once connected, retry for ever.
      reconnectStrategy: (retries: number, cause: Error) => (connected || retries < 5 ? Math.min(50 * 2 ** retries, 2000) : cause),
    },
  });
  client.on('error', (error: Error) => {
    // node-redis emits an error per failed reconnect: one log line per distinct message.
    if (error.message !== lastError) report(`redis ${where}: ${error.message}`);
    lastError = error.message;
  });
  client.on('ready', () => {
    connected = true;
    if (lastError) report(`redis ${where}: connected again`);
    lastError = '';
  });
  const timeout = options.connectTimeoutMs ?? 5000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout);
      }),
    ]);
  } catch (error) {
    client.destroy();
    throw new Error(
      `--store ${where}: cannot reach Redis (${(error as Error).message}). Start Redis there, fix the URL, or use --store memory.`,
    );
  } finally {
    clearTimeout(timer);
  }
  // A Redis that is up but does not answer (stopped, overloaded) must not hold requests either. node-redis's own
  // `timeout` covers only the wait to be written, not the wait for the reply, so each command races a timer; a
  // late reply still arrives (and is dropped), keeping the connection's replies in order.
  const timeoutMs = options.commandTimeoutMs ?? 3000;
  const asBuffers = { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } };
  // A reply past the timer is a write of unknown outcome that the request already answered ERROR for: `onLate`
  // runs when such a reply succeeds after all, so a write can undo itself ("only SUCCESS changes the state").
  const inTime = <T>(reply: Promise<T>, onLate?: () => void): Promise<T> => {
    reply.catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    if (onLate)
      void reply.then(
        () => timedOut && onLate(),
        () => {},
      );
    return Promise.race([reply, late]).finally(() => clearTimeout(timer));
  };

  const run = async (script: RedisScript, args: Array<string | Buffer>, onLate?: () => void): Promise<unknown> => {
    try {
      return await inTime(client.sendCommand(['EVALSHA', script.sha, '0', ...args]), onLate);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return inTime(client.sendCommand(['EVAL', script.text, '0', ...args]), onLate);
    }
  };
  const command = (args: string[]): Promise<unknown> => inTime(client.sendCommand(args));

  const maxFaces = MAX_FACES_PER_USER;
  const maxUsers = Math.max(1, options.maxUsers ?? mockDefaults.maxUsers);
  const cap = options.imageMemoryBytes ?? mockDefaults.imageMemoryBytes;
  const journalSize = Math.max(0, options.journalSize ?? mockDefaults.journalSize);
  const parseFace = (text: string): Enrollment & { seq: number } => JSON.parse(text) as Enrollment & { seq: number };
  const plain = ({ seq: _seq, ...face }: Enrollment & { seq: number }): Enrollment => face;

  // This process's journal listeners by namespace (the console's live view of the root).
  const journalListeners = new Map<string, Set<(entry: JournalEntry) => void>>();
  // Each namespace's runtime rules as this replica last read them, with the version they were read at.
  const ruleLists = new Map<string, { version: string; runtime: StoredRule[] }>();

  // A namespace is counted each time its state changes (reading an unknown one makes none), by whichever replica
  // changes it: one that another replica has just forgotten is counted again at once. The script is not awaited.
  const maxNamespaces = Math.max(1, options.maxNamespaces ?? MAX_REDIS_NAMESPACES);
  const used = (namespace: string) => {
    if (namespace === ROOT) return;
    void run(namespaceUseScript, [GLOBAL_PREFIX, namespace, String(maxNamespaces)]).then(
      async (evicted) => {
        for (const name of evicted as string[]) {
          await stateFor(name)
            .reset()
            .catch((error: Error) => report(`namespace ${name} past the ${maxNamespaces} kept, not forgotten: ${error.message}`));
        }
      },
      (error: Error) => report(`namespace ${namespace} not counted in ${where}: ${error.message}`),
    );
  };

  const stateFor = (namespace: string): MockState => {
    const P = `fem:${namespace}:`;
    const changed = () => used(namespace);
    const faces = async (userId: string) => ((await command(['LRANGE', `${P}faces:${userId}`, '0', '-1'])) as string[]).map(parseFace);
    const enrollments: EnrollmentState = {
      async add(enrollment: Enrollment, image?: FaceImage) {
        changed();
        const record: Enrollment = {
          userId: enrollment.userId,
          region: enrollment.region,
          imageSha256: enrollment.imageSha256,
          format: enrollment.format,
          width: enrollment.width,
          height: enrollment.height,
          byteSize: enrollment.byteSize,
          enrolledAt: enrollment.enrolledAt,
          transactionId: enrollment.transactionId,
        };
        const bytes = image ? Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength) : Buffer.alloc(0);
        // Stored after its request answered ERROR (Redis paused past the timer): removed again, by its transaction
        // id. A face the late add pushed out (past 5 a user, or the image cap) is not brought back.
        const compensate = () =>
          void run(removeFaceScript, [P, record.userId, record.transactionId])
            .then(() => report(`enrollment ${record.transactionId} stored after its request answered ERROR: removed again`))
            .catch((error: Error) => report(`enrollment ${record.transactionId} stored late and not removed: ${error.message}`));
        await run(
          addScript,
          [
            P,
            record.userId,
            JSON.stringify(record),
            record.transactionId,
            String(maxFaces),
            String(maxUsers),
            String(cap),
            image?.contentType ?? '',
            bytes,
          ],
          compensate,
        );
      },
      async image(transactionId: string) {
        const [bytes, type] = (await inTime(client.sendCommand(['HMGET', `${P}img:${transactionId}`, 'bytes', 'type'], asBuffers))) as [
          Buffer | null,
          Buffer | null,
        ];
        if (!bytes || !type) return undefined;
        return { bytes: new Uint8Array(bytes), contentType: type.toString() === 'image/png' ? 'image/png' : 'image/jpeg' };
      },
      remove: async (userId: string) => Number(await run(removeScript, [P, userId])),
      forget: async (userId: string) => Number(await run(removeScript, [P, userId])),
      faces: async (userId: string) => (await faces(userId)).map(plain),
      async all() {
        const users = (await command(['ZRANGE', `${P}users`, '0', '-1'])) as string[];
        // In batches: 100,000 users at once would pass the client's queue limit.
        const lists: Array<Array<Enrollment & { seq: number }>> = [];
        for (let i = 0; i < users.length; i += 500) lists.push(...(await Promise.all(users.slice(i, i + 500).map(faces))));
        return lists
          .flat()
          .sort((a, b) => a.seq - b.seq)
          .map(plain);
      },
      count: async () => Number((await command(['GET', `${P}count`])) ?? 0),
      imageBytes: async () => Number((await command(['GET', `${P}imgbytes`])) ?? 0),
      reset: () => reset(),
    };

    // Journal writes are not awaited by the request; list() waits for this process's own writes first, so a
    // test that enrolls and then reads the journal on the same replica sees its request. Entries are cut as the
    // memory journal cuts them (keptValue), and this process's listeners (the console) get each once stored.
    const pending = new Set<Promise<unknown>>();
    const journal: JournalState = {
      record(entry) {
        const kept = keptValue(entry) as Omit<JournalEntry, 'id'>;
        changed();
        const write = run(journalRecordScript, [P, JSON.stringify(kept), String(journalSize)]).then(
          (id) => {
            const listeners = journalListeners.get(namespace);
            if (listeners) for (const listener of listeners) listener({ id: Number(id), ...kept });
          },
          (error: Error) => report(`journal entry not written to ${where}: ${error.message}`),
        );
        pending.add(write);
        void write.finally(() => pending.delete(write));
      },
      async list() {
        await Promise.all(pending);
        const [last, base, texts] = (await run(journalListScript, [P])) as [string, string, string[]];
        const requests = texts.map((text) => JSON.parse(text) as JournalEntry);
        return { requests, dropped: Math.max(0, Number(last) - Number(base) - requests.length) };
      },
      async clear() {
        await Promise.all(pending);
        await run(journalClearScript, [P]);
      },
      subscribe(listener) {
        const listeners = journalListeners.get(namespace) ?? new Set();
        listeners.add(listener);
        journalListeners.set(namespace, listeners);
        return () => {
          listeners.delete(listener);
          if (!listeners.size) journalListeners.delete(namespace);
        };
      },
    };

    const authentications: AuthenticationState = {
      async add(authentication) {
        const max = String(Math.max(1, options.maxAuthentications ?? mockDefaults.maxAuthentications));
        changed();
        await run(authenticationAddScript, [P, authentication.signatureId, JSON.stringify(authentication), max]);
      },
      async get(signatureId) {
        const text = (await command(['HGET', `${P}auth`, signatureId])) as string | null;
        return text === null ? undefined : (JSON.parse(text) as Authentication);
      },
      async complete(signatureId, result) {
        const current = await authentications.get(signatureId);
        if (!current || current.result) return undefined;
        const next = { ...current, result };
        const stored = await run(authenticationCompleteScript, [P, signatureId, JSON.stringify(next)]);
        return stored === null || stored === undefined ? undefined : next;
      },
      async all() {
        const ids = (await command(['ZRANGE', `${P}auth:order`, '0', '-1'])) as string[];
        if (!ids.length) return [];
        const texts = (await command(['HMGET', `${P}auth`, ...ids])) as Array<string | null>;
        return texts.filter((text): text is string => text !== null).map((text) => JSON.parse(text) as Authentication);
      },
      reset: async () => void (await command(['UNLINK', `${P}auth`, `${P}auth:order`, `${P}auth:seq`])),
    };

    // One script per request reads the version and the counts; the list itself only when its version moved.
    const rules: RuleState = {
      async snapshot() {
        const known = ruleLists.get(namespace);
        const [version, pairs, list] = (await run(rulesSnapshotScript, [P, known?.version ?? ''])) as [string, string[], string[]?];
        let runtime = known?.runtime ?? [];
        if (list) {
          runtime = [];
          for (let i = 0; i + 1 < list.length; i += 2) runtime.push({ id: list[i]!, rule: JSON.parse(list[i + 1]!) as Rule });
          ruleLists.set(namespace, { version, runtime });
          // A replica serving many CI jobs keeps the lists of the last few hundred namespaces only.
          for (const oldest of ruleLists.keys()) {
            if (ruleLists.size <= 500) break;
            ruleLists.delete(oldest);
          }
        }
        const hits = new Map<string, number>();
        for (let i = 0; i + 1 < pairs.length; i += 2) hits.set(pairs[i]!, Number(pairs[i + 1]));
        return { runtime, hits };
      },
      add: async (rule) => {
        changed();
        return String(await run(ruleAddScript, [P, JSON.stringify(rule)]));
      },
      remove: async (id) => Number(await run(ruleRemoveScript, [P, id])) > 0,
      clear: async () => void (await run(ruleRemoveScript, [P, ''])),
      take: async (key, limit, runtimeId) =>
        Number(await run(ruleTakeScript, [P, key, limit === undefined ? '' : String(limit), runtimeId ?? ''])),
      reset: () => reset(),
    };

    const reset = async () => {
      await Promise.all(pending);
      // A namespace reset no longer counts against the most kept (the root never does).
      if (namespace !== ROOT) await command(['ZREM', `${GLOBAL_PREFIX}namespaces`, namespace]);
      // SCAN, not KEYS: a shared Redis keeps answering other namespaces meanwhile.
      let cursor = '0';
      do {
        const [next, keys] = (await command(['SCAN', cursor, 'MATCH', `${P}*`, 'COUNT', '1000'])) as [string, string[]];
        cursor = next;
        if (keys.length) await command(['UNLINK', ...keys]);
      } while (cursor !== '0');
    };

    return {
      kind: 'redis',
      enrollments,
      journal,
      authentications,
      rateWindow: {
        hit: async (second) => {
          changed();
          return Number(await run(rateScript, [P, String(second)]));
        },
      },
      rules,
      namespace: (name) => stateFor(name),
      reset,
      async health(): Promise<StateHealth> {
        try {
          await command(['PING']);
          return { kind: 'redis', reachable: true, detail: where };
        } catch (error) {
          return { kind: 'redis', reachable: false, detail: `${where}: ${(error as Error).message}` };
        }
      },
      async close() {
        await Promise.all(pending);
        client.destroy();
      },
    };
  };
  return stateFor(ROOT);
}
