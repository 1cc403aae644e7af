import type { parseDocument, YAMLError } from 'yaml';
import { validateRules, type ParseRulesResult } from './validate-rules.js';
import { keptText } from '../text/kept-text.js';

/**
 * parseRules for a text (YAML or JSON), with yaml's parser given: Node's rules-file reader loads yaml only when
 * it reads a file, so importing face-enroll-mock/node does not load it (decision note 0039).
 */
export function parseRulesText(input: string, source: string, parse: typeof parseDocument): ParseRulesResult {
  const document = parse(input, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length) {
    const seen = new Set<string>();
    const errors = document.errors
      .map((error) => describeYamlError(error, input, source))
      .filter((text) => {
        // yaml reports one slip several times from the same place; the first is the clearest.
        const place = text.split(': ', 2)[0]!;
        return !seen.has(place) && (seen.add(place), true);
      });
    return { ok: false, errors };
  }
  return validateRules(document.toJS(), source);
}

/**
 * `source:LINE:COL: not valid YAML: what yaml says`, then yaml's own code frame (its prettyErrors). yaml places an
 * indentation error at the start of the line (column 1, on the blanks); the column and the caret are moved to the
 * first character written there, where the editor should go.
 */
function describeYamlError(error: YAMLError, text: string, source: string): string {
  const [what, frame = ''] = error.message.split(/ at line \d+, column \d+:?\n?/, 2);
  const start = error.linePos?.[0];
  if (!start) return `${source}: not valid YAML: ${keptText(what ?? '', 300)}`;
  const line = text.split(/\r?\n/)[start.line - 1] ?? '';
  let col = start.col;
  let lines = frame.replace(/\n+$/, '').split('\n');
  const indent = /^[ \t]*/.exec(line)![0].length;
  if (col <= indent && indent < line.length) {
    col = indent + 1;
    const caret = lines.length - 1;
    if (caret >= 0 && /^ *\^+$/.test(lines[caret]!)) lines[caret] = `${' '.repeat(indent)}^`;
  }
  lines = lines.filter((l, i) => i > 0 || l !== '');
  return `${source}:${start.line}:${col}: not valid YAML: ${keptText(what ?? '', 300)}${lines.length ? `\n${lines.map((l) => `  ${l}`).join('\n')}` : ''}`;
}
