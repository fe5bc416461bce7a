import { clientCredentials, MakiniClient, OPERATIONS } from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { coverageOf } from './coverage.js';
import { recordingFetch } from './recordingFetch.js';
import { type CallFailure, runPlatform } from './runPlatform.js';
import { SpecValidator } from './SpecValidator.js';
import { countSpecFileOperations, loadContractSpecs } from './specOperations.js';
import { summarizeViolations, type Violation } from './Violation.js';

// Every operation of specs/ through the typed client against the sandbox, on every platform; every
// request and response over the wire checked with ajv against the spec plus overlay.

const specs = loadContractSpecs();
const validator = new SpecValidator(specs);
const recorder = recordingFetch();
let sandbox: Sandbox;
const failures: CallFailure[] = [];
const platforms: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 20 });
  const { access_token: clientToken } = await clientCredentials({
    baseUrl: sandbox.url,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
  });
  const system = new MakiniClient({ baseUrl: sandbox.url, token: clientToken });
  const schemas = {
    ...specs.documents.system.components.schemas,
    ...specs.documents.erp.components.schemas,
  };
  const seen = new Set<string>();
  for (const connection of sandbox.admin.connections()) {
    if (seen.has(connection.platform)) continue;
    seen.add(connection.platform);
    platforms.push(connection.platformName);
    const { token } = await system.connections.createToken(connection.connectionKey);
    failures.push(
      ...(await runPlatform(
        { baseUrl: sandbox.url, clientToken, connection, connectionToken: token },
        OPERATIONS,
        validator,
        recorder,
        schemas,
      )),
    );
  }
});

afterAll(() => sandbox?.close());

// CONTRACT_TRACE=1 prints every non-2xx exchange, to see why a write was refused.
it.skipIf(!process.env.CONTRACT_TRACE)('trace: non-2xx answers', () => {
  for (const e of recorder.exchanges)
    if (e.status >= 300)
      console.log(
        e.operation,
        e.platform,
        e.method,
        e.url.pathname + e.url.search,
        e.status,
        e.requestBody?.slice(0, 300),
        '→',
        e.responseBody.slice(0, 300),
      );
});

function violationsOfRun(): Violation[] {
  const violations: Violation[] = [];
  for (const exchange of recorder.exchanges) {
    const request = {
      method: exchange.method,
      pathname: exchange.url.pathname,
      search: exchange.url.searchParams,
      contentType: exchange.requestContentType,
      body: exchange.requestBody,
    };
    violations.push(...validator.checkRequest(exchange.operation, request, exchange.platform));
    violations.push(
      ...validator.checkResponse(
        exchange.operation,
        {
          status: exchange.status,
          contentType: exchange.responseContentType,
          body: exchange.responseBody,
        },
        exchange.platform,
      ),
    );
  }
  return violations;
}

it('runs on the four platforms the sandbox has', () => {
  expect(platforms).toHaveLength(4);
});

it('calls every operation of specs/ through the typed client, every exchange valid against the spec plus overlay', () => {
  const violations = violationsOfRun();
  const coverage = coverageOf(
    OPERATIONS,
    new MakiniClient({ baseUrl: sandbox.url, token: 'unused' }),
    recorder.exchanges,
    violations,
    platforms,
    new Set(failures.map((failure) => failure.operation)),
  );
  const total = countSpecFileOperations();
  console.log(
    `operations typed / served / validated: ${coverage.typed}/${coverage.served}/${coverage.validated}` +
      ` (of ${total} in specs/, ${recorder.exchanges.length} exchanges on ${platforms.length} platforms)`,
  );
  const report = [
    ...failures.map(
      (failure) => `${failure.operation} [${failure.platform}] call failed: ${failure.error}`,
    ),
    ...summarizeViolations(violations),
    ...coverage.unserved.map((id) => `${id}: no 2xx on any platform`),
  ];
  expect(report.join('\n')).toBe('');
  expect(total).toBe(120);
  expect(OPERATIONS).toHaveLength(total);
  expect([coverage.typed, coverage.served, coverage.validated]).toEqual([total, total, total]);
});
