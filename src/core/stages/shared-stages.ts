import { faultStage } from './fault-stage.js';
import { forceStage } from './force-stage.js';
import { preferStage } from './prefer-stage.js';
import { rateLimitStage } from './rate-limit-stage.js';
import type { Stage } from './stage.js';

/**
 * The stages every operation starts with, the same code on each: the caller's force, `Prefer`, `X-Mock-Fault`
 * or the `fault` option, the rate limit (one window for every operation). Each operation's list goes on with
 * its own (spec: x-checks-order).
 */
export const sharedStages: readonly Stage[] = [forceStage, preferStage, faultStage, rateLimitStage];
