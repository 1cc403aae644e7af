import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMockServer, type MockServer } from '../../src/server/create-mock-server.js';
import { enrollPath } from '../../src/generated/outcomes.js';

interface Spec {
  paths: Record<
    string,
    {
      post: {
        operationId: string;
        requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
        responses: Record<
          string,
          { headers?: Record<string, unknown>; content?: Record<string, { examples?: Record<string, Record<string, unknown>> }> }
        >;
      };
    }
  >;
}

const spec = parse(readFileSync(new URL('../../spec/openapi.yaml', import.meta.url), 'utf8')) as Spec;
/** The address the spec's URL examples use: the mock's default (`serve` listens on 127.0.0.1:4010). */
const DEFAULT_ORIGIN = 'http://127.0.0.1:4010';

const requestExamples = Object.entries(spec.paths).flatMap(([path, { post }]) =>
  Object.entries(post.requestBody?.content['application/json']?.examples ?? {}).map(([name, { value }]) => ({
    path,
    operation: post.operationId,
    name,
    value,
  })),
);

/** Every string in a value that parses as an absolute http(s) URL. */
function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urlsIn);
  return [];
}

describe("the spec's request examples replay offline", () => {
  it.each(requestExamples.map((e) => [`${e.operation} ${e.name}`, e] as const))('%s names only loopback URLs', (_, example) => {
    for (const url of urlsIn(example.value)) expect(['127.0.0.1', '[::1]', 'localhost']).toContain(new URL(url).hostname);
  });

  let mock: MockServer;
  let origin: string;
  beforeAll(async () => {
    mock = await createMockServer({});
    origin = await mock.listen(0, '127.0.0.1');
  });
  afterAll(() => mock.close());

  const enrollExamples = requestExamples.filter((e) => e.path === enrollPath);
  it.each(enrollExamples.map((e) => [e.name, e] as const))(
    'Save Enroll example %s enrolls a face on the mock (base64 complete, URL served by the mock itself)',
    async (_, example) => {
      const body = JSON.stringify(example.value).replaceAll(DEFAULT_ORIGIN, origin);
      const answer = await fetch(`${origin}${enrollPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-access-token': 'replay' },
        body,
      }).then((r) => r.json());
      expect(answer).toMatchObject({ code: 'SUCCESS', message: 'OK' });
    },
  );
});

describe("the spec declares the headers the kit's answers carry", () => {
  const carried = Object.values(spec.paths).flatMap(({ post }) =>
    Object.entries(post.responses).flatMap(([status, response]) =>
      Object.entries(response.content?.['application/json']?.examples ?? {}).flatMap(([name, example]) =>
        Object.keys((example['x-response-headers'] as Record<string, string> | undefined) ?? {}).map((header) => ({
          where: `${post.operationId} ${status} ${name}`,
          header,
          declared: Object.keys(response.headers ?? {}).map((h) => h.toLowerCase()),
        })),
      ),
    ),
  );

  it('has at least the SERVICE_BUSY Retry-After of every operation', () => {
    expect(carried.filter((c) => c.header === 'Retry-After').length).toBe(Object.keys(spec.paths).length);
  });

  it.each(carried.map((c) => [c.where, c.header, c] as const))('%s: %s is a declared response header', (_, header, c) => {
    expect(c.declared).toContain(header.toLowerCase());
  });
});
