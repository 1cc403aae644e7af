import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';

// The package ships its docs, so a user reads them in node_modules where only the tarball's files exist: every
// link they follow and every repository path they name must be in it.
const root = resolve(import.meta.dirname, '../..');

/** What npm publish would ship (scripts off: dist is built once for the whole run by the global setup). */
const shipped: string[] = (
  JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as Array<{
    files: Array<{ path: string }>;
  }>
)[0]!.files.map((file) => file.path);

/** The repository's top-level folders: a path starting with one of them names a file of the kit, not the user's. */
const folders = [
  ...new Set(
    execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((path) => path.includes('/'))
      .map((path) => path.slice(0, path.indexOf('/'))),
  ),
];

const inTarball = (path: string): boolean =>
  path === '' || shipped.includes(path) || shipped.some((file) => file.startsWith(path.endsWith('/') ? path : `${path}/`));

function anchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const found = new Set<string>();
  for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} +(.+?) *$/gm)) found.add(slugger.slug(heading!));
  return found;
}

/** Every problem of one shipped doc: links to files or anchors the tarball lacks, and repository paths it does not ship. */
export function problemsOf(doc: string, text: string, exists: (path: string) => boolean, readShipped: (path: string) => string): string[] {
  const problems: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target!)) continue; // https:, mailto: — not a file of the package
    const [file, anchor] = target!.split('#') as [string, string | undefined];
    const path = file === '' ? doc : normalize(join(dirname(doc), file)).replaceAll('\\', '/');
    if (path.startsWith('..') || !exists(path)) {
      problems.push(`${doc}: links to ${target}, which the package does not ship`);
      continue;
    }
    if (anchor && path.endsWith('.md') && !anchors(readShipped(path)).has(anchor)) {
      problems.push(`${doc}: links to ${target}, but ${path} has no heading with that anchor`);
    }
  }
  const named = new RegExp(`(?<![\\w./@-])((?:${folders.map((f) => f.replace('.', '\\.')).join('|')})/[\\w./*@-]*)`, 'g');
  for (const [, mention] of text.matchAll(named)) {
    const path = mention!.replace(/[.,:]+$/, '').replace(/\*.*$/, '');
    if (!exists(path)) problems.push(`${doc}: names ${mention}, which the package does not ship`);
  }
  return problems;
}

describe('the docs the package ships', () => {
  const docs = shipped.filter((path) => path.endsWith('.md'));

  it('ships the README, the license, the release notes and the guides', () => {
    expect(shipped).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md', 'docs/frontend.md']));
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} face-enroll-mock contributors\n/);
  });

  it('link only to files and headings in the tarball, and name only files it ships', () => {
    const read = (path: string) => readFileSync(join(root, path), 'utf8');
    const problems = docs.flatMap((doc) => problemsOf(doc, read(doc), inTarball, read));
    expect(docs.length).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });

  // The checker itself, on a doc written for the purpose: a test of a check must see the check fail.
  it('reports a missing link target, a missing anchor and a named repository file the package does not ship', () => {
    const files: Record<string, string> = { 'docs/a.md': '# A\n\n## Real heading\n', 'README.md': '' };
    const text = '[ok](a.md#real-heading) [gone](b.md) [bad](a.md#no-such) see `src/core/x.ts` and [up](../README.md)\n';
    const problems = problemsOf(
      'docs/guide.md',
      text,
      (path) => path in files,
      (path) => files[path]!,
    );
    expect(problems).toEqual([
      'docs/guide.md: links to b.md, which the package does not ship',
      'docs/guide.md: links to a.md#no-such, but docs/a.md has no heading with that anchor',
      'docs/guide.md: names src/core/x.ts, which the package does not ship',
    ]);
  });
});
