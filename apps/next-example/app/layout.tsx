import '@makini-kit/react/styles.css';
import type { ReactNode } from 'react';

export const metadata = { title: 'Makini Connect Kit on Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
