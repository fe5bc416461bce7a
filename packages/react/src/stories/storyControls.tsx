import type { Decorator } from '@storybook/react-vite';
import { type ReactNode, useLayoutEffect } from 'react';
import { ar, de, en, es, fr, ja, nl } from '../locales/index.js';
import { MakiniProvider } from '../MakiniProvider.js';
import type { fixedSource } from '../testSource.js';
import { HEALTH_CONTROLS, type HealthControls, healthEntry } from './healthControls.js';

/** The languages a story's `locale` control offers: each picks its `Messages` too. */
export const STORY_LANGUAGES = { en, de, fr, es, nl, ja, ar } as const;

/** Controls every widget story has, beyond the widget's props. */
export interface StoryControls {
  /** The stylesheet's theme: `dark` sets `data-makini-theme="dark"` on the story's ancestor. */
  theme?: 'light' | 'dark';
  /**
   * The widgets' language: one of `@makini-kit/react/locales`, given to `MakiniProvider`'s
   * `messages` (and, where the widget has a `locale` prop, its formatting locale too).
   */
  locale?: string;
}

/** The controls' `argTypes`. */
export const storyControlArgTypes = {
  theme: { control: 'inline-radio', options: ['light', 'dark'], table: { category: 'story' } },
  locale: { control: 'select', options: Object.keys(STORY_LANGUAGES) },
} as const;

type FakeSource = ReturnType<typeof fixedSource>;
const isFake = (source: unknown): source is FakeSource =>
  typeof (source as Partial<FakeSource> | undefined)?.set === 'function';

/** Puts the health controls into the story's fake source, live, before the browser paints. */
function DriveHealth(props: {
  source: unknown;
  connectionId: unknown;
  controls: HealthControls;
  children: ReactNode;
}) {
  const { source, connectionId, controls } = props;
  const key = JSON.stringify(controls);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the controls' values
  useLayoutEffect(() => {
    if (isFake(source) && typeof connectionId === 'string' && controls.state) {
      source.set({ [connectionId]: healthEntry(controls) });
    }
  }, [source, connectionId, key]);
  return props.children;
}

/**
 * The decorator behind the story controls: wraps the story in the theme and the language the
 * controls pick, drives the story's fake health source (`health`, a `fixedSource`) from the health
 * controls when it has them, and keeps the controls that are not the widget's props off it.
 * `localeProp`: the widget has a `locale` prop of its own (formatting), which keeps the value.
 * `healthProps`: the story's component takes the health controls as props (the Playground), so
 * they stay.
 */
export function storyControls({
  localeProp,
  healthProps = false,
}: {
  localeProp: boolean;
  healthProps?: boolean;
}): Decorator {
  return (Story, context) => {
    const { theme, locale, ...rest } = context.args as Record<string, unknown> & StoryControls;
    const controls: HealthControls = {};
    const args: Record<string, unknown> = localeProp ? { ...rest, locale } : rest;
    for (const name of healthProps ? [] : HEALTH_CONTROLS) {
      if (name in args) Object.assign(controls, { [name]: args[name] });
      delete args[name];
    }
    let story: ReactNode = (
      <DriveHealth source={args.health} connectionId={args.connectionId} controls={controls}>
        <Story args={args} />
      </DriveHealth>
    );
    const messages = STORY_LANGUAGES[locale as keyof typeof STORY_LANGUAGES];
    if (messages) story = <MakiniProvider messages={messages}>{story}</MakiniProvider>;
    if (theme !== 'dark') return <>{story}</>;
    return (
      <div data-makini-theme="dark" style={{ background: '#030712', padding: '1.5rem' }}>
        {story}
      </div>
    );
  };
}
