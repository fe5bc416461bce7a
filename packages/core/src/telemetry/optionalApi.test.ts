import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/** An import, a require or a type import of any OpenTelemetry package (not a mention in a comment). */
const IMPORT = /(from\s*|require\(|import\()["']@opentelemetry\//;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('@opentelemetry/api stays optional', () => {
  it('only the adapter behind the opentelemetry entry imports it', () => {
    const built = files(dist).filter((file) => /\.(c?js|d\.c?ts)$/.test(file));
    expect(built.length).toBeGreaterThan(50);
    const importing = built
      .filter((file) => IMPORT.test(readFileSync(file, 'utf8')))
      .map((file) => relative(dist, file));
    expect(importing.sort()).toEqual([
      'telemetry/openTelemetry.cjs',
      'telemetry/openTelemetry.d.cts',
      'telemetry/openTelemetry.d.ts',
      'telemetry/openTelemetry.js',
    ]);
  });
});
