/**
 * A shared store's failure met inside a decision (the rules' state): the decision does not turn it into its own
 * "internal failure" but lets the responder answer for the store, as for every other state call. It lives in the
 * core because the decision is what throws and tells it apart; the state layer only fails.
 */
export class StateFailure extends Error {
  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause));
    this.name = 'StateFailure';
  }
}
