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
export function createRandom(seed?: number, replica?: string): RandomSource {
  const faker = new SimpleFaker();
  if (seed !== undefined) faker.seed(seed);
  const mask = replica === undefined ? undefined : replicaMask(replica);
  const draw = () => faker.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' });
  return {
    // A replica's mask is XORed into every id: still 16 hex digits, still distinct within a process, and two
    // replicas started with the same seed draw different ids (they share one store: docs/deployment.md).
    transactionId: mask === undefined ? draw : () => xorHex(draw(), mask),
    next: () => faker.number.int({ min: 0, max: 0xffffffff }) / 0x100000000,
  };
}

/** 16 hex digits from a replica's name (two FNV-1a 32-bit hashes): the same name, the same mask. */
function replicaMask(replica: string): string {
  const fnv = (text: string, basis: number) => {
    let hash = basis;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return hash.toString(16).padStart(8, '0');
  };
  return fnv(replica, 0x811c9dc5) + fnv(`${replica}#`, 0x050c5d1f);
}

function xorHex(value: string, mask: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) out += (parseInt(value[i]!, 16) ^ parseInt(mask[i]!, 16)).toString(16);
  return out;
}
