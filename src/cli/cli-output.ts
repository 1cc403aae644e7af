import { createRequire } from 'node:module';

/**
 * One line on stderr, `face-enroll-mock COMMAND: message`. Library errors carry their own "face-enroll-mock: "
 * prefix (they are read outside the CLI too); it is dropped here so the line never says the name twice.
 */
export function printError(command: string | undefined, message: string): void {
  const text = message.replace(/^face-enroll-mock(?: [a-z]+)?: /, '');
  process.stderr.write(`face-enroll-mock${command ? ` ${command}` : ''}: ${text}\n`);
}

/**
 * The installed package's version. Read through the package's own name (a self-reference, which its exports map
 * allows for ./package.json), so it is right from the bundle, the compiled files and the sources alike.
 */
export function kitVersion(): string {
  return (createRequire(import.meta.url)('face-enroll-mock/package.json') as { version: string }).version;
}
