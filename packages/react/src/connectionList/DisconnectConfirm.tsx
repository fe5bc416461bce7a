import { type KeyboardEvent, useEffect, useId, useRef } from 'react';
import type { Messages } from '../messages/Messages.js';

export interface DisconnectConfirmProps {
  name: string;
  text: Messages['list'];
  /** The confirmed disconnect is running: the buttons stay focusable but do nothing. */
  busy: boolean;
  /** The last try failed: said in an alert inside the confirmation. */
  failed: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * The inline confirmation under a row: a fieldset named by its question, not a modal dialog, so the rest of the
 * list stays usable. It takes focus on Cancel (the harmless choice) when it opens; Escape anywhere
 * in it cancels.
 */
export function DisconnectConfirm({
  name,
  text,
  busy,
  failed,
  onConfirm,
  onCancel,
}: DisconnectConfirmProps) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || busy) return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  };
  return (
    <fieldset
      aria-describedby={`${id}-detail`}
      data-part="confirm"
      aria-busy={busy}
      onKeyDown={onKeyDown}
    >
      <legend data-part="question">{text.confirmDisconnect(name)}</legend>
      <p id={`${id}-detail`} data-part="detail">
        {text.confirmDisconnectDetail}
      </p>
      {failed ? (
        <p role="alert" data-part="error">
          {text.disconnectFailed(name)}
        </p>
      ) : null}
      <div data-part="buttons">
        <button
          type="button"
          data-part="confirm-button"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {text.confirm}
        </button>
        <button
          ref={cancel}
          type="button"
          data-part="cancel-button"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) onCancel();
          }}
        >
          {text.cancel}
        </button>
      </div>
    </fieldset>
  );
}
