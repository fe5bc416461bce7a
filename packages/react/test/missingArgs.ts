import { isExportStory } from 'storybook/internal/csf';
import type { ComponentProp } from './componentProps.js';

/** A CSF module as imported: its meta and its story exports. */
export interface StoryModule {
  default: { args?: Record<string, unknown>; includeStories?: never; excludeStories?: never };
  [name: string]: unknown;
}

/**
 * For each story of a CSF module, the props that need an arg (none of `ComponentProp.excluded`)
 * but have none in the story's args merged over the meta's. A prop whose arg is present with the
 * value `undefined` counts as covered: it still gets its control, unset.
 */
export function missingArgs(module: StoryModule, props: readonly ComponentProp[]) {
  const needed = props.filter((prop) => !prop.excluded).map((prop) => prop.name);
  const missing: Record<string, string[]> = {};
  for (const [name, story] of Object.entries(module)) {
    if (name === 'default' || !isExportStory(name, module.default as never)) continue;
    const args = {
      ...module.default.args,
      ...(story as { args?: Record<string, unknown> } | undefined)?.args,
    };
    const lacking = needed.filter((prop) => !(prop in args));
    if (lacking.length > 0) missing[name] = lacking;
  }
  return missing;
}
