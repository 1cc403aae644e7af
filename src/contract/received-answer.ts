import { summarizeImage, type ImageSummary } from '../core/image/summarize-image.js';

/** What the JSON report keeps of an answer that was not a plain pass: enough to file a bug, never a face or a token. */
export interface ReceivedAnswer {
  status: number;
  /** The headers that matter to a reader of a drift (content-type, retry-after, location, www-authenticate). */
  headers: Record<string, string>;
  /** The JSON body, images as their summary, tokens as `[token]`, long texts cut. */
  body?: unknown;
  /** The start of a body that is not JSON, or of one whose JSON is longer than the bound. */
  bodyText?: string;
  /** The body was cut at MAX_RECEIVED_BODY characters. */
  truncated?: true;
}

const HEADERS = ['content-type', 'retry-after', 'location', 'www-authenticate'];
/** The bound of a received body in the report, in characters (docs/reliability.md). */
export const MAX_RECEIVED_BODY = 4096;
const MAX_TEXT = 512;
const SECRET_KEYS = /^(token|accesstoken|access_token|secretkey|x-access-token|authorization)$/i;

/** A JSON value with every image replaced by its summary, every secret by `[token]`, every long text cut. */
export async function redactReceived(value: unknown, secrets: readonly string[], key = ''): Promise<unknown> {
  if (typeof value === 'string') {
    if (SECRET_KEYS.test(key) || secrets.some((s) => s && value.includes(s))) return '[token]';
    const image: ImageSummary | null = await summarizeImage(value);
    if (image) return { $image: image };
    return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…(${value.length - MAX_TEXT} more characters)` : value;
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => redactReceived(v, secrets)));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await redactReceived(v, secrets, k);
    return out;
  }
  return value;
}

/** The answer as the JSON report keeps it (CaseResult.received). `secrets`: the run's token and keys. */
export async function receivedAnswer(
  answer: { status: number; headers?: Headers; text: string },
  secrets: readonly string[],
): Promise<ReceivedAnswer> {
  const headers: Record<string, string> = {};
  for (const name of HEADERS) {
    const value = answer.headers?.get(name);
    if (value != null) headers[name] = value.slice(0, MAX_TEXT);
  }
  const cut = (text: string): Pick<ReceivedAnswer, 'bodyText' | 'truncated'> => {
    let kept = text;
    for (const secret of secrets) if (secret) kept = kept.split(secret).join('[token]');
    return kept.length > MAX_RECEIVED_BODY ? { bodyText: kept.slice(0, MAX_RECEIVED_BODY), truncated: true } : { bodyText: kept };
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    return { status: answer.status, headers, ...cut(answer.text) };
  }
  const body = await redactReceived(parsed, secrets);
  const text = JSON.stringify(body);
  return { status: answer.status, headers, ...(text.length > MAX_RECEIVED_BODY ? cut(text) : { body }) };
}
