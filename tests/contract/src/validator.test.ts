import { clientCredentials, MakiniClient } from '@makini-kit/core';
import { DEFAULT_CLIENT, startSandbox } from '@makini-kit/sandbox';
import { describe, expect, it } from 'vitest';
import { recordingFetch } from './recordingFetch.js';
import { type SentRequest, SpecValidator } from './SpecValidator.js';
import { loadContractSpecs } from './specOperations.js';
import { formatViolation } from './Violation.js';

// The contract test is only worth its green if the validator sees a violation: these feed it
// broken responses and requests and expect each reported by operation, pointer and value.

const validator = new SpecValidator(loadContractSpecs());
const json = (body: unknown) => ({
  status: 200,
  contentType: 'application/json',
  body: JSON.stringify(body),
});
const get = (pathname: string, query: string): SentRequest => ({
  method: 'GET',
  pathname,
  search: new URLSearchParams(query),
  contentType: null,
  body: undefined,
});

describe('responses', () => {
  it('reports a decimal sent as an object, and a record without its key', () => {
    const violations = validator.checkResponse(
      'purchaseOrders.get',
      json({ data: { key: '4500000001', totalNetValue: { amount: 10 } } }),
      'SAP S/4HANA',
    );
    expect(violations.map(formatViolation)).toEqual([
      'purchaseOrders.get [SAP S/4HANA] response body /data/totalNetValue = {"amount":10}: must be string,null',
    ]);
    const missingKey = validator.checkResponse(
      'purchaseOrders.list',
      json({
        data: [{ orderNo: 'A' }],
        links: {
          first: 'https://api.makini.io/x?page=1',
          last: 'https://api.makini.io/x?page=1',
          prev: null,
          next: null,
        },
        meta: { current_page: 1, last_page: 1, per_page: 1, total: 1, from: 1, to: 1, path: '' },
      }),
    );
    expect(missingKey).toMatchObject([
      { pointer: '/data/0/key', value: undefined, message: 'is required' },
    ]);
  });

  it('reports a decimal that is not a number, a status the spec does not declare, and a body that is not JSON', () => {
    expect(
      validator.checkResponse(
        'purchaseOrders.get',
        json({ data: { key: 'K', totalNetValue: '12,50' } }),
      ),
    ).toMatchObject([
      { pointer: '/data/totalNetValue', value: '12,50', message: 'must match format "decimal"' },
    ]);
    expect(
      validator.checkResponse('purchaseOrders.list', {
        status: 418,
        contentType: 'application/json',
        body: '{}',
      }),
    ).toMatchObject([{ location: 'response status', value: 418 }]);
    expect(
      validator.checkResponse('purchaseOrders.list', {
        status: 200,
        contentType: 'application/json',
        body: '{"data":',
      }),
    ).toMatchObject([{ location: 'response body', message: 'is not JSON' }]);
  });

  it('reports every broken record the sandbox serves with its corruptRecords fault, over real HTTP', async () => {
    const sandbox = await startSandbox({
      port: 0,
      orders: 20,
      faults: { corruptRecords: { every: 10 } },
    });
    try {
      const { access_token } = await clientCredentials({
        baseUrl: sandbox.url,
        clientId: DEFAULT_CLIENT.id,
        clientSecret: DEFAULT_CLIENT.secret,
      });
      const system = new MakiniClient({ baseUrl: sandbox.url, token: access_token });
      const connectionKey = sandbox.admin.connections()[0]?.connectionKey ?? '';
      const { token } = await system.connections.createToken(connectionKey);
      const recorder = recordingFetch();
      const client = new MakiniClient({ baseUrl: sandbox.url, token, fetch: recorder.fetch });
      recorder.begin('purchaseOrders.list', 'SAP S/4HANA');
      await client.purchaseOrders.list({ perPage: 20 });
      const [exchange] = recorder.exchanges;
      if (!exchange) throw new Error('no exchange recorded');
      const violations = validator.checkResponse('purchaseOrders.list', {
        status: exchange.status,
        contentType: exchange.responseContentType,
        body: exchange.responseBody,
      });
      // Records 10 and 20 (indexes 9 and 19) are the broken ones.
      const broken = new Set(violations.map((v) => v.pointer.split('/')[2]));
      expect([...broken].sort()).toEqual(['19', '9']);
    } finally {
      await sandbox.close();
    }
  });
});

describe('requests', () => {
  const list = '/api/erp/purchase-orders';

  it('passes what the typed client sends for a filtered, sorted list', () => {
    expect(
      validator.checkRequest(
        'purchaseOrders.list',
        get(
          list,
          'page=2&per_page=5&filter[vendorKey]=V1&filter[totalNetValue:gt]=10&filterMatch=any&sort[orderDate]=1',
        ),
      ),
    ).toEqual([]);
  });

  it('reports a malformed filter: an unknown operator, a field the record lacks, no deepObject brackets', () => {
    const violations = validator.checkRequest(
      'purchaseOrders.list',
      get(list, 'filter[orderNo:between]=1&filter[colour]=red&filter=orderNo'),
    );
    expect(violations.map((v) => [v.pointer, v.value])).toEqual([
      ['/filter', 'orderNo'],
      ['/filter/orderNo:between', '1'],
      ['/filter/colour', 'red'],
    ]);
  });

  it('reports a sort direction other than 0/1, a page that is no integer, an undeclared parameter and filterMatch outside all/any', () => {
    const violations = validator.checkRequest(
      'sites.list',
      get('/api/erp/sites', 'sort[name]=desc&page=first&perPage=5&filterMatch=some'),
    );
    expect(violations.map((v) => v.pointer).sort()).toEqual(
      ['/filterMatch', '/page', '/perPage', '/sort/name'].sort(),
    );
  });

  it('reports a body that breaks the request schema, a missing required body, and a path that is not the operation', () => {
    const body = (text: string | undefined): SentRequest => ({
      method: 'POST',
      pathname: '/api/system/connections',
      search: new URLSearchParams(),
      contentType: 'application/json',
      body: text,
    });
    expect(
      validator.checkRequest(
        'connections.create',
        body(JSON.stringify({ name: 'A', email: 'not an email' })),
      ),
    ).toMatchObject([
      { location: 'request body', pointer: '/provider', message: 'is required' },
      { location: 'request body', pointer: '/email', value: 'not an email' },
    ]);
    expect(
      validator.checkRequest('purchaseOrders.get', get('/api/erp/purchase-orders/', '')),
    ).toMatchObject([{ location: 'path', pointer: '/key', value: '', message: 'is required' }]);
    expect(
      validator.checkRequest('purchaseOrders.get', get('/api/erp/vendors/1', '')),
    ).toMatchObject([{ location: 'path', message: 'must match /api/erp/purchase-orders/{key}' }]);
  });
});
