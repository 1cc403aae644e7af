/** Transport-level faults for QA: the adapter answers with no envelope at all (docs/qa-and-console.md, "Faults"). */
export const faults = ['reset', 'hang', 'malformed', 'gateway-502', 'gateway-504'] as const;
export type Fault = (typeof faults)[number];
