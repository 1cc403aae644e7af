import { classifyFaceImage } from '../image/classify-face-image.js';
import { drawDelay } from '../random/draw-delay.js';
import { isPlainObject } from '../http/is-plain-object.js';
import { ruleMatches, type RuleSubject } from '../rules/match-rules.js';
import { faults, type Fault } from './faults.js';
import type { Stage, StageContext } from './stage.js';
import { DEFAULT_RULE_OPERATION, type RuleOperation } from '../rules/rule-operations.js';
import { faceImageBytes } from './face-image-bytes.js';
import { StateFailure } from './state-failure.js';

const asStateFailure = (error: unknown): never => {
  throw new StateFailure(error);
};

const isFault = (name: string): name is Fault => (faults as readonly string[]).includes(name);

/**
 * The rules stage of one operation: its rules (those naming `operation`, or none for Save Enroll), first match
 * wins; a rule with a probability is taken for that share of matches (seeded). `subject` reads what its rules
 * match from the request. Another operation's rules are never tried: a rule with no `match`, or one on headers
 * alone, would otherwise answer an outcome of the wrong catalog.
 */
export function createRulesStage<C extends StageContext>(operation: RuleOperation, subject: (context: C) => RuleSubject): Stage<C> {
  return {
    name: 'rules',
    async run(context) {
      const { settings } = context;
      // The request's namespace's rules (in memory or in the shared store), or the responder's own.
      const rules = context.rules ?? settings.ownRules;
      const entries = (await rules.entries().catch(asStateFailure)).filter(
        (entry) => (entry.rule.operation ?? DEFAULT_RULE_OPERATION) === operation,
      );
      if (!entries.length) return undefined;
      const request = subject(context);
      for (const entry of entries) {
        const { rule } = entry;
        // Used up: `times` taken, or every item of the sequence answered. Later rules and the checks decide.
        if (rule.times !== undefined && entry.hits >= rule.times) continue;
        if (rule.sequence && entry.hits >= rule.sequence.length) continue;
        // A rule that only decides authentications (`authentication:`) answers no request.
        if (!rule.outcome && !rule.fault && !rule.sequence) continue;
        if (!(await ruleMatches(rule, request))) continue;
        if (rule.probability !== undefined && settings.random.next() >= rule.probability) continue;
        // The hit is taken in the store, atomically: another replica may have used the last one since the list was read.
        const taken = await rules.take(entry).catch(asStateFailure);
        if (taken < 0) continue;
        const hits = taken + 1;
        const step = rule.sequence?.[taken];
        const name = entry.label;
        const delayMs = drawDelay(rule.delay, settings.random);
        const of = rule.sequence ? ` (${hits} of ${rule.sequence.length})` : rule.times !== undefined ? ` (${hits} of ${rule.times})` : '';
        const fault = step !== undefined ? (isFault(step) ? step : undefined) : rule.fault;
        if (fault) return { fault, source: 'rule', rule: name, delayMs, detail: `rule ${name}${of}: fault ${fault}` };
        const outcome = step !== undefined && !isFault(step) ? step : (rule.outcome ?? 'SUCCESS');
        return { outcome, source: 'rule', rule: name, delayMs, detail: `rule ${name}${of}` };
      }
      return undefined;
    },
  };
}

/** Save Enroll's rules stage: its rules match the body's userId, region and image, and the headers. */
export const rulesStage: Stage = createRulesStage('saveEnroll', (context) => {
  const { request } = context;
  const body = request.body;
  const field = (key: string) => (isPlainObject(body) && Object.hasOwn(body, key) ? body[key] : undefined);
  const kind = classifyFaceImage(body);
  return {
    userId: field('userId'),
    region: field('region'),
    // Read only by a rule matching the image's text: a 200 KB text is costly to make (lazy-string.ts).
    get faceImage() {
      return field('faceImage');
    },
    faceImageKind: kind,
    headers: request.headers,
    // Hashing a 2 MB image is the costliest thing a rule can ask for: only when one does, and once a request
    // (the image stage and the stored face reuse the bytes and the digest).
    faceImageSha256: async () => {
      const bytes = kind === 'base64' ? faceImageBytes(context).decoded() : null;
      return bytes ? faceImageBytes(context).digest(bytes) : null;
    },
  };
});
