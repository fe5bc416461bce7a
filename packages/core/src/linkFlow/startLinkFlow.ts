import type { HealthSource } from '../health/ConnectionHealth.js';
import { buildAuthorizeUrl } from '../oauth/authorize.js';
import { LinkError } from '../oauth/LinkError.js';
import { confirmExchange, isWorking } from './confirmHealth.js';
import type { ReconnectFailureCode } from './failureCodes.js';
import { failureOf } from './failureOf.js';
import {
  checkTimings,
  DEFAULT_CONFIRM_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  type LinkFlowSettings,
  type ReconnectEvent,
  type ReconnectState,
} from './LinkFlowOptions.js';
import type { LinkSettings } from './LinkSettings.js';
import { createOutcomeLatch } from './outcomeLatch.js';
import type { ConnectOutcome, ExchangeAnswer, ReconnectOutcome } from './ReconnectOutcome.js';
import { readCallbackMessage } from './readCallbackMessage.js';
import { redirectToLink } from './redirectToLink.js';
import { watchPopup } from './watchPopup.js';

const POPUP_FEATURES = 'popup=yes,width=520,height=720';

/**
 * The run whose popup is open: Link's window has one name, so a second run would take over that
 * window while the first still waits on it. A new popup ends the earlier run as `cancelled`.
 */
let popupRun: LinkFlow | undefined;

/** A mistake in the host's callbacks or options, reported as uncaught once the current step is done. */
function reportUncaught(error: unknown) {
  queueMicrotask(() => {
    throw error;
  });
}

/** How a run of `startLinkFlow` ended: a reconnect's outcome, or a new system's. */
export type LinkFlowOutcome = ReconnectOutcome | ConnectOutcome;

/**
 * One run of Link, as `useReconnect`/`useConnect` of `@makini-kit/react` start it in a click, or
 * your own button in another framework.
 */
export interface LinkFlowInput {
  /** `connect` has no connection id, no already-healthy check and no `connection_id` parameter. */
  kind: 'reconnect' | 'connect';
  /** The connection to reconnect; none to connect a new system. */
  connectionId?: string | undefined;
  /** Link's settings; without them the run fails with `NO_LINK_SETTINGS`. */
  link?: LinkSettings | undefined;
  /**
   * Finds a connection already working before anything opens (`already_healthy`), and confirms
   * the exchange. A `createRemoteHealthSource` reads its back end once something subscribes:
   * subscribe when the page shows the connection, so the click sees its state.
   */
  health?: HealthSource | undefined;
  /**
   * The run's settings; a function is read again when a callback runs, so a framework hands its
   * latest props. `timeoutMs` is read when the run starts, `confirmTimeoutMs` when the code
   * arrives (left out then, it is the default); one that fails the check then, or an options
   * function that throws, is reported as uncaught, and the value the start checked is kept.
   * @default {}
   */
  options?: LinkFlowSettings | (() => LinkFlowSettings);
  /**
   * Continue in this tab at once: the customer clicked again after a run ended `popup_blocked`
   * with `fallback: 'offered'`. @default false
   */
  redirectNow?: boolean;
  /** Told each step, to show it (a button's label); the last one follows from the outcome. */
  onStateChange?: (state: ReconnectState) => void;
  /**
   * Told the outcome synchronously, before the promise resolves, and before the page leaves when a
   * blocked popup falls back to a redirect.
   */
  onOutcome?: (outcome: LinkFlowOutcome) => void;
}

/** A started run: its outcome, and what the page may still do with it. */
export interface LinkFlow {
  /**
   * Resolves with the one outcome; never rejects. A run with `mode: 'redirect'` leaves for Link
   * in this tab and does not settle here: the page is gone, and the page at `redirectUri` finishes
   * it with `completeLink`. (A redirect that follows a blocked popup, or `redirectNow`, settles
   * `popup_blocked` first.)
   */
  readonly promise: Promise<LinkFlowOutcome>;
  /** Whether the outcome is known. */
  readonly settled: boolean;
  /** Ends a flow still waiting for sign-in as `cancelled` (closing its popup). */
  abort(): void;
  /** Brings the popup to the front (a second click while it is open). */
  focus(): void;
}

/**
 * The state each outcome leaves; the others (`reconnected`, `connected`) leave `success`.
 * `already_healthy` did nothing, so it reads idle again.
 */
const STATE_OF: Partial<Record<LinkFlowOutcome['type'], ReconnectState>> = {
  already_healthy: 'idle',
  cancelled: 'idle',
  popup_blocked: 'blocked',
  timed_out: 'error',
  failed: 'error',
};

/** An outcome's fields beside its type and connection. */
type Fields<T extends LinkFlowOutcome['type']> = Omit<
  Extract<LinkFlowOutcome, { type: T }>,
  'type' | 'connectionId'
>;

/**
 * Runs Makini Link once in a browser and settles exactly one outcome: a popup (a redirect in this
 * tab when the popup is blocked, or with `mode: 'redirect'`), the callback checked for origin and
 * `state`, your `exchange`, and the confirmation through the health source. Everything up to
 * `window.open` runs synchronously, so call it inside the click, or the popup is blocked. The
 * React widgets run it; call it yourself from another framework. One popup at a time: a run that
 * opens one ends an earlier run still waiting for sign-in as `cancelled`.
 *
 * @throws {RangeError} when `timeoutMs` or `confirmTimeoutMs` is not a positive number of
 * milliseconds up to 2^31-1
 * @example
 * button.onclick = async () => {
 *   const flow = startLinkFlow({
 *     kind: 'reconnect',
 *     connectionId,
 *     link: { clientId, redirectUri: `${location.origin}/link/callback` },
 *     health,
 *     options: { exchange: (code) => api.post('/link/exchange', code) },
 *     onStateChange: (state) => (button.dataset.state = state),
 *   });
 *   show((await flow.promise).type);
 * };
 */
export function startLinkFlow(input: LinkFlowInput): LinkFlow {
  const { kind, link, health } = input;
  const settings = input.options;
  const read = typeof settings === 'function' ? settings : () => settings ?? {};
  const options = read();
  checkTimings(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Copied now: the options object may change later, and this is the value checked.
  const firstConfirmTimeoutMs = options.confirmTimeoutMs;
  const latch = createOutcomeLatch<LinkFlowOutcome>();
  // A new system's key is known only from the exchange's answer.
  let connectionId = input.connectionId;
  let popup: Window | null = null;
  let pastSignIn = false;
  const emit = (event: ReconnectEvent) => {
    try {
      read().onEvent?.(event);
    } catch (error) {
      // An analytics callback that throws must not stop the flow half way (a popup left open, an
      // outcome never told).
      reportUncaught(error);
    }
  };
  /**
   * The confirmation's deadline as the options say when the code arrives (a framework's latest
   * props); a value that fails the check is reported as uncaught and the one checked at the start
   * is kept.
   */
  const confirmDeadline = () => {
    try {
      const latest = read().confirmTimeoutMs;
      checkTimings({ confirmTimeoutMs: latest });
      return latest ?? DEFAULT_CONFIRM_TIMEOUT_MS;
    } catch (error) {
      // An options function that throws too: the run still gets a deadline.
      reportUncaught(error);
      return firstConfirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS;
    }
  };
  /** Every outcome names the connection as soon as it is known. */
  const settle = <T extends LinkFlowOutcome['type']>(type: T, fields: Fields<T>) => {
    const outcome = {
      type,
      ...(connectionId ? { connectionId } : {}),
      ...fields,
    } as unknown as LinkFlowOutcome;
    if (!latch.settle(outcome)) return;
    // A redirect leaves the page: what started it stays busy until it has gone.
    const leaving = outcome.type === 'popup_blocked' && outcome.fallback === 'redirect';
    input.onStateChange?.(leaving ? 'opening' : (STATE_OF[type] ?? 'success'));
    if (outcome.type === 'failed') emit({ type: 'error', error: outcome.error });
    else if (outcome.type === 'reconnected' || outcome.type === 'connected')
      emit({ type: 'success' });
    input.onOutcome?.(outcome);
  };
  /** `code` when the error has none of its own; literals keep the codes object out of bundles. */
  const fail = (error: unknown, code: ReconnectFailureCode | (string & {})) =>
    settle('failed', failureOf(error, code));
  const closed = () => {
    emit({ type: 'closed' });
    settle('cancelled', { reason: 'closed' });
  };
  const timedOut = (phase: 'sign_in' | 'confirmation') => {
    emit({ type: 'timed_out', phase });
    settle('timed_out', { phase });
  };
  // The latch itself, seen through `LinkFlow`: the caller reads it and cannot settle it.
  const flow: LinkFlow = Object.assign(latch, {
    abort() {
      if (latch.settled || pastSignIn) return;
      popup?.close();
      closed();
    },
    focus() {
      popup?.focus();
    },
  });

  if (!link) {
    fail(
      new LinkError(
        'NO_LINK_SETTINGS',
        'Pass `link` ({ clientId, redirectUri }): to startLinkFlow, or to the button, the hook or MakiniProvider of @makini-kit/react.',
      ),
      'NO_LINK_SETTINGS',
    );
    return flow;
  }
  const existing = kind === 'reconnect' ? connectionId : undefined;
  const baseline = existing ? health?.getSnapshot().connections[existing] : undefined;
  if (existing && !options.force && isWorking(baseline)) {
    settle('already_healthy', { health: baseline });
    return flow;
  }
  input.onStateChange?.('opening');
  const { url, state: expectedState } = buildAuthorizeUrl({
    clientId: link.clientId,
    redirectUri: link.redirectUri,
    linkUrl: link.linkUrl || undefined,
    platform: options.platform,
    loginHint: options.loginHint,
    connectionId: (options.bound !== false && existing) || undefined,
  });
  /** Leaves for Link in this tab; a fallback from a blocked popup still reports why it left. */
  const redirect = (fallback: boolean) =>
    redirectToLink(url, expectedState, connectionId, () => {
      emit({ type: 'open', mode: 'redirect' });
      if (fallback) settle('popup_blocked', { fallback: 'redirect' });
    });

  const redirectNow = input.redirectNow === true;
  if (redirectNow || options.mode === 'redirect') {
    // The page leaves; `<LinkCallback>` finishes the flow.
    redirect(redirectNow);
    return flow;
  }
  const noExchange = () =>
    fail(
      new TypeError("Pass `exchange` to send the code to your back end, or use mode 'redirect'."),
      'NO_EXCHANGE',
    );
  if (!options.exchange) {
    // Checked before opening: otherwise the customer signs in for nothing.
    noExchange();
    return flow;
  }
  popupRun?.abort();
  popup = window.open(url, 'makini-link', POPUP_FEATURES);
  if (!popup) {
    emit({ type: 'popup_blocked' });
    if (options.popupBlocked === 'offer') settle('popup_blocked', { fallback: 'offered' });
    else redirect(true);
    return flow;
  }
  const opened = popup;
  popupRun = flow;
  latch.onSettle(() => {
    if (popupRun === flow) popupRun = undefined;
  });
  emit({ type: 'open', mode: 'popup' });
  input.onStateChange?.('waiting');
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
      if (reading.code === 'access_denied') settle('cancelled', { reason: 'access_denied' });
      else fail(reading.error, reading.code);
      return;
    }
    emit({ type: 'callback', outcome: 'code' });
    pastSignIn = true;
    // One deadline for the exchange and the confirmation: an exchange that never answers ends too.
    const confirmTimer = setTimeout(() => timedOut('confirmation'), confirmDeadline());
    latch.onSettle(() => clearTimeout(confirmTimer));
    runExchange(reading.code, reading.state);
  }
  window.addEventListener('message', onMessage);
  const stopWatching = watchPopup(opened, closed);
  const signInTimer = setTimeout(() => {
    opened.close();
    timedOut('sign_in');
  }, timeoutMs);

  function runExchange(code: string, state: string) {
    let send: LinkFlowSettings['exchange'];
    try {
      send = read().exchange;
    } catch (error) {
      // An options function that throws here leaves nothing to send the code with.
      fail(error, 'EXCHANGE_FAILED');
      return;
    }
    if (!send) {
      noExchange();
      return;
    }
    input.onStateChange?.('exchanging');
    // Called at once, in this task (an executor that throws rejects): the back end sees the code
    // as soon as it arrives.
    new Promise<unknown>((resolve) =>
      resolve(send({ code, state, connectionId: connectionId ?? '' })),
    ).then(
      (answer) => confirm(answer as ExchangeAnswer | undefined),
      (error: unknown) => fail(error, 'EXCHANGE_FAILED'),
    );
  }

  function confirm(answer: ExchangeAnswer | undefined) {
    connectionId = answer?.connectionId ?? connectionId;
    if (!connectionId) {
      fail(
        new TypeError("`exchange` must answer { connectionId }, the new connection's key."),
        'NO_CONNECTION_ID',
      );
      return;
    }
    latch.onSettle(
      confirmExchange({
        answer,
        source: health,
        connectionId,
        baseline: connectionId === existing ? baseline : undefined,
        // The flow's confirmation deadline, started when the code arrived, ends the wait.
        onConfirmed: (confirmedBy, found) =>
          settle(kind === 'connect' ? 'connected' : 'reconnected', { health: found, confirmedBy }),
        onUnconfirmable: (error) => fail(error, 'NOT_CONFIRMABLE'),
        onWaiting: () => {
          input.onStateChange?.('confirming');
          emit({ type: 'confirming', connectionId: connectionId ?? '' });
        },
      }),
    );
  }
  return flow;
}
