import { faults } from '../faults.js';
import { outcomeNames } from '../outcome-catalog.js';

const stringMatcher = {
  description: 'A plain string matches exactly; an object matches by equals, prefix, suffix, contains or regex.',
  oneOf: [
    { type: 'string' },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: {
        equals: { type: 'string' },
        prefix: { type: 'string' },
        suffix: { type: 'string' },
        contains: { type: 'string' },
        regex: { type: 'string' },
      },
    },
  ],
} as const;

/** JSON Schema of a fixture rules file (fixtures/rules.yaml). The outcome names come from the spec. */
export const rulesSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'face-enroll-mock fixture rules',
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    $schema: { type: 'string' },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        anyOf: [{ required: ['outcome'] }, { required: ['fault'] }, { required: ['authentication'] }],
        properties: {
          name: { type: 'string', description: 'Shown in logs and the journal.' },
          description: { type: 'string' },
          match: {
            type: 'object',
            additionalProperties: false,
            description: 'Every field given must match (AND). No match object matches every request.',
            properties: {
              userId: stringMatcher,
              region: stringMatcher,
              faceImage: { ...stringMatcher, description: 'The faceImage text as sent (a URL, or base64).' },
              faceImageKind: { enum: ['url', 'base64', 'null', 'empty', 'missing', 'other'] },
              faceImageSha256: {
                type: 'string',
                pattern: '^[0-9a-f]{64}$',
                description: 'SHA-256 of the decoded base64 image bytes (what `sha256sum face.jpg` prints).',
              },
              headers: {
                type: 'object',
                description: 'Header name (any case) to matcher.',
                additionalProperties: stringMatcher,
              },
            },
          },
          outcome: { enum: [...outcomeNames] },
          fault: { enum: [...faults], description: 'A transport fault instead of an answer.' },
          authentication: {
            type: 'object',
            additionalProperties: false,
            required: ['result'],
            description:
              "An H5 authentication's result for a matching user (match on userId or region), whatever the tester chooses; a rule with only this never answers an enroll.",
            properties: {
              result: { enum: ['PASS', 'FAIL', 'INCOMPLETE'] },
              reason: { enum: ['LIVENESS_ATTACK', 'FACE_MISMATCH'] },
            },
          },
          delay: {
            description: 'Milliseconds before answering: a number, or [min, max] drawn from the seeded random source.',
            oneOf: [
              { type: 'integer', minimum: 0, maximum: 600000 },
              { type: 'array', items: { type: 'integer', minimum: 0, maximum: 600000 }, minItems: 2, maxItems: 2 },
            ],
          },
          probability: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            description: 'Chance that a matching request takes this rule (seeded); otherwise the next rules are tried.',
          },
        },
      },
    },
  },
} as const;
