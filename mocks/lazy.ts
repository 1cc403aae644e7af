/**
 * An object (or array) made on first use. The ready-made exports (`handlers`, `enrollments`, `server`,
 * `worker`) are built only when a test touches them, so importing the package does no work (as msw's own
 * entries do none): parsing the default rules, importing a key, starting interceptors.
 */
export function lazy<T extends object>(make: () => T, shape: T extends readonly unknown[] ? unknown[] : object): T {
  let value: T | undefined;
  const real = () => (value ??= make());
  return new Proxy(shape as T, {
    get(_target, key) {
      const target = real();
      const found = Reflect.get(target, key, target) as unknown;
      return typeof found === 'function' ? (found as (...args: unknown[]) => unknown).bind(target) : found;
    },
    set: (_target, key, next) => Reflect.set(real(), key, next),
    has: (_target, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()).filter((key) => key !== 'length' || Array.isArray(shape)),
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // A proxy must report non-configurable properties exactly as its target has them (the array's length).
      if (descriptor && key === 'length' && Array.isArray(shape)) return Reflect.getOwnPropertyDescriptor(shape, key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  });
}
