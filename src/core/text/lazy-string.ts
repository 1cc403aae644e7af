/**
 * A string member of a parsed JSON body that an adapter kept as its ASCII bytes: the text is made on first
 * read, and the stages that only need its kind, its length or its decoded bytes (a base64 image) read the
 * bytes instead. Making a string of a 200 KB image cost more than the rest of a Save Enroll put together: V8
 * puts a string over 128 KB in its large-object space, a fresh mapping whose pages fault on first touch, which
 * on a virtual machine costs a millisecond (docs/benchmarks.md). The body stays a plain object whose member
 * reads as the same string, so nothing that reads it as usual can tell.
 */
const keptBytes = new WeakMap<object, Map<string, Uint8Array>>();

const ascii = new TextDecoder();

/** Defines `holder[key]` as the text of `bytes`, which must be ASCII (the caller checked it), made on first read. */
export function defineLazyString(holder: Record<string, unknown>, key: string, bytes: Uint8Array): void {
  let members = keptBytes.get(holder);
  if (!members) keptBytes.set(holder, (members = new Map()));
  members.set(key, bytes);
  const settle = (value: unknown) => {
    members.delete(key);
    // A data member from now on, as JSON.parse would have made it ("__proto__" included: defined, not assigned).
    Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(holder, key, {
    get: () => settle(ascii.decode(bytes)),
    set: settle,
    enumerable: true,
    configurable: true,
  });
}

/** The ASCII bytes `holder[key]` reads as, when it is a lazy string not read yet; undefined otherwise. */
export function lazyStringBytes(holder: unknown, key: string): Uint8Array | undefined {
  return holder !== null && typeof holder === 'object' ? keptBytes.get(holder)?.get(key) : undefined;
}
