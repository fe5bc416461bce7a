// Budgets for what @makini-kit/core costs its users' type checker, measured on the built package:
// - the published declarations (`dist/**/*.d.ts`) stay within 400 KB, and those of the browser
//   Link flow (`dist/linkFlow/`, moved here from @makini-kit/react so that any framework can run it)
//   within 22 KB of their own. Together that is 422 KB: the move raised core's cap by the flow's
//   declarations (20 KB when it came), and each part keeps a cap, so growth in either is a decision;
// - `tsc --noEmit` on a small consumer (consumer.ts) stays within 1.5× of the same check against
//   the declarations core published before the whole API was generated (baseline-core-dts.json.gz,
//   built from commit 4c6741e). Both checks run here, in this process's run, so the ratios compare
//   like with like on whatever machine runs them.
// `--check` exits non-zero when a budget is exceeded. Run after `pnpm --filter @makini-kit/core build`.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const coreDist = join(root, 'packages', 'core', 'dist');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const DTS_LIMIT = 400 * 1024;
const LINK_FLOW_DIR = 'linkFlow';
const LINK_FLOW_DTS_LIMIT = 22 * 1024;
const TYPECHECK_RATIO_LIMIT = 1.5;
const RUNS = 5;

function declarationBytes(dir: string, suffix: string, skip?: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name === skip) continue;
    if (entry.isDirectory()) total += declarationBytes(path, suffix);
    else if (entry.name.endsWith(suffix)) total += statSync(path).size;
  }
  return total;
}

interface Diagnostics {
  checkSeconds: number;
  types: number;
  instantiations: number;
  memoryKb: number;
}

function typecheck(coreTypes: string, work: string, name: string): Diagnostics {
  const config = join(work, `tsconfig.${name}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
        lib: ['es2022', 'dom'],
        paths: { '@makini-kit/core': [coreTypes] },
      },
      files: [join(here, 'consumer.ts')],
    }),
  );
  const output = execFileSync(process.execPath, [tsc, '-p', config, '--extendedDiagnostics'], {
    encoding: 'utf8',
  });
  const read = (label: string) => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(output);
    if (!match?.[1]) throw new Error(`tsc printed no "${label}":\n${output}`);
    return Number(match[1]);
  };
  return {
    checkSeconds: read('Check time'),
    types: read('Types'),
    instantiations: read('Instantiations'),
    memoryKb: read('Memory used'),
  };
}

/** Unpacks the baseline declarations beside a `node_modules/zod` link, so they resolve zod. */
function unpackBaseline(work: string): string {
  const files = JSON.parse(
    gunzipSync(readFileSync(join(here, 'baseline-core-dts.json.gz'))).toString('utf8'),
  ) as Record<string, string>;
  const dist = join(work, 'baseline', 'dist');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), text);
  }
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  symlinkSync(
    join(root, 'packages', 'core', 'node_modules', 'zod'),
    join(work, 'node_modules', 'zod'),
  );
  return join(dist, 'index.d.ts');
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const work = mkdtempSync(join(tmpdir(), 'core-budgets-'));
try {
  const dts = declarationBytes(coreDist, '.d.ts', LINK_FLOW_DIR);
  const dcts = declarationBytes(coreDist, '.d.cts', LINK_FLOW_DIR);
  const linkFlowDts = declarationBytes(join(coreDist, LINK_FLOW_DIR), '.d.ts');
  const baselineTypes = unpackBaseline(work);
  const before: Diagnostics[] = [];
  const after: Diagnostics[] = [];
  // Alternate the two so machine noise falls on both alike.
  for (let run = 0; run < RUNS; run++) {
    before.push(typecheck(baselineTypes, work, 'baseline'));
    after.push(typecheck(join(coreDist, 'index.d.ts'), work, 'current'));
  }
  // The median of per-pair ratios: each pair runs back to back, so a burst of load from another
  // process skews one pair rather than every measurement of one side.
  const checkRatio = median(
    after.map((d, run) => d.checkSeconds / (before[run] as Diagnostics).checkSeconds),
  );
  const first = (list: Diagnostics[]) => list[0] as Diagnostics;
  const instantiationRatio = first(after).instantiations / first(before).instantiations;
  const rows = [
    {
      ok: dts <= DTS_LIMIT,
      text: `core dist/**/*.d.ts without ${LINK_FLOW_DIR}/: ${(dts / 1024).toFixed(1)} KB (budget ${DTS_LIMIT / 1024} KB; .d.cts ${(dcts / 1024).toFixed(1)} KB)`,
    },
    {
      ok: linkFlowDts <= LINK_FLOW_DTS_LIMIT,
      text: `core dist/${LINK_FLOW_DIR}/*.d.ts (the browser Link flow): ${(linkFlowDts / 1024).toFixed(1)} KB (budget ${LINK_FLOW_DTS_LIMIT / 1024} KB)`,
    },
    {
      ok: checkRatio <= TYPECHECK_RATIO_LIMIT,
      text: `consumer tsc check time: ${checkRatio.toFixed(2)}× baseline (median of ${RUNS} back-to-back pairs; median times ${median(after.map((d) => d.checkSeconds))} s vs ${median(before.map((d) => d.checkSeconds))} s; budget ${TYPECHECK_RATIO_LIMIT}×)`,
    },
    {
      ok: instantiationRatio <= TYPECHECK_RATIO_LIMIT,
      text: `consumer tsc instantiations: ${instantiationRatio.toFixed(2)}× baseline (${first(after).instantiations} vs ${first(before).instantiations}; types ${first(after).types} vs ${first(before).types}; memory ${first(after).memoryKb} K vs ${first(before).memoryKb} K)`,
    },
  ];
  for (const row of rows) console.log(`${row.ok ? '✓' : '✗'} ${row.text}`);
  if (rows.some((row) => !row.ok) && process.argv.includes('--check')) {
    console.error('A core budget is exceeded.');
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
