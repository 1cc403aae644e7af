import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';

// The spec, the code and the decision notes cite vendor facts by section of docs/vendor-api.md (its path, a
// hash, the heading's anchor); a renamed heading must not leave them pointing nowhere.
const roots = ['README.md', 'spec', 'docs', 'src', 'mocks', 'scripts', 'test'];
const textFile = /\.(md|ya?ml|ts)$/;

const files = (path: string): string[] =>
  textFile.test(path) && !path.includes('/')
    ? [path]
    : readdirSync(path, { recursive: true, encoding: 'utf8' })
        .map((name) => join(path, name))
        .filter((name) => textFile.test(name));

function headingAnchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6} +(.+?) *$/gm)) anchors.add(slugger.slug(heading!));
  return anchors;
}

describe('docs/vendor-api.md', () => {
  it('has a heading for every section of it that the project links to, itself included', () => {
    const anchors = headingAnchors(readFileSync('docs/vendor-api.md', 'utf8'));
    const broken: string[] = [];
    let links = 0;
    for (const file of roots.flatMap(files)) {
      for (const [, anchor] of readFileSync(file, 'utf8').matchAll(/vendor-api\.md#([\w-]+)/g)) {
        links += 1;
        if (!anchors.has(anchor!)) broken.push(`${file}: #${anchor}`);
      }
    }
    const own = readFileSync('docs/vendor-api.md', 'utf8');
    for (const [, anchor] of own.matchAll(/\]\(#([\w-]+)\)/g)) {
      links += 1;
      if (!anchors.has(anchor!)) broken.push(`docs/vendor-api.md (its own link): #${anchor}`);
    }
    expect(links, 'no links to docs/vendor-api.md found: is the scan looking in the right places?').toBeGreaterThan(10);
    expect(broken, `links to docs/vendor-api.md sections that do not exist (headings: ${[...anchors].join(', ')})`).toEqual([]);
  });
});
