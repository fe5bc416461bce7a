import {
  Controls,
  Description,
  Primary,
  Stories,
  Subtitle,
  Title,
  useOf,
} from '@storybook/addon-docs/blocks';

// Filled by main.ts from docs/api when the reference has been built (see referencePages.ts).
declare const __MAKINI_REFERENCE_PAGES__: readonly string[];

/** The reference page of the component a story title names (`ReconnectButton/Outcomes` → `ReconnectButton`). */
export function referenceHref(title: string): string | undefined {
  const name = title.split('/')[0]?.trim() ?? '';
  return __MAKINI_REFERENCE_PAGES__.includes(name)
    ? `./api/_makini-kit/react/${name}.html`
    : undefined;
}

/** Storybook's default docs page, with a link to the component's API reference under the title. */
export function ReferenceDocsPage() {
  const { preparedMeta } = useOf('meta');
  const href = referenceHref(preparedMeta.title);
  return (
    <>
      <Title />
      <Subtitle />
      {href ? (
        <p>
          <a href={href} target="_blank" rel="noreferrer">
            API reference
          </a>
        </p>
      ) : null}
      <Description />
      <Primary />
      <Controls />
      <Stories />
    </>
  );
}
