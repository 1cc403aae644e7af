import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ContractReport } from './contract-case.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';

export interface ReportFiles {
  junit?: string;
  markdown?: string;
  json?: string;
}

/** Writes each report asked for (folders created as needed). */
export function writeReports(report: ContractReport, files: ReportFiles): void {
  const write = (file: string | undefined, text: string) => {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  write(files.junit, renderJunit(report));
  write(files.markdown, renderMarkdown(report));
  write(files.json, JSON.stringify(report, null, 2) + '\n');
}
