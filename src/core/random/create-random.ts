export interface RandomSource {
  /** 16 lower-case hex digits, like the vendor's examples. */
  transactionId(): string;
  /** A float in [0, 1). */
  next(): number;
}

/**
 * One seeded generator per core: with a seed the sequence of transaction ids, rule probabilities and delay
 * draws repeats run after run; without one it is random. The kit's own Mersenne Twister, drawing exactly what
 * faker's SimpleFaker drew in version 0.1.0 (the same MT19937, 53-bit floats, and its way of picking a hex
 * digit), so seeded ids users pinned in snapshots stay; faker itself cost 111 KB of a browser bundle and about
 * 0.1 ms a request (docs/decisions/0031-own-seeded-generator.md).
 */
export function createRandom(seed?: number, replica?: string): RandomSource {
  const twister = createTwister(seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!);
  const mask = replica === undefined ? undefined : replicaMask(replica);
  const draw = () => {
    let id = '';
    for (let i = 0; i < 16; i++) id += HEX_DIGITS[Math.floor(twister.nextF53() * HEX_DIGITS.length)];
    return id;
  };
  return {
    // A replica's mask is XORed into every id: still 16 hex digits, still distinct within a process, and two
    // replicas started with the same seed draw different ids (they share one store: docs/deployment.md).
    transactionId: mask === undefined ? draw : () => xorHex(draw(), mask),
    next: () => Math.floor(twister.nextF53() * 0x100000000) / 0x100000000,
  };
}

/**
 * faker's hexadecimal({ casing: 'lower' }) picks among 22 mixed-case digits and lower-cases the result: the
 * same picks, already lower case (so a-f come up twice as often as 0-9, as they always did).
 */
const HEX_DIGITS = '0123456789abcdefABCDEF'.toLowerCase();

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

/** MT19937 (Matsumoto and Nishimura), seeded by init_genrand, with the 53-bit float of genrand_res53. */
function createTwister(seed: number) {
  const state = new Array<number>(N);
  state[0] = seed;
  for (let i = 1; i < N; i++) {
    const previous = state[i - 1]! ^ (state[i - 1]! >>> 30);
    state[i] = Math.trunc(Math.imul(1812433253, previous) + i);
  }
  let index = N;
  const twist = () => {
    for (let i = 0; i < N; i++) {
      const y = (state[i]! & UPPER) + (state[(i + 1) % N]! & LOWER);
      state[i] = state[(i + M) % N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    index = 0;
  };
  const nextU32 = () => {
    if (index >= N) twist();
    let y = state[index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
  return {
    nextF53: () => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992,
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
