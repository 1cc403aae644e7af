import type { IHttpOperation } from '@stoplight/types';
import { operationCatalogs } from '../core/envelope/operation-catalogs.js';

/**
 * The first way the spec's named examples differ from the catalog the kit renders from, or null when they
 * agree. The kit has one renderer (the catalog generated from its own spec), so a `--spec` that says other
 * codes or messages would make the answers and the validation disagree silently: it is refused instead.
 */
export function diffSpecExamples(operations: readonly IHttpOperation[]): string | null {
  for (const [path, { catalog }] of operationCatalogs) {
    const operation = operations.find((op) => op.path === path && op.method === 'post');
    if (!operation) return `it has no POST ${path} operation`;
    const seen = new Set<string>();
    for (const response of operation.responses) {
      for (const content of response.contents ?? []) {
        for (const example of content.examples ?? []) {
          const value = (example as { value?: { code?: unknown; message?: unknown } }).value;
          const known = catalog[example.key];
          const where = `example ${example.key} of POST ${path}`;
          if (!known) return `${where} is not one the kit knows (known: ${Object.keys(catalog).join(', ')})`;
          seen.add(example.key);
          if (Number(response.code) !== known.status) return `${where} is under HTTP ${response.code}; the kit answers ${known.status}`;
          if (value?.code !== known.code) return `${where} has code ${JSON.stringify(value?.code)}; the kit answers "${known.code}"`;
          if (value?.message !== known.message)
            return `${where} has message ${JSON.stringify(value?.message)}; the kit answers "${known.message}"`;
        }
      }
    }
    const missing = Object.keys(catalog).filter((name) => !seen.has(name));
    if (missing.length) return `POST ${path} lacks the example ${missing[0]}`;
  }
  return null;
}
