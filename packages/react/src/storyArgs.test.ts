/// <reference types="vite/client" />
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ComponentProp, componentProps, propsProgram } from '../test/componentProps.js';
import * as missingPropFixture from '../test/fixtures/MissingProp.stories.js';
import { missingArgs, type StoryModule } from '../test/missingArgs.js';

// Every story file, imported as Storybook imports it.
const stories = import.meta.glob<StoryModule>('./**/*.stories.tsx', { eager: true });
const here = dirname(fileURLToPath(import.meta.url));
const pathOf = (relative: string) => join(here, relative);
const fixture = pathOf('../test/fixtures/MissingProp.stories.tsx');

let program: ReturnType<typeof propsProgram>;
beforeAll(() => {
  program = propsProgram([...Object.keys(stories).map(pathOf), fixture]);
}, 120_000);

const needed = (props: readonly ComponentProp[] | undefined) =>
  (props ?? []).filter((prop) => !prop.excluded).map((prop) => prop.name);

describe("each story's args cover its component's props", () => {
  it('finds the story files', () => {
    expect(Object.keys(stories).length).toBeGreaterThanOrEqual(9);
  });

  it.each(Object.keys(stories))('%s', (file) => {
    const props = componentProps(program, pathOf(file));
    // A meta without `component` has no props to cover, and no controls: every story file has one.
    expect(props, `${file}: the meta names no component`).toBeDefined();
    expect(missingArgs(stories[file] as StoryModule, props ?? [])).toEqual({});
  });
});

describe('the props read from TypeScript', () => {
  it("are the component's own props, less DOM attributes, children, callbacks and deprecated ones", () => {
    const props = componentProps(program, pathOf('./ReconnectButton.stories.tsx')) ?? [];
    const byName = Object.fromEntries(props.map((prop) => [prop.name, prop.excluded ?? 'needed']));
    expect(byName).toMatchObject({
      connectionId: 'needed',
      link: 'needed',
      mode: 'needed',
      health: 'needed',
      popupBlocked: 'needed',
      className: 'dom',
      disabled: 'dom',
      ref: 'dom',
      children: 'children',
      exchange: 'callback',
      onResult: 'callback',
      onSuccess: 'deprecated',
    });
  });

  it('make a story file that leaves a prop out fail, naming the story and the props', () => {
    const props = componentProps(program, fixture);
    expect(needed(props)).toEqual(
      expect.arrayContaining(['connectionId', 'variant', 'locale', 'health']),
    );
    expect(missingArgs(missingPropFixture as unknown as StoryModule, props ?? [])).toEqual({
      WithoutVariant: ['locale', 'variant'].sort(
        (a, b) => needed(props).indexOf(a) - needed(props).indexOf(b),
      ),
    });
  });
});
