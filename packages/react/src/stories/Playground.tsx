import { useLayoutEffect, useState } from 'react';
import { ConnectionStatus } from '../ConnectionStatus.js';
import { MakiniProvider } from '../MakiniProvider.js';
import { SyncStatus } from '../SyncStatus.js';
import { fixedSource } from '../testSource.js';
import { type HealthControls, healthEntry } from './healthControls.js';
import { STORY_LANGUAGES } from './storyControls.js';

export interface PlaygroundProps extends HealthControls {
  /** `<ConnectionStatus>`'s variant; `<SyncStatus>` shows `badge` as `inline`. */
  variant: 'badge' | 'inline' | 'card';
  /** One of `@makini-kit/react/locales`: the texts and the formatting. */
  locale: keyof typeof STORY_LANGUAGES;
}

const CONNECTION = 'c1';

/**
 * The widgets on one fake health source that the props fill: change a prop and the source
 * changes under the mounted widgets, as a live one would (no remount).
 */
export function Playground({ variant, locale, ...controls }: PlaygroundProps) {
  const [source] = useState(() => fixedSource({ [CONNECTION]: healthEntry(controls) }));
  const key = JSON.stringify(controls);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the controls' values
  useLayoutEffect(() => {
    source.set({ [CONNECTION]: healthEntry(controls) });
  }, [source, key]);
  const messages = STORY_LANGUAGES[locale] ?? STORY_LANGUAGES.en;
  return (
    <MakiniProvider health={source} messages={messages}>
      <div
        lang={messages.locale}
        dir={messages.dir}
        style={{ display: 'grid', gap: '0.75rem', justifyItems: 'start', maxWidth: '34rem' }}
      >
        <ConnectionStatus connectionId={CONNECTION} variant={variant} locale={messages.locale} />
        <SyncStatus
          connectionId={CONNECTION}
          variant={variant === 'card' ? 'card' : 'inline'}
          locale={messages.locale}
          reconnect={{
            link: {
              clientId: 'sandbox_client',
              redirectUri: `${window.location.origin}/link/callback`,
            },
          }}
        />
      </div>
    </MakiniProvider>
  );
}
