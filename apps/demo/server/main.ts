import { DemoConfigError } from './DemoConfigError.js';
import { parseDemoArgs } from './demoArgs.js';
import { SandboxAdminError } from './sandboxAdmin.js';
import { startDemo } from './startDemo.js';
import { startReplicatedDemo } from './startReplicatedDemo.js';

// `pnpm demo`: the sandbox on :4010, the back end on :3001, the app on :5173.
// `pnpm demo --replicas 3` (with REDIS_URL): the same, the back end being three processes behind
// a round-robin proxy on :3001.
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const options = {
  ...(process.env.MAKINI_URL ? { makiniUrl: process.env.MAKINI_URL } : {}),
  ...(process.env.MAKINI_SANDBOX_ADMIN_TOKEN
    ? { sandboxAdminToken: process.env.MAKINI_SANDBOX_ADMIN_TOKEN }
    : {}),
  // Names the demo is reached as besides localhost, e.g. DEMO_ALLOWED_HOSTS=demo.internal,demo.test:8080
  allowedHosts: (process.env.DEMO_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean),
};

const mode = (() => {
  try {
    return parseDemoArgs(process.argv.slice(2), process.env);
  } catch (error) {
    return fail((error as Error).message);
  }
})();

const demo = await (mode.kind === 'replicas'
  ? startReplicatedDemo({ ...options, ...mode })
  : startDemo(options)
).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    return fail(
      `Port ${(error as { port?: number }).port} is in use: stop what listens there (another demo?) and run again.`,
    );
  }
  if (error instanceof SandboxAdminError || error instanceof DemoConfigError) {
    return fail(error.message);
  }
  throw error;
});

const backend =
  'replicas' in demo
    ? `${demo.backendUrl}  (round-robin over ${demo.replicas.length} replicas sharing Redis; responses say which answered in x-demo-replica)`
    : `${demo.backendUrl}  (holds the Makini tokens; the browser never sees them)`;
console.log(`
  Acme Procurement demo is running.

  Open   ${demo.appUrl}
  API    ${backend}
  Makini ${demo.makiniUrl}  (the embedded sandbox; Link consent page, webhooks, faults)

  Try it: Developer → "Rotate credentials", watch the status turn red,
  then Reconnect with the new password shown in the developer panel,
  or open the customer's reconnect link from the alert banner in a new tab.
  Ctrl-C stops everything.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
