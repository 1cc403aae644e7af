import type { Stage, StageContext, StageName, Verdict } from './stage.js';

/** Which stage decided (`success` when every stage passed) and what. */
export interface StagesOutcome {
  stage: StageName | 'success';
  verdict: Verdict;
}

/**
 * The one runner of every operation's decision: the stages in order, the first verdict wins; when every stage
 * passes, `succeed` (the operation's state change and its SUCCESS). A throw goes to `failed` with the stage it
 * came from (the operation answers it, or throws it on to the responder).
 */
export async function runStages<C extends StageContext>(
  stages: readonly Stage<C>[],
  context: C,
  succeed: (context: C) => Verdict | Promise<Verdict>,
  failed: (error: unknown) => Verdict,
): Promise<StagesOutcome> {
  let at: StageName | 'success' = 'success';
  try {
    for (const stage of stages) {
      at = stage.name;
      const verdict = await stage.run(context);
      if (verdict) return { stage: at, verdict };
    }
    at = 'success';
    return { stage: at, verdict: await succeed(context) };
  } catch (error) {
    return { stage: at, verdict: failed(error) };
  }
}
