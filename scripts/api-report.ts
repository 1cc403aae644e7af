/**
 * `npm run api-report`: the package's public surface, one report per subpath of the exports map, written by
 * api-extractor to api/*.api.md and committed, so every change of the surface shows in review.
 * `--check` compares instead of writing (test/package/api-report.test.ts): it fails when the committed report
 * differs, naming the subpath and how to update. Reads declarations built by tsconfig.build.json into `--dts DIR`
 * (default dist).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompilerState, Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | { types?: string }>;
};

/** Every subpath with types: '.' -> 'face-enroll-mock', './contract/vitest' -> 'face-enroll-mock-contract-vitest'. */
export function entryPoints(): Array<{ subpath: string; types: string; report: string }> {
  return Object.entries(pkg.exports)
    .filter((entry): entry is [string, { types: string }] => typeof entry[1] === 'object' && typeof entry[1].types === 'string')
    .map(([subpath, { types }]) => ({
      subpath,
      types,
      report: `${[
        pkg.name,
        ...subpath
          .replace(/^\.\/?/, '')
          .split('/')
          .filter(Boolean),
      ].join('-')}.api.md`,
    }));
}

/** Runs api-extractor on every entry; returns the subpaths whose committed report differs (check) or changed (update). */
export function apiReport({ check, dts }: { check: boolean; dts: string }): string[] {
  const changed: string[] = [];
  mkdirSync(join(root, 'api'), { recursive: true });
  const entries = entryPoints();
  const declarations = entries.map((entry) => join(dts, entry.types.replace(/^\.\/dist\//, '')));
  // One TypeScript program for every subpath: api-extractor would otherwise compile the project once per entry.
  let compilerState: CompilerState | undefined;
  for (const entry of entries) {
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: root,
        mainEntryPointFilePath: join(dts, entry.types.replace(/^\.\/dist\//, '')),
        compiler: { tsconfigFilePath: join(root, 'tsconfig.json') },
        apiReport: {
          enabled: true,
          reportFolder: join(root, 'api'),
          reportTempFolder: join(tmpdir(), 'api-report-temp'),
          reportFileName: entry.report,
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          // The report lists what is exported; missing release tags and the like are not this project's convention.
          extractorMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
          tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
          compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
        },
      },
      configObjectFullPath: join(root, 'api', 'api-extractor.json'),
      packageJsonFullPath: join(root, 'package.json'),
    });
    compilerState ??= CompilerState.create(config, { additionalEntryPoints: declarations });
    const result = Extractor.invoke(config, { localBuild: !check, showVerboseMessages: false, messageCallback: quiet, compilerState });
    if (result.apiReportChanged) changed.push(entry.subpath);
  }
  return changed;
}

/** api-extractor's chatter (its own TypeScript version, the report's path) is not ours to print. */
function quiet(message: { logLevel: ExtractorLogLevel; text: string; handled: boolean }): void {
  if (message.logLevel !== ExtractorLogLevel.Error) message.handled = true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const dts = mkdtempSync(join(tmpdir(), 'api-dts-'));
  try {
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        join(root, 'tsconfig.build.json'),
        '--outDir',
        dts,
        '--sourceMap',
        'false',
        '--inlineSources',
        'false',
      ],
      { stdio: 'inherit' },
    );
    const changed = apiReport({ check, dts });
    if (check && changed.length) {
      console.error(`The public surface changed for ${changed.join(', ')}: run \`npm run api-report\` and commit api/*.api.md.`);
      process.exitCode = 1;
    } else console.log(changed.length ? `api/: updated ${changed.join(', ')}` : 'api/: the public surface is unchanged');
  } finally {
    rmSync(dts, { recursive: true, force: true });
  }
}
