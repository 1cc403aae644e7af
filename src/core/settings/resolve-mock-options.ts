import { sha256Hex } from '../crypto/sha256-hex.js';
import { validateRules } from '../rules/validate-rules.js';
import { defaultRules } from '../../generated/default-rules.js';
import { mockDefaults } from './mock-defaults.js';
import type { MockOptionsInput, ResolvedMockOptions, RulesOption } from './resolved-mock-options.js';

/**
 * The options of every adapter resolved once (decision note 0038): each default filled in, the rules checked,
 * the regions made a set. Everything below the responder reads the result, never the options.
 */
export function resolveMockOptions(options: MockOptionsInput, rulesSource = 'rules'): ResolvedMockOptions {
  const { rules, regions, callback, ...rest } = options;
  return {
    ...rest,
    rules: resolveRules(rules, rulesSource),
    regions: regions === undefined ? undefined : new Set(regions),
    token: options.token ?? mockDefaults.token,
    keys: options.keys ?? mockDefaults.keys,
    image: options.image ?? {},
    journalSize: options.journalSize ?? mockDefaults.journalSize,
    strict: options.strict ?? false,
    traceHeader: options.traceHeader ?? false,
    now: options.now ?? (() => new Date()),
    digest: options.digest ?? sha256Hex,
    imageUrlTtlSeconds: options.imageUrlTtlSeconds ?? mockDefaults.imageUrlTtlSeconds,
    imageMemoryBytes: options.imageMemoryBytes ?? mockDefaults.imageMemoryBytes,
    maxUsers: options.maxUsers ?? mockDefaults.maxUsers,
    similarityThreshold: options.similarityThreshold ?? mockDefaults.similarityThreshold,
    maxAuthentications: options.maxAuthentications ?? mockDefaults.maxAuthentications,
    callback: {
      ...callback,
      retries: callback?.retries ?? mockDefaults.callback.retries,
      backoffMs: callback?.backoffMs ?? mockDefaults.callback.backoffMs,
      timeoutMs: callback?.timeoutMs ?? mockDefaults.callback.timeoutMs,
      submitCompleted: callback?.submitCompleted ?? mockDefaults.callback.submitCompleted,
      // Looked up at each call, so a fetch patched later (an interceptor) is the one used.
      fetch: callback?.fetch ?? ((request) => fetch(request)),
    },
  };
}

function resolveRules(rules: RulesOption | undefined, source: string): ResolvedMockOptions['rules'] {
  if (rules === false) return [];
  const value = rules === undefined ? defaultRules : Array.isArray(rules) ? { rules } : rules;
  const parsed = validateRules(value, rules === undefined ? 'fixtures/rules.yaml' : source);
  if (!parsed.ok) {
    throw new Error(
      `face-enroll-mock: the fixture rules are invalid:\n  ${parsed.errors.join('\n  ')}\nFix the rules, or pass rules: false.`,
    );
  }
  return parsed.rules;
}
