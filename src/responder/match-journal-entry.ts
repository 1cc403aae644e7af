import { isPlainObject } from '../core/http/is-plain-object.js';
import { matchString } from '../core/rules/match-rules.js';
import { validateRules, type Rule } from '../core/rules/validate-rules.js';
import type { JournalEntry } from '../state/create-journal.js';

/** A request pattern for verification: a rule's `match` fields, plus the operation and what the answer was. */
export interface RequestPattern {
  match: NonNullable<Rule['match']>;
  operation?: string;
  transactionId?: string;
  outcome?: string;
  fault?: string;
  source?: string;
}

const ANSWER_FIELDS = ['operation', 'transactionId', 'outcome', 'fault', 'source'] as const;

/**
 * Reads a verification body (`{ userId: { prefix: "qa-" }, outcome: "ERROR" }`): the match fields are checked
 * by the rules schema itself, so the messages are the ones a rules file gets.
 */
export function parseRequestPattern(
  value: unknown,
  source: string,
): { ok: true; pattern: RequestPattern } | { ok: false; errors: string[] } {
  if (!isPlainObject(value))
    return {
      ok: false,
      errors: [`${source}: the body must be a JSON object of match fields and operation, transactionId, outcome, fault or source`],
    };
  const answer: Record<string, string> = {};
  const match: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if ((ANSWER_FIELDS as readonly string[]).includes(key)) {
      if (typeof field !== 'string') return { ok: false, errors: [`${source} at ${key}: must be a string`] };
      answer[key] = field;
    } else match[key] = field;
  }
  if ('faceImage' in match) {
    return {
      ok: false,
      errors: [`${source} at faceImage: the journal never keeps the image; match faceImageKind or faceImageSha256 instead`],
    };
  }
  // generate-token's accessKey is checked as a token rule's matcher, the other fields as an enroll rule's.
  const { accessKey, ...fields } = match;
  const token = accessKey === undefined ? [] : [{ operation: 'generateToken', match: { accessKey }, outcome: 'SUCCESS' }];
  const parsed = validateRules({ rules: [{ match: fields, outcome: 'SUCCESS' }, ...token] }, source);
  if (!parsed.ok)
    return {
      ok: false,
      // The pattern was checked as rules' matches: the messages speak of the body's own fields instead.
      errors: parsed.errors.map((e) =>
        e
          .replace(/: rule [12]: /, ': ')
          .replace(' in `match`', '')
          .replace('`match.', '`'),
      ),
    };
  const [checked, tokenChecked] = parsed.rules;
  return { ok: true, pattern: { match: { ...checked!.match, ...tokenChecked?.match }, ...answer } };
}

/** True when a journal entry fits every field the pattern names. */
export async function journalEntryMatches(entry: JournalEntry, pattern: RequestPattern): Promise<boolean> {
  for (const key of ANSWER_FIELDS) if (pattern[key] !== undefined && entry[key] !== pattern[key]) return false;
  const { match } = pattern;
  if (match.userId !== undefined && !(await matchString(match.userId, entry.userId))) return false;
  if (match.region !== undefined && !(await matchString(match.region, entry.region))) return false;
  if (match.accessKey !== undefined && !(await matchString(match.accessKey, entry.accessKey))) return false;
  if (match.faceImageKind !== undefined && match.faceImageKind !== entry.faceImageKind) return false;
  if (match.faceImageSha256 !== undefined && match.faceImageSha256 !== entry.image?.sha256) return false;
  for (const [name, matcher] of Object.entries(match.headers ?? {}))
    if (!(await matchString(matcher, entry.headers?.[name.toLowerCase()]))) return false;
  return true;
}
