import type { bypass, delay, http, HttpResponse } from 'msw';

/** What the kit's handlers use of msw's main entry. */
export interface MswCore {
  http: typeof http;
  HttpResponse: typeof HttpResponse;
  bypass: typeof bypass;
  delay: typeof delay;
}

let core: MswCore | undefined;
let load: (() => MswCore) | undefined;

/**
 * Each MSW entry of the kit says how msw's main entry is had. `./msw` and `./browser` import it (a bundler needs
 * a static import), `./node` loads it when the first mock is made: msw's main entry brings GraphQL, WebSocket and
 * SSE support that msw/node does not load, and importing the kit must cost little more than msw/node alone
 * (decision note 0039). Whichever entry comes first, every one yields the same module, so the first is kept.
 */
export function provideMswCore(provider: MswCore | (() => MswCore)): void {
  if (typeof provider === 'function') load ??= provider;
  else core ??= provider;
}

/** msw's main entry, loaded on the first call when the entry provided a loader. */
export function mswCore(): MswCore {
  if (core) return core;
  if (!load)
    throw new Error("face-enroll-mock: msw's main entry was not provided: import the kit from face-enroll-mock/node, /msw or /browser");
  return (core = load());
}
