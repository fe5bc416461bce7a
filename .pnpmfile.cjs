// pnpm runs these hooks for every command in this workspace. Editing this file changes
// `pnpmfileChecksum` in pnpm-lock.yaml: run `pnpm install` afterwards.
module.exports = {
  hooks: {
    /**
     * Shapes the package.json that goes into a tarball, for `pnpm pack` and `pnpm publish` alike
     * (`changeset publish` runs `pnpm publish`). It edits pnpm's in-memory copy, so the package.json
     * on disk never changes and an interrupted pack leaves nothing to restore.
     *
     * - `scripts` run the monorepo's tools (`tsdown`, `vitest`, `pnpm --filter …`): none is for a
     *   consumer, and the packages ship built, so nothing needs an install script.
     * - `devDependencies` name private workspace packages (`@makini-kit/test-utils`) that no registry
     *   holds, and a consumer never installs a dependency's devDependencies anyway.
     *
     * `exports` without the monorepo's `@makini-kit/source` condition come from each package's
     * `publishConfig.exports`, which pnpm applies before this hook.
     */
    beforePacking(manifest) {
      delete manifest.scripts;
      delete manifest.devDependencies;
      return manifest;
    },
  },
};
