import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkRegistryDependencies } from './linkRegistryDependencies.js';
import { type PackedPackage, packTarball } from './packTarball.js';
import { repositoryRoot } from './publishedPackages.js';
import { resolveExport } from './resolveExport.js';

const NODE_ESM = './dist/index.js';
const NODE_CJS = './dist/index.cjs';
const WEB_ESM = './dist/index.web.js';

/** The conditions each tool turns on when it resolves `@makini-kit/webhook-node`, and the build it must get. */
const RUNTIMES: Array<[tool: string, conditions: string[], build: string]> = [
  ['Node, import', ['node', 'import'], NODE_ESM],
  ['Node, require', ['node', 'require'], NODE_CJS],
  ['Bun', ['bun', 'node', 'import'], NODE_ESM],
  ['Vite SSR for Node', ['module', 'node', 'production', 'import'], NODE_ESM],
  ['a bundler that names no platform', ['import'], NODE_ESM],
  ['Vite for the browser', ['module', 'browser', 'production', 'import'], WEB_ESM],
  ['Cloudflare Workers (wrangler)', ['workerd', 'worker', 'browser', 'import'], WEB_ESM],
  ['Vercel and Next.js edge', ['edge-light', 'worker', 'browser', 'import'], WEB_ESM],
  ['Deno', ['deno', 'node', 'import'], WEB_ESM],
];

const NODE_ONLY = ['safeVerifyWebhook', 'toExpressMiddleware', 'toNodeHandler'];

/** TypeScript settings a consumer writes, and the declaration file each must read. */
const TYPESCRIPT: Array<[setting: string, declarations: string, options: ts.CompilerOptions]> = [
  [
    'bundler',
    'dist/index.d.ts',
    { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
  ],
  [
    'nodenext',
    'dist/index.d.ts',
    { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
  ],
  [
    'node16',
    'dist/index.d.ts',
    { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
  ],
  [
    'bundler with customConditions ["worker"]',
    'dist/index.web.d.ts',
    {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      customConditions: ['worker'],
    },
  ],
];

const scratch = mkdtempSync(join(tmpdir(), 'makini-webhook-conditions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("@makini-kit/webhook-node's published conditions", () => {
  let webhooks: PackedPackage;

  beforeAll(async () => {
    const [packed, core] = await Promise.all([
      packTarball('webhook-node', scratch),
      packTarball('core', scratch),
    ]);
    webhooks = packed;
    linkRegistryDependencies(core, 'core', scratch);
    // An ES module project, as `nodenext` and `node16` read `type` to tell import from require.
    writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }\n');
  });

  it.each(RUNTIMES)('%s gets %s', (_tool, conditions, build) => {
    const root = (webhooks.manifest.exports as Record<string, unknown>)['.'];
    expect(resolveExport(root, conditions)).toBe(build);
  });

  it.each(TYPESCRIPT)('moduleResolution %s reads %s', (_setting, declarations, options) => {
    const resolved = ts.resolveModuleName(
      '@makini-kit/webhook-node',
      join(scratch, 'consumer.ts'),
      options,
      ts.sys,
      undefined,
      undefined,
      ts.ModuleKind.ESNext,
    ).resolvedModule?.resolvedFileName;
    expect(resolved).toBe(join(webhooks.root, declarations));
  });

  it('a Node project under moduleResolution bundler imports the Node-only exports (no TS2305)', () => {
    const entry = join(scratch, 'consumer.ts');
    const names = ['createWebhookHandler', ...NODE_ONLY].join(', ');
    writeFileSync(
      entry,
      `import { ${names} } from '@makini-kit/webhook-node';\nexport const used = [${names}];\n`,
    );
    // A Node project: Node's types, no DOM.
    const program = ts.createProgram([entry], {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(repositoryRoot, 'node_modules/@types')],
    });
    const messages = ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(messages).toEqual([]);
  });

  it('the web build leaves out exactly the Node-only exports', () => {
    const web = webhooks.read('dist/index.web.d.ts');
    const node = webhooks.read('dist/index.d.ts');
    for (const name of NODE_ONLY) {
      expect(node).toMatch(new RegExp(`\\b${name}\\b`));
      expect(web).not.toMatch(new RegExp(`\\b${name}\\b`));
    }
  });
});
