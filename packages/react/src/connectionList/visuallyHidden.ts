import type { CSSProperties } from 'react';

/** Read by screen readers, invisible on screen; inline so it works without the stylesheet. */
export const visuallyHidden: CSSProperties = {
  // Out of the flow, one pixel, clipped to nothing: no padding, margin or border can show.
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
};
