import { faults } from '../stages/faults.js';
import { ruleOperations, type RuleOperation } from './rule-operations.js';

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
        regex: {
          type: 'string',
          description: 'Found anywhere in the value, in linear time (RE2 syntax: JavaScript regex without backreferences or lookaround).',
        },
      },
    },
  ],
} as const;

/** Every request field some operation's rules match. */
const matchFields = [...new Set(Object.values(ruleOperations).flatMap((operation) => operation.match))];

/**
 * What a rule answering `operation` may say: an outcome or sequence item from that operation's own catalog, and
 * only the request fields that operation has (another operation's field is `false`: refused by name). A rule
 * without `operation` is a Save Enroll rule; an unknown operation takes no branch, so only its own error is
 * reported.
 */
function operationRules<const Names extends readonly string[]>(operation: RuleOperation, names: Names) {
  const own: readonly string[] = ruleOperations[operation].match;
  const foreign = matchFields.filter((field) => !own.includes(field));
  return {
    match: { properties: Object.fromEntries(foreign.map((field) => [field, false as const])) },
    outcome: { enum: [...names] as [...Names] },
    sequence: { items: { enum: [...names, ...faults] as [...Names, ...typeof faults] } },
  };
}

/**
 * JSON Schema of a fixture rules file, for the given outcome names of each operation rules can answer. `npm run
 * generate` calls it with the names it has just read from the spec, so the compiled validator
 * (src/generated/validate-rules-schema.ts) never lags one run behind a spec change.
 */
export function createRulesSchema<const Enroll extends readonly string[], const Token extends readonly string[]>(outcomeNames: {
  saveEnroll: Enroll;
  generateToken: Token;
}) {
  return {
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
          anyOf: [{ required: ['outcome'] }, { required: ['fault'] }, { required: ['sequence'] }, { required: ['authentication'] }],
          allOf: [
            {
              if: { properties: { operation: { const: 'saveEnroll' } } },
              then: { properties: operationRules('saveEnroll', outcomeNames.saveEnroll) },
            },
            {
              if: { required: ['operation'], properties: { operation: { const: 'generateToken' } } },
              // An H5 authentication's result belongs to an enrolled user, not to an access key.
              then: { properties: { ...operationRules('generateToken', outcomeNames.generateToken), authentication: false } },
            },
          ],
          properties: {
            name: { type: 'string', description: 'Shown in logs and the journal.' },
            description: { type: 'string' },
            operation: {
              enum: ['saveEnroll', 'generateToken'] as const satisfies readonly RuleOperation[],
              description:
                "The operation the rule answers, by the spec's operationId (as the journal and coverage name it). Default: saveEnroll.",
            },
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
                accessKey: { ...stringMatcher, description: "generate-token's accessKey (rules with `operation: generateToken`)." },
                headers: {
                  type: 'object',
                  description: 'Header name (any case) to matcher.',
                  additionalProperties: stringMatcher,
                },
              },
            },
            outcome: { description: "A named example of the operation's catalog (spec/openapi.yaml), checked per operation." },
            fault: { enum: [...faults], description: 'A transport fault instead of an answer.' },
            sequence: {
              type: 'array',
              minItems: 1,
              maxItems: 1000,
              description: 'Instead of outcome: each match takes the next outcome or fault; once used up, the rule no longer matches.',
            },
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
            times: { type: 'integer', minimum: 1, description: 'The rule matches at most this many times, then no longer matches.' },
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
}
