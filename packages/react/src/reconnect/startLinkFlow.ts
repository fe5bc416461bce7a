import {
  buildAuthorizeUrl,
  type ConnectionHealth,
  type HealthSource,
  LinkError,
} from '@makini-kit/core';
import type { LinkSettings } from '../MakiniProvider.js';
import { confirmHealth, isWorking } from './confirmHealth.js';
import { failedOutcome } from './failedOutcome.js';
import { ReconnectFailureCode } from './failureCodes.js';
import {
  DEFAULT_CONFIRM_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  type LinkFlowOptions,
  type ReconnectCode,
  type ReconnectEvent,
  type ReconnectState,
} from './LinkFlowOptions.js';
import { createOutcomeLatch } from './outcomeLatch.js';
import type { ConnectOutcome, ExchangeAnswer, ReconnectOutcome } from './ReconnectOutcome.js';
import { readCallbackMessage } from './readCallbackMessage.js';
import { redirectToLink } from './redirectToLink.js';
import { watchPopup } from './watchPopup.js';

const POPUP_FEATURES = 'popup=yes,width=520,height=720';

export type AnyOutcome = ReconnectOutcome | ConnectOutcome;

/** One run of Link, as `useReconnect`/`useConnect` start it in a click. */
export interface LinkFlowInput {
  /** `connect` has no connection id, no already-healthy check and no `connection_id` parameter. */
  kind: 'reconnect' | 'connect';
  connectionId: string | undefined;
  /** Read when a callback runs, so the latest props are used. */
  options: () => LinkFlowOptions<AnyOutcome, ReconnectCode> & { force?: boolean; bound?: boolean };
  link: LinkSettings | undefined;
  health: HealthSource | undefined;
  /** The popup was blocked before and the customer chose to continue in this tab. */
  redirectNow: boolean;
  setState: (state: ReconnectState) => void;
  /** Told the outcome synchronously, before the promise resolves and before a redirect leaves. */
  onOutcome: (outcome: AnyOutcome) => void;
}

export interface LinkFlow {
  readonly promise: Promise<AnyOutcome>;
  readonly settled: boolean;
  /** The code arrived: the exchange (and confirmation) run to their own end. */
  readonly pastSignIn: boolean;
  /** Ends a flow still waiting for sign-in as `cancelled` (closing its popup). */
  abort(): void;
  focus(): void;
}

/**
 * Runs Makini Link once and settles exactly one outcome. Everything up to `window.open` runs
 * synchronously, inside the caller's click, so the popup is not blocked.
 */
export function startLinkFlow(input: LinkFlowInput): LinkFlow {
  const { kind, link, health } = input;
  const options = input.options();
  const latch = createOutcomeLatch<AnyOutcome>();
  let connectionId = input.connectionId;
  let popup: Window | null = null;
  let pastSignIn = false;
  const emit = (event: ReconnectEvent) => input.options().onEvent?.(event);
  const settle = (outcome: AnyOutcome) => {
    if (latch.settled) return;
    latch.settle(outcome);
    input.onOutcome(outcome);
  };
  const flow: LinkFlow = {
    promise: latch.promise,
    get settled() {
      return latch.settled;
    },
    get pastSignIn() {
      return pastSignIn;
    },
    abort() {
      if (latch.settled || pastSignIn) return;
      popup?.close();
      emit({ type: 'closed' });
      settle({ type: 'cancelled', ...idOf(connectionId), reason: 'closed' });
    },
    focus() {
      popup?.focus();
    },
  };

  if (!link) {
    settle(
      failedOutcome(
        new LinkError(
          ReconnectFailureCode.NO_LINK_SETTINGS,
          'Pass `link` ({ clientId, redirectUri }) to the button or to MakiniProvider.',
        ),
        connectionId,
        ReconnectFailureCode.NO_LINK_SETTINGS,
      ),
    );
    return flow;
  }
  const baseline =
    kind === 'reconnect' && connectionId
      ? health?.getSnapshot().connections[connectionId]
      : undefined;
  if (kind === 'reconnect' && connectionId && !options.force && isWorking(baseline)) {
    settle({ type: 'already_healthy', connectionId, health: baseline });
    return flow;
  }
  const mode = input.redirectNow ? 'redirect' : (options.mode ?? 'popup');
  input.setState('opening');
  const { url, state: expectedState } = buildAuthorizeUrl({
    clientId: link.clientId,
    redirectUri: link.redirectUri,
    ...(link.linkUrl ? { linkUrl: link.linkUrl } : {}),
    ...(options.platform ? { platform: options.platform } : {}),
    ...(options.loginHint ? { loginHint: options.loginHint } : {}),
    ...(kind === 'reconnect' && connectionId && options.bound !== false ? { connectionId } : {}),
  });
  const redirect = (report?: AnyOutcome) =>
    redirectToLink(url, expectedState, connectionId, () => {
      emit({ type: 'open', mode: 'redirect' });
      if (report) settle(report);
    });

  if (mode === 'redirect') {
    // The page leaves; `<LinkCallback>` finishes the flow. A fallback still reports why it left.
    redirect(
      input.redirectNow
        ? { type: 'popup_blocked', ...idOf(connectionId), fallback: 'redirect' }
        : undefined,
    );
    return flow;
  }
  popup = window.open(url, 'makini-link', POPUP_FEATURES);
  if (!popup) {
    emit({ type: 'popup_blocked' });
    if ((options.popupBlocked ?? 'redirect') === 'offer') {
      settle({ type: 'popup_blocked', ...idOf(connectionId), fallback: 'offered' });
    } else {
      redirect({ type: 'popup_blocked', ...idOf(connectionId), fallback: 'redirect' });
    }
    return flow;
  }
  const opened = popup;
  emit({ type: 'open', mode: 'popup' });
  input.setState('waiting');
  const expectedOrigin = new URL(link.redirectUri).origin;

  const stopSignIn = () => {
    window.removeEventListener('message', onMessage);
    stopWatching();
    clearTimeout(signInTimer);
  };
  latch.onSettle(stopSignIn);

  function onMessage(event: MessageEvent) {
    const reading = readCallbackMessage(event, expectedOrigin, expectedState);
    if (reading.type === 'rejected') {
      emit({ type: 'message_rejected', reason: reading.reason, origin: event.origin });
      return;
    }
    stopSignIn();
    opened.close();
    if (reading.type === 'error') {
      emit({ type: 'callback', outcome: 'error', error: reading.code });
      if (reading.code === 'access_denied') {
        settle({ type: 'cancelled', ...idOf(connectionId), reason: 'access_denied' });
      } else {
        settle(failedOutcome(reading.error, connectionId, reading.code));
      }
      return;
    }
    emit({ type: 'callback', outcome: 'code' });
    pastSignIn = true;
    runExchange({ code: reading.code, state: reading.state });
  }
  window.addEventListener('message', onMessage);
  const stopWatching = watchPopup(opened, () => {
    emit({ type: 'closed' });
    settle({ type: 'cancelled', ...idOf(connectionId), reason: 'closed' });
  });
  const signInTimer = setTimeout(() => {
    opened.close();
    emit({ type: 'timed_out', phase: 'sign_in' });
    settle({ type: 'timed_out', ...idOf(connectionId), phase: 'sign_in' });
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  function runExchange(code: { code: string; state: string }) {
    const send = input.options().exchange;
    if (!send) {
      const error = new TypeError(
        'Pass `exchange` (send the code to your back end, which exchanges it), or use mode: "redirect" with <LinkCallback>.',
      );
      settle(failedOutcome(error, connectionId, ReconnectFailureCode.NO_EXCHANGE));
      return;
    }
    input.setState('exchanging');
    // Called at once, in this task (an executor that throws rejects): the back end sees the code
    // as soon as it arrives.
    new Promise<unknown>((resolve) =>
      resolve(send({ ...code, connectionId: connectionId ?? '' })),
    ).then(
      (answer) => confirm((answer ?? undefined) as ExchangeAnswer | undefined),
      (error: unknown) =>
        settle(failedOutcome(error, connectionId, ReconnectFailureCode.EXCHANGE_FAILED)),
    );
  }

  function confirm(answer: ExchangeAnswer | undefined) {
    connectionId = answer?.connectionId ?? connectionId;
    if (!connectionId) {
      const error = new TypeError(
        'useConnect: `exchange` must resolve to { connectionId } (the new connection key from the code exchange), so the new connection can be confirmed.',
      );
      settle(failedOutcome(error, undefined, ReconnectFailureCode.NO_CONNECTION_ID));
      return;
    }
    const confirmed = (by: 'health' | 'exchange', found: ConnectionHealth) =>
      settle(
        kind === 'connect'
          ? {
              type: 'connected',
              connectionId: connectionId as string,
              health: found,
              confirmedBy: by,
            }
          : {
              type: 'reconnected',
              connectionId: connectionId as string,
              health: found,
              confirmedBy: by,
            },
      );
    if (isWorking(answer?.health)) return confirmed('exchange', answer.health);
    if (!health) {
      const error = new TypeError(
        'Nothing can confirm the reconnect: return { health } from `exchange`, or give a health source (`health`, or MakiniProvider `health`).',
      );
      settle(failedOutcome(error, connectionId, ReconnectFailureCode.NOT_CONFIRMABLE));
      return;
    }
    input.setState('confirming');
    emit({ type: 'confirming', connectionId });
    const id = connectionId;
    latch.onSettle(
      confirmHealth({
        source: health,
        connectionId: id,
        baseline: id === input.connectionId ? baseline : undefined,
        timeoutMs: input.options().confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
        onConfirmed: (found) => confirmed('health', found),
        onTimeout: () => {
          emit({ type: 'timed_out', phase: 'confirmation' });
          settle({ type: 'timed_out', connectionId: id, phase: 'confirmation' });
        },
      }),
    );
  }
  return flow;
}

function idOf(connectionId: string | undefined): { connectionId?: string } {
  return connectionId ? { connectionId } : {};
}
