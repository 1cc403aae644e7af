#!/usr/bin/env node
// The package's bin. In a clone of the repository (its build script is next to this file) the CLI bundle is built
// first when it is missing or older than its sources, so `npx face-enroll-mock` works right after `npm ci` and
// without an install script; an installed package ships the bundle built, and this only loads it.
import { existsSync } from 'node:fs';

const builder = new URL('../scripts/build-if-stale.mjs', import.meta.url);
if (existsSync(builder)) (await import(builder.href)).buildIfStale();
await import('../dist/bundle/cli.mjs');
