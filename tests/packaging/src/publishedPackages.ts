import { fileURLToPath } from 'node:url';

/** The workspace's folder of published packages. */
export const packagesRoot = fileURLToPath(new URL('../../../packages/', import.meta.url));

/** The repository root, where the licence every package copies lives. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Every package the release publishes, by folder under `packages/`. */
export const PUBLISHED_PACKAGES = ['core', 'react', 'webhook-node', 'sandbox', 'redis'] as const;

export type PublishedPackage = (typeof PUBLISHED_PACKAGES)[number];
