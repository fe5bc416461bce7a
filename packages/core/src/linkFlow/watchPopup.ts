/** How long a closed popup's last message may take to arrive. */
const CLOSE_GRACE_MS = 1500;
const POLL_MS = 400;

/**
 * Calls `onClosed` once the popup has been closed for `CLOSE_GRACE_MS`. The callback page posts,
 * then closes itself: its message can still be on its way when the window is already closed, so a
 * closed window is an exit only after that moment. Returns a function that stops watching.
 */
export function watchPopup(popup: Window, onClosed: () => void): () => void {
  let grace: ReturnType<typeof setTimeout> | undefined;
  const poll = setInterval(() => {
    if (!popup.closed || grace !== undefined) return;
    clearInterval(poll);
    grace = setTimeout(onClosed, CLOSE_GRACE_MS);
  }, POLL_MS);
  return () => {
    clearInterval(poll);
    if (grace !== undefined) clearTimeout(grace);
  };
}
