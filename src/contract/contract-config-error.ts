/** A run that cannot start as configured (no credentials, a refused key pair, an unreachable target): exit 2, not a failed case. */
export class ContractConfigError extends Error {
  override name = 'ContractConfigError';
}
