import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENROLL_PATH, TOKEN_PATH, knownVariants, type ExampleObject } from '../../scripts/generate.js';
import { outcomes, tokenOutcomes } from '../../src/generated/outcomes.js';

const spec = parse(readFileSync('spec/openapi.yaml', 'utf8'));
const examplesOf = (path: string): [string, ExampleObject][] =>
  Object.values(
    spec.paths[path].post.responses as Record<string, { content: Record<string, { examples: Record<string, ExampleObject> }> }>,
  ).flatMap((response) => Object.entries(response.content['application/json']!.examples));

describe('knownVariants in the generated catalog', () => {
  it.each([
    ['enroll', ENROLL_PATH, outcomes as Record<string, { knownVariants: readonly string[] }>],
    ['token', TOKEN_PATH, tokenOutcomes as Record<string, { knownVariants: readonly string[] }>],
  ])("carries each %s example's x-known-variants, and [] where it has none", (_, path, catalog) => {
    const examples = examplesOf(path);
    expect(Object.keys(catalog)).toEqual(examples.map(([name]) => name));
    for (const [name, example] of examples) {
      expect(catalog[name]!.knownVariants, name).toEqual(example['x-known-variants'] ?? []);
    }
  });

  it('comes from a spec where some enroll outcome has variants', () => {
    // Guards the test above against passing on a spec (or a catalog) that simply lost every variant.
    expect(Object.values(outcomes).some((o) => o.knownVariants.length > 0)).toBe(true);
  });

  it.each([
    ['not a list', 'The Image is null', /must be a list of non-empty message texts/],
    ['a list holding a non-string', [42], /must be a list of non-empty message texts/],
    ['a list holding an empty text', [' '], /must be a list of non-empty message texts/],
    ["the example's own message", ['Image is null'], /repeats a text \(or the example's own message "Image is null"\)/],
    ['a repeated text', ['The Image is null', 'The Image is null'], /repeats a text/],
  ])('refuses x-known-variants that is %s, naming the example', (_, variants, reason) => {
    const example = { value: { code: 'PARAMETER_ERROR', message: 'Image is null' }, 'x-known-variants': variants };
    expect(() => knownVariants('POST /enroll example PARAMETER_ERROR_IMAGE_NULL', example)).toThrow(reason);
    expect(() => knownVariants('POST /enroll example PARAMETER_ERROR_IMAGE_NULL', example)).toThrow(/example PARAMETER_ERROR_IMAGE_NULL/);
  });
});
