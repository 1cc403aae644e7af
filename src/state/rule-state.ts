/*
 * The rules' part of the state port: declared in core (the rule book reads it), the in-memory implementation in
 * core too (the enroll core uses it when run alone); re-exported here for the state's implementations.
 */
export type { RuleSnapshot, RuleState, StoredRule, SyncRuleState } from '../core/rules/rule-state.js';
export { createMemoryRuleState } from '../core/rules/create-memory-rule-state.js';
