import type { LinkSettings } from '@makini-kit/react';
import { useEffect, useState } from 'react';
import { api } from './api.js';

/** The back end's Makini Link settings (client id, redirect URI, Link URL); `undefined` until loaded. */
export function useLinkSettings(): LinkSettings | undefined {
  const [link, setLink] = useState<LinkSettings>();
  useEffect(() => {
    void api<LinkSettings>('/api/link/settings').then(setLink);
  }, []);
  return link;
}
