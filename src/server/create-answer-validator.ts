import type { AnswerValidator } from '../responder/mock-options.js';
import type { PrismEngine } from './create-prism-engine.js';

/**
 * The responder's contract check, by the embedded Prism engine. `perShape`: validate once per answer shape
 * (the server's own answers, which differ only in ids); otherwise every answer in full (the proxy's upstream).
 */
export function createAnswerValidator(engine: PrismEngine, { perShape }: { perShape: boolean }): AnswerValidator {
  return (operation, answer, shapeKey) => {
    const response = { statusCode: answer.status, headers: answer.headers, body: answer.body };
    const violations = perShape
      ? engine.validateShape(`${operation.path} ${shapeKey}`, operation.path, operation.method, response)
      : engine.validate(operation.path, operation.method, response);
    return violations.map((v) => `${v.location}: ${v.message}`);
  };
}
