import { classifyFaceImage } from '../classify-face-image.js';
import { decodeBase64 } from '../decode-base64.js';
import { drawDelay } from '../draw-delay.js';
import { isPlainObject } from '../is-plain-object.js';
import { ruleMatches, type RuleSubject } from '../rules/match-rules.js';
import type { Stage } from './stage.js';

/** Fixture rules, first match wins; a rule with a probability is taken for that share of matches (seeded). */
export const rulesStage: Stage = {
  name: 'rules',
  async run({ request, settings }) {
    if (!settings.rules.length) return undefined;
    const body = request.body;
    const field = (key: string) => (isPlainObject(body) && Object.hasOwn(body, key) ? body[key] : undefined);
    const kind = classifyFaceImage(body);
    const faceImage = field('faceImage');
    let imageDigest: Promise<string | null> | undefined;
    const subject: RuleSubject = {
      userId: field('userId'),
      region: field('region'),
      faceImage,
      faceImageKind: kind,
      headers: request.headers,
      // Hashing a 2 MB image is the costliest thing a rule can ask for: only when one does, and once.
      faceImageSha256: () =>
        (imageDigest ??= (async () => {
          const bytes = kind === 'base64' ? decodeBase64(faceImage as string) : null;
          return bytes ? settings.digest(bytes) : null;
        })()),
    };
    for (const [index, rule] of settings.rules.entries()) {
      // A rule that only decides authentications (`authentication:`) is not an enroll rule.
      if (!rule.outcome && !rule.fault) continue;
      if (!(await ruleMatches(rule, subject))) continue;
      if (rule.probability !== undefined && settings.random.next() >= rule.probability) continue;
      const name = rule.name ?? `#${index + 1}`;
      const delayMs = drawDelay(rule.delay, settings.random);
      if (rule.fault) return { fault: rule.fault, source: 'rule', rule: name, delayMs, detail: `rule ${name}: fault ${rule.fault}` };
      return { outcome: rule.outcome ?? 'SUCCESS', source: 'rule', rule: name, delayMs, detail: `rule ${name}` };
    }
    return undefined;
  },
};
