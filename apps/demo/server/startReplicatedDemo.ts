import { checkRedis } from './checkRedis.js';
import { demoConfig } from './config.js';
import { registerWithMakini } from './registerWithMakini.js';
import { startRoundRobinProxy } from './roundRobinProxy.js';
import { prepareDemo, type StartDemoOptions } from './startDemo.js';
import { describeExit, type ReplicaProcess, startReplica, stopReplicas } from './startReplicas.js';
import { startWebServer } from './startWebServer.js';

export interface StartReplicatedDemoOptions
  extends Omit<StartDemoOptions, 'notifyCustomer' | 'dataFile'> {
  /** How many back-end processes. */
  replicas: number;
  /** The Redis they share, e.g. `redis://127.0.0.1:6379`. */
  redisUrl: string;
  /** Starts every key the demo writes in Redis. @default 'makini-demo:' */
  redisPrefix?: string;
  /** Where the embedded sandbox keeps its state (its folder) and the development token key. */
  dataFile?: string;
}

/**
 * The demo as a product runs in production: the sandbox in this process, `replicas` back-end
 * processes sharing tokens, rate limits and health through Redis, a round-robin proxy in front of
 * them (the back end's one address: the app's `/api/*` and Makini's webhooks), and the Vite dev
 * server. A replica that dies is reported and taken out of the rotation; `close()` stops them all.
 */
export async function startReplicatedDemo(options: StartReplicatedDemoOptions) {
  // Before anything starts: a wrong REDIS_URL is one line, not a replica's stack trace.
  await checkRedis(options.redisUrl);
  const { log, ports, dataFile, tokenKeys, reconnectLinkSecrets, sandbox, makiniUrl } =
    await prepareDemo(options);
  const proxy = await startRoundRobinProxy({ port: ports.backend });
  const allowedHosts = options.allowedHosts ?? [];
  const web = await startWebServer({ port: ports.app, backendUrl: proxy.url, allowedHosts });
  const config = demoConfig({
    makiniUrl,
    appUrl: web.appUrl,
    backendUrl: proxy.url,
    dataFile,
    allowedHosts,
    sandboxAdminToken: options.sandboxAdminToken,
  });
  await registerWithMakini(config);

  const running: ReplicaProcess[] = [];
  let stopping = false;
  const start = (index: number) =>
    startReplica(
      {
        name: `replica-${index}`,
        config,
        redisUrl: options.redisUrl,
        redisPrefix: options.redisPrefix ?? 'makini-demo:',
        tokenKeys,
        reconnectLinkSecrets,
      },
      {
        log,
        onExit: (exit) => {
          const at = running.findIndex((replica) => replica.name === exit.name);
          if (at >= 0) running.splice(at, 1);
          proxy.setTargets(running.map((replica) => replica.url));
          if (!stopping)
            log(`[demo] ${describeExit(exit)}; ${running.length} replica(s) still answer.`);
        },
      },
    ).then((replica) => {
      running.push(replica);
      proxy.setTargets(running.map((each) => each.url));
      return replica;
    });

  const close = async () => {
    stopping = true;
    await stopReplicas([...running]);
    await web.close();
    await proxy.close();
    await sandbox?.close();
  };
  try {
    // The first replica connects the sandbox's customers; the others then find them in Redis.
    await start(1);
    await Promise.all(Array.from({ length: options.replicas - 1 }, (_, index) => start(index + 2)));
  } catch (error) {
    await close();
    throw error;
  }

  return {
    appUrl: web.appUrl,
    backendUrl: proxy.url,
    makiniUrl,
    sandbox,
    /** The replicas that run now, in the order they started. */
    replicas: running,
    close,
  };
}
