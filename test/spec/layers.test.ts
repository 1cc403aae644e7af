import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layers of the kit, lowest first: a file may import its own layer or any layer below it, never one above.
// src/node (Node-only helpers: guarded fetch, rules files, Redis) sits under the adapters that use it, and
// the adapters share one rank so that none of them is ranked above another by accident.
const LAYERS: readonly { readonly name: string; readonly rank: number; readonly matches: (file: string) => boolean }[] = [
  { name: 'generated', rank: 0, matches: (file) => file.startsWith('src/generated/') },
  { name: 'core', rank: 1, matches: (file) => file.startsWith('src/core/') },
  { name: 'state', rank: 2, matches: (file) => file.startsWith('src/state/') },
  { name: 'responder', rank: 3, matches: (file) => file.startsWith('src/responder/') },
  { name: 'node', rank: 4, matches: (file) => file.startsWith('src/node/') },
  {
    name: 'adapters',
    rank: 5,
    matches: (file) => /^(src\/(server|client|contract)|mocks)\//.test(file),
  },
  { name: 'cli', rank: 6, matches: (file) => file.startsWith('src/cli/') },
  { name: 'package root', rank: 7, matches: (file) => file === 'src/index.ts' },
];

// Imports allowed to point above their layer, each with the change that removes it ('*' for every import of a file).
const KNOWN_UPWARD: ReadonlySet<string> = new Set([]);

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder)).flatMap((entry) => {
    const path = `${folder}/${entry}`;
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry) && !/\.test\.ts$/.test(entry) ? [path] : [];
  });
}

/** Every project file a source file imports, type-only imports and `import()` types included. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const target = relative(root, resolve(join(root, dirname(file)), specifier)).replace(/\.js$/, '.ts');
      if (!existsSync(join(root, target))) throw new Error(`${file} imports ${specifier}, which is not a file here`);
      return target;
    })
    .filter((target, at, targets) => targets.indexOf(target) === at);
}

function layerOf(file: string) {
  const layer = LAYERS.find(({ matches }) => matches(file));
  if (!layer) throw new Error(`${file} belongs to no layer: add its folder to LAYERS`);
  return layer;
}

const files = [...sourceFiles('src'), ...sourceFiles('mocks')];
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Every import that points above its file's layer, as `from -> to`. */
function upwardEdges(): string[] {
  return files.flatMap((file) =>
    graph
      .get(file)!
      .filter((target) => layerOf(target).rank > layerOf(file).rank)
      .map((target) => `${file} -> ${target}`),
  );
}

const isKnown = (edge: string) => KNOWN_UPWARD.has(edge) || KNOWN_UPWARD.has(`${edge.split(' -> ')[0]} -> *`);

/** Strongly connected components of more than one node (Tarjan), each as its sorted members. */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const members: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      members.push(member);
    } while (member !== file);
    if (members.length > 1) cycles.push(members.sort().join(' -> '));
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles.sort();
}

/** The folder a file belongs to for the adapters' sake: `mocks`, or `src/<folder>`. */
const folderOf = (file: string) =>
  file
    .split('/')
    .slice(0, file.startsWith('src/') ? 2 : 1)
    .join('/');

/** Which folders import which, the known upward imports left out (they are counted above). */
function folderGraph(): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const [file, targets] of graph) {
    const from = folders.get(folderOf(file)) ?? [];
    for (const target of targets) {
      if (isKnown(`${file} -> ${target}`) || folderOf(target) === folderOf(file)) continue;
      if (!from.includes(folderOf(target))) from.push(folderOf(target));
    }
    folders.set(folderOf(file), from);
  }
  return folders;
}

describe('the layers of src/ and mocks/', () => {
  it('finds every source file in a layer and every relative import on disk', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.map((file) => layerOf(file).name)).toContain('generated');
  });

  it('imports only its own layer or those below it', () => {
    const named = (edge: string) => edge.replace(/(\S+\.ts)/g, (file) => `${file} (${layerOf(file).name})`);
    expect(
      upwardEdges()
        .filter((edge) => !isKnown(edge))
        .map(named),
    ).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  // The adapters share a layer, so the rank cannot order them: this keeps any two of them from leaning on each other.
  it('has no import cycle between folders', () => {
    expect(cyclesOf(folderGraph())).toEqual([]);
  });

  it('still needs each exception it lists', () => {
    const edges = upwardEdges();
    const used = (known: string) =>
      known.endsWith(' -> *') ? edges.some((edge) => edge.startsWith(known.slice(0, -1))) : edges.includes(known);
    expect([...KNOWN_UPWARD].filter((known) => !used(known))).toEqual([]);
  });
});
