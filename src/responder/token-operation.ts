import { tokenOutcomes, tokenPath } from '../generated/outcomes.js';
import { jsonAnswer } from './answer.js';
import type { Operation } from './operation.js';

/** Token Authentication: the token core's verdict (docs/vendor-api.md#token-authentication-api). */
export const tokenOperation: Operation = {
  path: tokenPath,
  async respond(request, context, options, started) {
    const decision = options.forceToken
      ? await context.tokens.outcome(options.forceToken)
      : await context.tokens.decide(request.bodyText ?? '');
    // The example's own headers (SERVICE_BUSY's Retry-After, for the MSW helper tokenOutcome('SERVICE_BUSY')).
    const rendered = jsonAnswer(decision.status, decision.envelope, { ...tokenOutcomes[decision.outcome].headers });
    const shape = `${decision.status} ${decision.outcome}`;
    const { answer, violations } = context.validated(tokenPath, rendered, decision.envelope, shape, decision.envelope.transactionId);
    const latencyMs = context.elapsed(started);
    return { answer, log: { outcome: decision.outcome, status: decision.status, latencyMs, ...(violations.length ? { violations } : {}) } };
  },
};
