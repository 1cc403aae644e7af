import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRewritingUpstream, type RewritingUpstream } from '../support/rewriting-upstream.js';
import { startCli, type RunningCli } from '../support/start-cli.js';

/**
 * The nightly job of docs/contract-and-ci.md, run as written: each `run:` step of its YAML in a fresh project
 * where the kit is installed from its packed tarball (as the recipe's `npm install` gives it), against the kit's own
 * server standing in for the vendor (the recipe's base URL swapped for it), `if: always()` honoured.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(root, 'docs/contract-and-ci.md'), 'utf8');
const recipe = parse(/## A nightly job\s+```yaml\n([\s\S]*?)```/.exec(doc)![1]!) as {
  contract: { steps: Array<{ run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: { path?: string } }> };
};

type Step = { command: string; code: number; stdout: string; stderr: string };

const run = (command: string, args: string[], cwd: string) =>
  new Promise<string>((resolve, reject) =>
    execFile(command, args, { cwd, maxBuffer: 10_000_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );

/** Runs the job's steps in `project`; returns each step run (a failed step stops the ones without `if: always()`). */
async function runJob(project: string, target: string, secrets: Record<string, string>): Promise<{ steps: Step[]; failed: boolean }> {
  const summary = join(project, 'summary.md');
  const steps: Step[] = [];
  let failed = false;
  for (const step of recipe.contract.steps) {
    if (failed && step.if !== 'always()') continue;
    if (!step.run) {
      if (step.uses?.startsWith('actions/upload-artifact'))
        expect(existsSync(join(project, step.with!.path!)), 'the artifacts folder').toBe(true);
      continue;
    }
    // The kit is installed in the fresh project from its tarball already (below): it is not on the registry yet.
    if (step.run.startsWith('npm install')) continue;
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.env ?? {}))
      env[name] = value.replace(/\$\{\{ secrets\.(\w+) \}\}/, (_, s: string) => secrets[s] ?? '');
    const command = step.run.replaceAll('https://sg-api.advance.ai', target);
    const result = await new Promise<Step>((resolve) =>
      execFile(
        'bash',
        ['-c', command],
        { cwd: project, env: { ...process.env, ...env, GITHUB_STEP_SUMMARY: summary, npm_config_offline: 'true' } },
        (error, stdout, stderr) => resolve({ command, code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
    steps.push(result);
    if (result.code !== 0) failed = true;
  }
  return { steps, failed };
}

describe('the CI recipe of docs/contract-and-ci.md', () => {
  let kit: RunningCli;
  let drifted: RewritingUpstream;
  let project: string;
  beforeAll(async () => {
    kit = await startCli(['--token', 'issued', '--access-key', 'ci-key', '--secret-key', 'ci-secret', '--rules', 'none']);
    drifted = await startRewritingUpstream(kit.url, (body) => (body.code === 'REGION_WRONG' ? { ...body, code: 'REGION_INVALID' } : body));
    project = mkdtempSync(join(tmpdir(), 'ci-recipe-'));
    writeFileSync(join(project, 'package.json'), '{ "name": "app", "private": true }\n');
    // The kit as the recipe's `npm install` gives it: the packed tarball (what npm publish ships) and its runtime
    // dependencies only. dist is built once for the whole run (global setup): --ignore-scripts keeps prepack from
    // rebuilding it under the other test files' feet.
    const packed = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', project], root);
    const tarball = join(project, packed.trim().split('\n').pop()!);
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], project);
    // The repository's committed baseline (actions/checkout): nothing accepted yet.
    writeFileSync(join(project, 'contract-baseline.json'), '{ "version": 1, "drifts": {} }\n');
  }, 240_000);
  afterAll(async () => {
    await drifted.close();
    await kit.stop();
    rmSync(project, { recursive: true, force: true });
  });

  it('fails the job on code drift, with the Markdown in the job summary and the three reports kept', async () => {
    const job = await runJob(project, drifted.url, { ADVANCE_ACCESS_KEY: 'ci-key', ADVANCE_SECRET_KEY: 'ci-secret' });
    expect(job.failed).toBe(true);
    const contract = job.steps.find((s) => s.command.includes('face-enroll-mock contract'))!;
    expect(contract.code, contract.stderr + contract.stdout).toBe(1);
    expect(contract.stdout).toMatch(/^FAIL 05-region-wrong-not-iso/m);
    expect(readFileSync(join(project, 'summary.md'), 'utf8')).toMatch(/## Failed \(2\)[\s\S]*code-drift/);
    for (const file of ['contract.xml', 'contract.md', 'contract.json'])
      expect(existsSync(join(project, 'reports', file)), file).toBe(true);
  }, 120_000);

  it('still writes the summary when the run cannot start (a wrong secret: exit 2)', async () => {
    rmSync(join(project, 'reports'), { recursive: true, force: true });
    rmSync(join(project, 'summary.md'), { force: true });
    const job = await runJob(project, kit.url, { ADVANCE_ACCESS_KEY: 'ci-key', ADVANCE_SECRET_KEY: 'wrong' });
    expect(job.steps.find((s) => s.command.includes('face-enroll-mock contract'))!.code).toBe(2);
    expect(readFileSync(join(project, 'summary.md'), 'utf8')).toContain('PARAMETER_ERROR Signature error');
  }, 60_000);
});
