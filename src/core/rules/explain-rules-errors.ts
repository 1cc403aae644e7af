import { faults } from '../stages/faults.js';
import { keptText } from '../text/kept-text.js';
import { suggestName } from '../text/suggest-name.js';
import type { RulesSchemaError } from '../../generated/validate-rules-schema.js';
import { DEFAULT_RULE_OPERATION, ruleOperations, type RuleOperation } from './rule-operations.js';

/**
 * The keys each level of a rules file allows. Written out rather than read from the schema object, whose
 * descriptions would weigh on the browser bundle; explain-rules-errors.test.ts holds them equal to the schema.
 */
export const RULES_KEYS = {
  top: ['$schema', 'rules'],
  rule: ['name', 'description', 'operation', 'match', 'outcome', 'fault', 'sequence', 'authentication', 'times', 'delay', 'probability'],
  match: ['userId', 'region', 'faceImage', 'faceImageKind', 'faceImageSha256', 'accessKey', 'headers'],
  authentication: ['result', 'reason'],
  matcher: ['equals', 'prefix', 'suffix', 'contains', 'regex'],
} as const;
const KEYS: Record<string, readonly string[]> = RULES_KEYS;
const MATCHER = `text (an exact match) or a mapping with one of ${KEYS.matcher!.join(', ')} (for example \`{ prefix: qa- }\`)`;
const TYPES: Record<string, string> = {
  object: 'a mapping (`key: value` lines)',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

/** A value as a QA tester wrote it, short: text as is, anything else as JSON. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined ? 'nothing' : JSON.stringify(value);
  return `\`${text.length > 40 ? `${text.slice(0, 39)}…` : text}\``;
}

function kind(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${show(value)}`;
  return `${typeof value} ${show(value)}`;
}

function unknownKey(key: string, level: string, where: string): string {
  const nearest = suggestName(key, KEYS[level]!);
  const allowed = KEYS[level]!.map((k) => `\`${k}\``).join(', ');
  return `unknown key \`${key}\`${where}: ${nearest ? `did you mean \`${nearest}\`? Or w` : 'w'}rite one of ${allowed}`;
}

function at(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const part of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/** A string matcher's problems, all of them, in words (Ajv reports its two oneOf branches, which reads as noise). */
function explainMatcher(field: string, value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`\`${field}\` must be ${MATCHER}, got ${kind(value)}`];
  const keys = Object.keys(value);
  const problems = keys.filter((k) => !KEYS.matcher!.includes(k)).map((k) => unknownKey(k, 'matcher', ` in \`${field}\``));
  const operators = keys.filter((k) => KEYS.matcher!.includes(k));
  if (!keys.length)
    problems.push(`\`${field}\` is an empty mapping: write one of ${KEYS.matcher!.join(', ')} (for example \`{ prefix: qa- }\`)`);
  if (operators.length > 1) problems.push(`\`${field}\` has ${operators.join(' and ')}: keep one (a rule with both needs two rules)`);
  for (const op of operators) {
    const text = (value as Record<string, unknown>)[op];
    if (typeof text !== 'string') problems.push(`\`${field}.${op}\` must be text, got ${kind(text)}`);
  }
  return problems;
}

/** The operation a rule answers, as its `operation` names it (a known one), else Save Enroll. */
function operationOf(rule: unknown): RuleOperation {
  const named = rule !== null && typeof rule === 'object' ? (rule as { operation?: unknown }).operation : undefined;
  return typeof named === 'string' && Object.hasOwn(ruleOperations, named) ? (named as RuleOperation) : DEFAULT_RULE_OPERATION;
}

/** `a generateToken rule`, or, for a rule naming none, that it answers Save Enroll (the reader may not know). */
function ruleOf(rule: unknown): string {
  const named = rule !== null && typeof rule === 'object' && (rule as { operation?: unknown }).operation !== undefined;
  return named ? `a ${operationOf(rule)} rule` : `a rule without \`operation\` (a ${DEFAULT_RULE_OPERATION} rule)`;
}

const otherOperations = (rule: unknown) => (Object.keys(ruleOperations) as RuleOperation[]).filter((op) => op !== operationOf(rule));

/**
 * An outcome or sequence item outside the catalog of the rule's operation: the names that operation takes, and,
 * when the name is another operation's (ACCOUNT_DISABLED on an enroll rule), the `operation` that would take it.
 */
function explainCatalogName(field: string, value: unknown, allowed: readonly string[], rule: unknown): string {
  const nearest = typeof value === 'string' ? suggestName(value, allowed) : undefined;
  const owners = otherOperations(rule).filter((op) => (ruleOperations[op].outcomes as readonly string[]).includes(value as string));
  const takes = operationOf(rule) === DEFAULT_RULE_OPERATION && !owners.length ? 'the names it takes' : `the names ${ruleOf(rule)} takes`;
  const elsewhere = owners.length
    ? `; ${show(value).slice(1, -1)} is ${owners.map((op) => `a ${op} outcome (write \`operation: ${op}\`)`).join(' and ')}`
    : '';
  return `\`${field}: ${show(value).slice(1, -1)}\` is not one of ${takes}: ${nearest ? `did you mean \`${nearest}\`? Or w` : 'w'}rite one of ${allowed.join(', ')}${elsewhere}`;
}

/** A field the rule's operation does not have (another operation's matcher, or `authentication` off Save Enroll). */
function explainForeignField(field: string, rule: unknown): string {
  if (field === 'authentication')
    return `\`authentication\` decides an H5 authentication of an enrolled user, which ${ruleOf(rule)} never does: put it on a rule without \`operation\``;
  const name = field.replace(/^match\./, '');
  const own = ruleOperations[operationOf(rule)].match;
  const owners = otherOperations(rule).filter((op) => (ruleOperations[op].match as readonly string[]).includes(name));
  return (
    `\`${field}\` is not a field ${ruleOf(rule)} matches: it matches ${own.join(', ')}` +
    (owners.length ? `; \`${name}\` is matched by ${owners.map((op) => `\`operation: ${op}\` rules`).join(' and ')}` : '')
  );
}

function explainField(field: string, error: RulesSchemaError, value: unknown): string {
  const { keyword, params } = error;
  if (keyword === 'enum') {
    const allowed = params.allowedValues as string[];
    const nearest = typeof value === 'string' ? suggestName(value, allowed) : undefined;
    return `\`${field}: ${show(value).slice(1, -1)}\` is not one of the names it takes: ${nearest ? `did you mean \`${nearest}\`? Or w` : 'w'}rite one of ${allowed.join(', ')}`;
  }
  if (keyword === 'type') return `\`${field}\` must be ${TYPES[params.type as string] ?? params.type}, got ${kind(value)}`;
  if (keyword === 'minimum') return `\`${field}\` must be at least ${params.limit}, got ${show(value)}`;
  if (keyword === 'maximum') return `\`${field}\` must be at most ${params.limit}, got ${show(value)}`;
  if (keyword === 'minItems')
    return `\`${field}\` needs at least ${params.limit} item${params.limit === 1 ? '' : 's'}, got ${(value as unknown[]).length}`;
  if (keyword === 'maxItems') return `\`${field}\` takes at most ${params.limit} items, got ${(value as unknown[]).length}`;
  if (keyword === 'pattern' && field.endsWith('faceImageSha256'))
    return `\`${field}\` must be 64 lower-case hex digits (what \`sha256sum face.jpg\` prints), got ${show(value)}`;
  if (keyword === 'required')
    return field === 'authentication'
      ? `\`authentication\` needs \`result: <one of PASS, FAIL, INCOMPLETE>\``
      : `\`${field}\` needs \`${String(params.missingProperty)}\``;
  return `\`${field}\` ${error.message ?? 'is not valid'}, got ${show(value)}`;
}

/** `rule 3 (\`slow-users\`)`: the rule's place in the list, and its name when it has one. */
export function describeRule(rules: unknown, index: number): string {
  const rule = Array.isArray(rules) ? rules[index] : undefined;
  const name =
    rule && typeof rule === 'object' && typeof (rule as { name?: unknown }).name === 'string' ? (rule as { name: string }).name : '';
  return `rule ${index + 1}${name ? ` (\`${keptText(name, 100)}\`)` : ''}`;
}

/**
 * Ajv's errors for a rules document, as sentences that say what to write instead: every problem at once (every
 * unknown key, every rule), none of Ajv's own wording (`must match a schema in anyOf`, `must be object`).
 */
export function explainRulesErrors(errors: readonly RulesSchemaError[], value: unknown, source: string): string[] {
  const out: string[] = [];
  const say = (text: string) => out.includes(`${source}: ${text}`) || out.push(`${source}: ${text}`);
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))
    return [
      `${source}: the file is empty: write \`rules:\` followed by a list of rules, such as \`- { match: { userId: alice }, outcome: ERROR }\``,
    ];
  if (Array.isArray(value))
    return [`${source}: the top level is a list: put it under \`rules:\` (a first line \`rules:\`, the list indented below it)`];
  if (typeof value !== 'object') return [`${source}: the top level is ${kind(value)}: write \`rules:\` followed by a list of rules`];

  const handled: string[] = []; // paths explained by hand; Ajv's errors at or under them are skipped
  const under = (path: string) => handled.some((h) => path === h || path.startsWith(`${h}/`));
  for (const error of errors) {
    const parts = error.instancePath.split('/').slice(1);
    if (under(error.instancePath)) continue;
    if (parts.length === 0) {
      if (error.keyword === 'additionalProperties') say(unknownKey(String(error.params.additionalProperty), 'top', ' at the top level'));
      else if (error.keyword === 'required') say('there is no `rules:` list: write `rules:` followed by a list of rules');
      continue;
    }
    if (parts.length === 1) {
      say(`\`rules\` is ${kind(at(value, parts))}: write a list under it, one \`- \` item a rule`);
      continue;
    }
    const rules = (value as { rules: unknown }).rules;
    const index = Number(parts[1]);
    const rule = describeRule(rules, index);
    const ruleValue = Array.isArray(rules) ? rules[index] : undefined;
    const fieldParts = parts.slice(2);
    const field = fieldParts.join('.');
    const here = at(value, parts);
    // Checked per operation (create-rules-schema.ts): a field another operation has, a name of another catalog.
    if (error.keyword === 'false schema') {
      handled.push(error.instancePath);
      say(`${rule}: ${explainForeignField(field, ruleValue)}`);
      continue;
    }
    if (error.keyword === 'enum' && field === 'operation') {
      const nearest = typeof here === 'string' ? suggestName(here, Object.keys(ruleOperations)) : undefined;
      say(
        `${rule}: \`operation: ${show(here).slice(1, -1)}\` is not an operation rules answer: ${nearest ? `did you mean \`${nearest}\`? Or w` : 'w'}rite ` +
          `one of ${Object.keys(ruleOperations).join(', ')} (the spec's operationId; none: ${DEFAULT_RULE_OPERATION})`,
      );
      continue;
    }
    if (error.keyword === 'enum' && (field === 'outcome' || /^sequence\.\d+$/.test(field))) {
      say(`${rule}: ${explainCatalogName(field.replace(/\.(\d+)$/, '[$1]'), here, error.params.allowedValues as string[], ruleValue)}`);
      continue;
    }
    if (fieldParts.length === 0) {
      if (error.keyword === 'type') {
        handled.push(error.instancePath);
        say(`${rule} is ${kind(here)}: write a mapping, such as \`- { match: { userId: alice }, outcome: ERROR }\``);
      } else if (error.keyword === 'additionalProperties')
        say(`${rule}: ${unknownKey(String(error.params.additionalProperty), 'rule', '')}`);
      else if (error.keyword === 'anyOf')
        say(
          `${rule} has neither \`outcome\` nor \`fault\`: add \`outcome: <one of ${ruleOperations[operationOf(ruleValue)].outcomes.join(', ')}>\` ` +
            `or \`fault: <one of ${faults.join(', ')}>\` (or \`sequence:\` of them` +
            `${operationOf(ruleValue) === DEFAULT_RULE_OPERATION ? ', or `authentication:` for the H5 page' : ''})`,
        );
      continue;
    }
    const isMatcher =
      fieldParts[0] === 'match' &&
      ((fieldParts.length === 2 && ['userId', 'region', 'faceImage', 'accessKey'].includes(fieldParts[1]!)) ||
        (fieldParts.length === 3 && fieldParts[1] === 'headers'));
    if (isMatcher) {
      handled.push(error.instancePath);
      for (const problem of explainMatcher(field, here)) say(`${rule}: ${problem}`);
      continue;
    }
    if (fieldParts[0] === 'delay' && fieldParts.length === 1) {
      handled.push(error.instancePath);
      say(`${rule}: \`delay\` must be milliseconds from 0 to 600000, or \`[min, max]\` (two of them), got ${show(here)}`);
      continue;
    }
    if (error.keyword === 'additionalProperties' && (field === 'match' || field === 'authentication')) {
      say(`${rule}: ${unknownKey(String(error.params.additionalProperty), field, ` in \`${field}\``)}`);
      continue;
    }
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') continue; // its branches' errors say more
    say(`${rule}: ${explainField(field.replace(/\.(\d+)(?=\.|$)/g, '[$1]'), error, here)}`);
  }
  return out.length ? out : [`${source}: not a valid rules document`];
}
