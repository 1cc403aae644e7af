import { Faker, en } from '@faker-js/faker';

export interface RandomSource {
  /** 16 lower-case hex digits, like the vendor's examples. */
  transactionId(): string;
  /** A float in [0, 1). */
  next(): number;
}

/**
 * One seeded faker instance per core: with a seed the sequence of transaction ids, rule probabilities and
 * delay draws repeats run after run; without one it is random.
 */
export function createRandom(seed?: number): RandomSource {
  const faker = new Faker({ locale: [en] });
  if (seed !== undefined) faker.seed(seed);
  return {
    transactionId: () => faker.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' }),
    next: () => faker.number.int({ min: 0, max: 0xffffffff }) / 0x100000000,
  };
}
