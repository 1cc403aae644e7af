import { SimpleFaker } from '@faker-js/faker';

export interface RandomSource {
  /** 16 lower-case hex digits, like the vendor's examples. */
  transactionId(): string;
  /** A float in [0, 1). */
  next(): number;
}

/**
 * One seeded faker instance per core: with a seed the sequence of transaction ids, rule probabilities and
 * delay draws repeats run after run; without one it is random. SimpleFaker is faker without locale data (only
 * ids and numbers are drawn here): same randomizer and modules as Faker, so the same seed draws the same
 * sequence, at a quarter of the bytes in a browser bundle.
 */
export function createRandom(seed?: number): RandomSource {
  const faker = new SimpleFaker();
  if (seed !== undefined) faker.seed(seed);
  return {
    transactionId: () => faker.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' }),
    next: () => faker.number.int({ min: 0, max: 0xffffffff }) / 0x100000000,
  };
}
