import type { Manifest } from './packTarball.js';

/** Every string leaf of an `exports` value, under every condition. */
export function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

/** Every file a manifest points at (`main`, `module`, `types`, `bin`, each `exports` target), without `./`. */
export function manifestTargets(manifest: Manifest): string[] {
  const bin = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  return [
    manifest.main,
    manifest.module,
    manifest.types,
    ...bin,
    ...exportTargets(manifest.exports),
  ]
    .filter((path): path is string => typeof path === 'string')
    .map((path) => path.replace(/^\.\//, ''));
}
