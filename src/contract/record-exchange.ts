import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { decodeBase64 } from '../core/image/decode-base64.js';
import { inspectImage, sniffFormat } from '../core/image/inspect-image.js';
import { outcomeNames, outcomes } from '../core/envelope/outcome-catalog.js';
import { SCENARIO_TOKEN } from './materialize-case.js';

/** What a record keeps of a face image instead of its bytes (biometric data is never written). */
export interface RecordedImage {
  sha256: string;
  bytes: number;
  format: string | null;
  width?: number;
  height?: number;
}

/** A base64 face image as its digest, size, format and dimensions; a URL without its query (signed URLs carry keys). */
export function redactFaceImage(value: unknown): unknown {
  if (typeof value !== 'string' || value.trim() === '') return value;
  if (/^https?:\/\//i.test(value.trim())) {
    const url = new URL(value.trim());
    return `${url.origin}${url.pathname}`;
  }
  const bytes = decodeBase64(value) ?? new TextEncoder().encode(value);
  const inspection = inspectImage(bytes);
  const recorded: RecordedImage = {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.byteLength,
    format: inspection.ok ? inspection.format : sniffFormat(bytes),
    ...(inspection.ok ? { width: inspection.width, height: inspection.height } : {}),
  };
  return { $recorded: recorded };
}

/** The catalog's name for a (code, message) pair, known variants included, or null when the spec has none. */
export function outcomeOf(code: unknown, message: unknown): string | null {
  return (
    outcomeNames.find(
      (name) =>
        outcomes[name].code === code &&
        (outcomes[name].message === message || (outcomes[name].knownVariants as readonly string[]).includes(String(message))),
    ) ?? null
  );
}

export interface Exchange {
  headers: Record<string, string>;
  bodyText: string;
  status: number;
  answer: unknown;
  upstream: string;
}

let counter = 0;

/**
 * Writes one enroll exchange as a scenario file in the case table's format (fixtures/scenarios), so real
 * traffic becomes a regression case: the request (face image as its digest, token as the table's placeholder,
 * no other header), the answer's status, code and message, and the outcome they name. Returns the file, or
 * null for a body it will not keep (not JSON and too long to be anything but an image).
 */
export function recordExchange(dir: string, exchange: Exchange): string | null {
  const lower = Object.fromEntries(Object.entries(exchange.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const headers: Record<string, string> = {};
  if (lower['content-type'] !== undefined) headers['Content-Type'] = lower['content-type'];
  if (lower['x-access-token'] !== undefined) headers['X-ACCESS-TOKEN'] = lower['x-access-token'] === '' ? '' : SCENARIO_TOKEN;
  let request: { headers: Record<string, string>; body?: unknown; bodyText?: string };
  let imageSha: string | undefined;
  try {
    const body = JSON.parse(exchange.bodyText) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body) && 'faceImage' in body) {
      const faceImage = redactFaceImage((body as { faceImage: unknown }).faceImage);
      imageSha = (faceImage as { $recorded?: RecordedImage })?.$recorded?.sha256;
      request = { headers, body: { ...body, faceImage } };
    } else request = { headers, body };
  } catch {
    if (exchange.bodyText.length > 512) return null;
    request = { headers, bodyText: exchange.bodyText };
  }
  const { code, message } = (exchange.answer ?? {}) as { code?: unknown; message?: unknown };
  const outcome = outcomeOf(code, message);
  const time = new Date().toISOString();
  const scenario = {
    name: `recorded: answered ${String(code)} "${String(message)}"`,
    trigger: 'natural',
    note:
      `recorded by face-enroll-mock proxy from ${exchange.upstream} at ${time}.` +
      (imageSha ? ` The face image is not kept: match it with a rule on faceImageSha256: ${imageSha}.` : '') +
      (outcome ? '' : ' The code and message are not documented in the spec.'),
    request,
    expect: { outcome: outcome ?? 'UNDOCUMENTED', status: exchange.status, code: String(code), message: String(message) },
  };
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `recorded-${time.replace(/[:.]/g, '-')}-${String(++counter).padStart(4, '0')}-${(outcome ?? 'undocumented').toLowerCase()}.yaml`,
  );
  writeFileSync(file, stringify(scenario, { lineWidth: 0 }));
  return file;
}
