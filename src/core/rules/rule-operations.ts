import { outcomeNames, tokenOutcomeNames } from '../../generated/outcomes.js';

/**
 * The operations a fixture rule can answer, by the spec's operationId (what the journal's and coverage's
 * `operation` say): the outcomes each may name (its own catalog, generated from the spec) and the request fields
 * each may match. A rule without `operation` answers Save Enroll, as every rule did before generate-token took
 * rules (decision note 0037).
 */
export const ruleOperations = {
  saveEnroll: {
    outcomes: outcomeNames,
    match: ['userId', 'region', 'faceImage', 'faceImageKind', 'faceImageSha256', 'headers'],
  },
  generateToken: {
    outcomes: tokenOutcomeNames,
    match: ['accessKey', 'headers'],
  },
} as const;

export type RuleOperation = keyof typeof ruleOperations;

/** The operation a rule answers: its `operation`, or Save Enroll. */
export const DEFAULT_RULE_OPERATION: RuleOperation = 'saveEnroll';
