import type { Connection, SyncStatus } from '@makini-kit/core';
import { ConnectionData } from '../data/ConnectionData.js';
import type { IdempotencyLimits } from '../data/IdempotencyStore.js';
import { PurchaseOrderGenerator } from '../data/PurchaseOrderGenerator.js';
import { findPlatform, PLATFORMS, type PlatformDefinition } from '../data/platforms.js';
import type { Wire } from '../data/Wire.js';

/** A customer's account on one industrial system, as the sandbox keeps it. */
export interface SandboxConnection {
  key: string;
  index: number;
  clientId: string;
  name: string;
  email: string;
  platform: PlatformDefinition;
  /** The customer's credentials on the source system; rotation changes the password. */
  username: string;
  password: string;
  /** True after the credentials changed and until Link runs again with the new ones. */
  needsReauthorization: boolean;
  /** Bumped on every (re)authorization; tokens of older generations are dead. */
  generation: number;
  deleted: boolean;
  tags: string[];
  userMetadata: Record<string, string>;
  createdAt: number;
  connectedAt: number;
  updatedAt: number;
  syncUpdatedAt: number;
  /** The last simulated sync's status; absent in state kept from before syncs were simulated. */
  syncStatus?: SyncStatus | undefined;
  /** Why the last sync ended `error` or `fail`. */
  syncReason?: string | undefined;
  /** Syncs completed; absent for seeded connections, which count as synced before. */
  syncs?: number | undefined;
  currencyIndex: number;
  orders: PurchaseOrderGenerator;
  /** Every resource's records, seeded on first use, with the writes made through the API. */
  data: ConnectionData;
}

export type SavedConnection = Omit<SandboxConnection, 'orders' | 'platform' | 'data'> & {
  provider: string;
};

const keyOf = (index: number) => `09${String(index + 1).padStart(12, '0')}`;

const accountOf = (clientId: string, provider: string, username: string) =>
  JSON.stringify([clientId, provider, username]);

const SEEDED = [
  {
    name: 'Nordic Steel A/S',
    email: 'it@nordicsteel.example',
    provider: 'sap-s4hana',
    username: 'NS_BUYER',
  },
  {
    name: 'Pacific Components Inc.',
    email: 'ops@pacific.example',
    provider: 'oracle-netsuite',
    username: 'buyer@pacific',
  },
  {
    name: 'Rhine Water Utility',
    email: 'maint@rhine.example',
    provider: 'ibm-maximo',
    username: 'MAXADMIN',
  },
  {
    name: 'Atlas Fabrication Ltd',
    email: 'erp@atlas.example',
    provider: 'dynamics-365',
    username: 'atlas\\purchasing',
  },
] as const;

/** Connections of every client; seeded with one per platform for the first client. */
export class ConnectionRegistry {
  private readonly byKey = new Map<string, SandboxConnection>();
  /** The newest connection of each account, so that creating one is not a scan of all. */
  private readonly byAccount = new Map<string, SandboxConnection>();
  private nextIndex = 0;

  constructor(
    private readonly seed: number,
    private readonly orderCount: number,
    private readonly now: () => number,
    seedClientId: string,
    private readonly idempotency: IdempotencyLimits = {},
  ) {
    const createdAt = Date.UTC(2025, 0, 6, 9);
    for (const entry of SEEDED) {
      const platform = findPlatform(entry.provider) ?? PLATFORMS[0];
      if (!platform) continue;
      this.add({
        ...entry,
        clientId: seedClientId,
        platform,
        password: 'sandbox-password',
        createdAt,
      });
    }
  }

  add(
    input: Pick<
      SandboxConnection,
      'clientId' | 'name' | 'email' | 'platform' | 'username' | 'password'
    > & {
      createdAt?: number;
    },
  ): SandboxConnection {
    const index = this.nextIndex++;
    const key = keyOf(index);
    const createdAt = input.createdAt ?? this.now();
    const orders = new PurchaseOrderGenerator(
      this.seed,
      { key, index, currencyIndex: index % 4 },
      input.platform,
      this.orderCount,
    );
    const connection: SandboxConnection = {
      ...input,
      key,
      index,
      needsReauthorization: false,
      generation: 1,
      deleted: false,
      tags: [input.platform.category.toLowerCase()],
      userMetadata: {},
      createdAt,
      connectedAt: createdAt,
      updatedAt: createdAt,
      syncUpdatedAt: createdAt,
      currencyIndex: index % 4,
      orders,
      data: new ConnectionData(this.seed, key, input.platform.provider, orders, this.idempotency),
    };
    this.byKey.set(key, connection);
    this.byAccount.set(
      accountOf(input.clientId, input.platform.provider, input.username),
      connection,
    );
    return connection;
  }

  /** What a state file keeps of each connection (its orders are regenerated from the seed). */
  snapshot(): SavedConnection[] {
    return [...this.byKey.values()].map(({ orders: _orders, data: _data, platform, ...rest }) => ({
      ...rest,
      provider: platform.provider,
    }));
  }

  /** Brings back saved connections, in their original order and with their keys. */
  restore(saved: readonly SavedConnection[]) {
    for (const record of [...saved].sort((a, b) => a.index - b.index)) {
      const platform = findPlatform(record.provider);
      if (!platform) continue;
      while (this.nextIndex <= record.index) {
        this.add({
          clientId: record.clientId,
          name: '',
          email: '',
          platform,
          username: `placeholder-${this.nextIndex}`,
          password: '',
        }).deleted = true;
      }
      const connection = this.byKey.get(keyOf(record.index));
      if (!connection) continue;
      const { provider: _provider, ...fields } = record;
      Object.assign(connection, fields, { platform });
      if (!connection.deleted)
        this.byAccount.set(
          accountOf(record.clientId, platform.provider, record.username),
          connection,
        );
      if (
        connection.platform.provider !== platform.provider ||
        connection.orders.count !== this.orderCount
      ) {
        connection.orders = new PurchaseOrderGenerator(
          this.seed,
          { key: connection.key, index: connection.index, currencyIndex: connection.currencyIndex },
          platform,
          this.orderCount,
        );
      }
    }
  }

  /** Every connection, deleted ones included (their writes are kept too). */
  all(): SandboxConnection[] {
    return [...this.byKey.values()];
  }

  get(key: string): SandboxConnection | undefined {
    const connection = this.byKey.get(key);
    return connection && !connection.deleted ? connection : undefined;
  }

  /** The live connection of a client on a platform with this username, if any. */
  findAccount(clientId: string, provider: string, username: string): SandboxConnection | undefined {
    const connection = this.byAccount.get(accountOf(clientId, provider, username));
    return connection && !connection.deleted ? connection : undefined;
  }

  list(clientId?: string): SandboxConnection[] {
    return [...this.byKey.values()].filter(
      (connection) =>
        !connection.deleted && (clientId === undefined || connection.clientId === clientId),
    );
  }
}

/** Makini's status text for a connection. */
export function statusOf(connection: SandboxConnection): string {
  if (connection.deleted) return 'disconnected';
  return connection.needsReauthorization ? 'reauthorization_required' : 'active';
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The connection as `/api/system/connections` returns it. */
export function toWireConnection(
  connection: SandboxConnection,
  redirect: string,
): Wire<Connection> {
  return {
    key: connection.key,
    name: connection.name,
    email: connection.email,
    status: statusOf(connection),
    integration_name: connection.platform.name,
    redirect,
    scopes: 'erp.read erp.write',
    tags: connection.tags,
    user_metadata: connection.userMetadata,
    client_id: connection.clientId,
    created_at: iso(connection.createdAt),
    updated_at: iso(connection.updatedAt),
    connected_at: iso(connection.connectedAt),
  };
}
