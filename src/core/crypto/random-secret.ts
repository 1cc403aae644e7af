/**
 * A signing secret: 32 bytes from the platform's cryptographic generator as hex. Never drawn from the seeded
 * source (createRandom): a seed repeats ids and draws run after run, and the ids a client sees would give the
 * secret away (docs/decisions/0025-secrets-apart-from-the-seed.md).
 */
export function randomSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
}
