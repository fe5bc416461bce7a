// `pnpm generate`: Makini's specs + overlays → packages/core/src/generated/ (interfaces, zod
// schemas, the OPERATIONS table, one resource class per resource) and the README's operations
// table. Deterministic; formatted with the repository's biome settings.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOverlaidSpecs } from '../openapi/loadOverlaidSpecs.js';
import { emitFormats } from './emitFormats.js';
import { emitSchemas, HEADER } from './emitModels.js';
import { emitOperations, withOperationsTable } from './emitOperations.js';
import { emitResources, resourceClass } from './emitResources.js';
import { readSpecs } from './readSpecs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GENERATED_DIR = join(root, 'packages', 'core', 'src', 'generated');
export const README = join(root, 'packages', 'core', 'README.md');

/** The generated files (relative to the generated folder) and the README, unformatted. */
export function generateSources(readme: string) {
  const { schemas, operations } = readSpecs(loadOverlaidSpecs());
  const lists = operations
    .filter((operation) => operation.bodyIsList && operation.body)
    .map((operation) => ({
      name: operation.body as string,
      item: (operation.body as string).replace(/Input$/, 'Entry'),
    }));
  const files = new Map<string, string>();
  files.set('schemas.ts', emitSchemas(schemas, lists));
  files.set('operations.ts', emitOperations(operations));
  files.set('formats.ts', emitFormats(schemas));
  const resources = emitResources(operations, schemas);
  for (const [name, source] of resources) files.set(`resources/${name}`, source);
  const resourceNames = [
    ...new Set(operations.map((operation) => operation.id.split('.')[0] as string)),
  ];
  files.set(
    'index.ts',
    `${HEADER}export { FIELD_FORMATS, type FieldFormat } from './formats.js';
export { OPERATIONS } from './operations.js';\nexport * from './schemas.js';\n${[
      ...resources.keys(),
    ]
      .map((file) => {
        const name = file.replace(/\.ts$/, '');
        return `export * from './resources/${name}.js';`;
      })
      .join('\n')}\n`,
  );
  const imports = resourceNames
    .map(
      (name) => `import { ${resourceClass(name)} } from './resources/${resourceClass(name)}.js';`,
    )
    .join('\n');
  const fields = resourceNames
    .map(
      (name) =>
        `  /** \`client.${name}\`: see {@link ${resourceClass(name)}}. */\n  readonly ${name}: ${resourceClass(name)};`,
    )
    .join('\n');
  const init = resourceNames
    .map((name) => `    this.${name} = new ${resourceClass(name)}(client);`)
    .join('\n');
  files.set(
    'ClientResources.ts',
    `${HEADER}import type { MakiniClient } from '../client/MakiniClient.js';\n${imports}\n\n/** Every resource of the Makini API; \`MakiniClient\` extends it. */\nexport abstract class ClientResources {\n${fields}\n\n  constructor() {\n    const client = this as unknown as MakiniClient;\n${init}\n  }\n}\n`,
  );
  return { files, readme: withOperationsTable(readme, operations) };
}

/** Writes the generated files into `dir` (emptied first) and formats them with biome. */
export function writeGenerated(dir: string, files: Map<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [name, source] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), source);
  }
  execFileSync(
    join(root, 'node_modules', '.bin', 'biome'),
    [
      'check',
      '--write',
      `--config-path=${join(root, 'biome.json')}`,
      '--vcs-enabled=false',
      '--files-ignore-unknown=true',
      dir,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** Lists a folder's files, relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** Generates into a fresh temporary folder (for the drift test); returns its path. */
export function generateToTemp(): { dir: string; readme: string } {
  const dir = join(mkdtempSync(join(tmpdir(), 'makini-generated-')), 'generated');
  const { files, readme } = generateSources(readFileSync(README, 'utf8'));
  writeGenerated(dir, files);
  return { dir, readme };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const { files, readme } = generateSources(readFileSync(README, 'utf8'));
  const temp = join(mkdtempSync(join(tmpdir(), 'makini-generated-')), 'generated');
  writeGenerated(temp, files);
  // Swap in only complete, formatted output.
  rmSync(GENERATED_DIR, { recursive: true, force: true });
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const file of listFiles(temp)) {
    mkdirSync(dirname(join(GENERATED_DIR, file)), { recursive: true });
    writeFileSync(join(GENERATED_DIR, file), readFileSync(join(temp, file)));
  }
  rmSync(dirname(temp), { recursive: true, force: true });
  writeFileSync(README, readme);
  console.log(
    `Generated ${files.size} files in ${relative(root, GENERATED_DIR)} (${Math.round(performance.now() - started)} ms).`,
  );
}
