import { type LinkSettings, MakiniProvider } from '@makini-kit/react';
import type { ReactNode } from 'react';
import { health } from './health.js';
import { LANGUAGES, type Language } from './languages.js';

/** The kit's provider as every demo page sets it: the back end's health, the chosen language, Link. */
export function DemoProvider(props: {
  language: Language;
  link: LinkSettings | undefined;
  children: ReactNode;
}) {
  return (
    <MakiniProvider
      health={health}
      messages={LANGUAGES[props.language].messages}
      {...(props.link ? { link: props.link } : {})}
    >
      {props.children}
    </MakiniProvider>
  );
}
