import type { ExchangeAnswer, HealthSource, ReconnectOutcome } from '@makini-kit/core';
import { tagPendingLink } from '@makini-kit/core/internal';
import { type HTMLAttributes, useId, useState } from 'react';
import { defined } from './defined.js';
import { type LinkSettings, useMakiniContext } from './MakiniProvider.js';
import { outcomeText } from './messages/outcomeText.js';
import { useMessages } from './messages/useMessages.js';
import { ReconnectButton } from './ReconnectButton.js';
import { refusalOf } from './reconnectPage/refusalOf.js';
import { useLinkCheck } from './reconnectPage/useLinkCheck.js';
import { useReturnedOutcome } from './reconnectPage/useReturnedOutcome.js';
import type { ReconnectCode } from './useReconnect.js';

/** What `<ReconnectPage>` takes, besides a `<section>`'s attributes. */
export interface ReconnectPageProps
  extends Omit<HTMLAttributes<HTMLElement>, 'children' | 'onError' | 'lang' | 'dir'> {
  /** The link's token. @default `token` from `location.search` */
  token?: string;
  /**
   * Asks your back end whether the link is good (there: `links.verify(token)`), without using it
   * up. Reject with an error whose `code` is a `ReconnectLinkErrorCode` to show that refusal;
   * any other rejection shows `LINK_INVALID`'s text.
   * @example verify={(token) => api.post('/reconnect-links/verify', { token })}
   */
  verify: (token: string) => Promise<{
    /** The connection the link reconnects. */
    connectionId: string;
    /** The system's name to show, e.g. `SAP S/4HANA`. */
    system: string;
  }>;
  /**
   * Sends the Link code to your back end, which checks the link, exchanges the code, checks the
   * tokens are the link's connection's and only then redeems the link (there: `links.verify`,
   * `exchangeCode`, `links.redeem`), and answers the connection's health so the outcome is
   * confirmed at once. A refused code leaves the link usable.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a back end that answers nothing is fine.
  exchange: (result: ReconnectCode & { token: string }) => Promise<ExchangeAnswer | void>;
  /** @default the provider's `link` */
  link?: LinkSettings;
  /** Called once per Reconnect click with how it ended, and once on the return from a redirect. */
  onResult?: (outcome: ReconnectOutcome) => void;
  /** Finds the connection already working, and confirms a reconnect. @default the provider's */
  health?: HealthSource;
  /**
   * A blocked popup: `offer` (the button then continues in this tab) or `redirect` at once. With a
   * redirect your `<LinkCallback>` page finishes the flow: its `onComplete` gets the link's `token`
   * and must redeem the link as `exchange` does, and answer the same; back here, the page reports
   * the outcome (confirmed by that answer's health, or the health source).
   * @default 'offer'
   */
  popupBlocked?: 'redirect' | 'offer';
  /** How long the customer may take to sign in. @default 600_000 */
  timeoutMs?: number;
  /** How long the health source may take to show the connection working. @default 30_000 */
  confirmTimeoutMs?: number;
}

/** Outcomes after which there is nothing left to do on the page. */
const FINISHED: ReadonlySet<ReconnectOutcome['type']> = new Set(['reconnected', 'already_healthy']);

/**
 * The page a reconnect link opens, for a customer who is not signed in to your app: it checks the
 * link (`verify`), names the system, and offers a Reconnect button (the popup needs a click) that
 * runs Link bound to the link's connection; then it says how it ended. An expired, used, altered or
 * other-connection link shows why and what to do, and no button. `data-state` is `checking`,
 * `ready`, `refused`, or `returned` (back from Link in this tab: the callback used the link, the
 * page confirms and reports the reconnect); `data-outcome` the last outcome; `data-refusal` why it
 * was refused.
 *
 * @example
 * <ReconnectPage
 *   verify={(token) => api.post('/reconnect-links/verify', { token })}
 *   exchange={({ code, state, connectionId, token }) =>
 *     api.post('/reconnect-links/exchange', { code, state, connectionId, token })}
 * />
 */
export function ReconnectPage({
  token,
  verify,
  exchange,
  link,
  onResult,
  health,
  popupBlocked = 'offer',
  timeoutMs,
  confirmTimeoutMs,
  ...rest
}: ReconnectPageProps) {
  const messages = useMessages();
  const text = messages.reconnectPage;
  const check = useLinkCheck(token, verify);
  const [outcome, setOutcome] = useState<ReconnectOutcome>();
  const titleId = useId();
  const report = (next: ReconnectOutcome) => {
    setOutcome(next);
    onResult?.(next);
  };
  const context = useMakiniContext();
  const returned = check.phase === 'returned' ? check.returned : undefined;
  useReturnedOutcome(returned, health ?? context.health, confirmTimeoutMs, report);
  // A link used up by another tab between the check and the exchange is a refusal like any other.
  const refusal =
    check.phase === 'refused'
      ? check.code
      : outcome?.type === 'failed' && !returned
        ? refusalOf(outcome.error)
        : undefined;
  const state = refusal ? 'refused' : check.phase;

  const options = defined({ link, health, timeoutMs, confirmTimeoutMs });

  return (
    <section
      {...rest}
      lang={messages.locale}
      dir={messages.dir}
      aria-labelledby={titleId}
      data-makini="reconnect-page"
      data-state={state}
      data-outcome={outcome?.type}
      data-refusal={refusal}
    >
      <h1 id={titleId}>{text.title}</h1>
      {state === 'checking' && <p role="status">{text.checking}</p>}
      {refusal && (
        <div role="alert" data-refusal={refusal}>
          <p>{text.refused[refusal]}</p>
          <p>{text.refusedHelp}</p>
        </div>
      )}
      {returned && (
        <>
          <p role="status" data-makini="reconnect-page-outcome">
            {outcome ? outcomeText(outcome, messages) : messages.reconnect.states.confirming}
          </p>
          {/* The link is used now: a reconnect not confirmed goes on from a new link or the app. */}
          {outcome && outcome.type !== 'reconnected' && <p>{text.refusedHelp}</p>}
        </>
      )}
      {!refusal && check.phase === 'ready' && (
        <>
          <p>{text.intro(check.system)}</p>
          {!(outcome && FINISHED.has(outcome.type)) && (
            <ReconnectButton
              {...options}
              connectionId={check.connectionId}
              popupBlocked={popupBlocked}
              exchange={(result) => exchange({ ...result, token: check.token })}
              // A redirect carries the link's token to the callback page, which redeems it.
              onEvent={(event) => {
                if (event.type === 'open' && event.mode === 'redirect')
                  tagPendingLink(window, check.token);
              }}
              onResult={report}
            >
              {(buttonState) =>
                buttonState === 'idle' ? text.start : messages.reconnect.states[buttonState]
              }
            </ReconnectButton>
          )}
          <p role="status" data-makini="reconnect-page-outcome">
            {outcome && outcomeText(outcome, messages)}
          </p>
        </>
      )}
    </section>
  );
}
