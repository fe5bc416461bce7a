import type { ConnectionHealth } from '@makini-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ConnectionList } from './ConnectionList.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { ar, de, en, es, fr, ja, nl } from './locales/index.js';
import { MakiniProvider } from './MakiniProvider.js';
import type { Messages } from './messages/Messages.js';
import { ReconnectButton } from './ReconnectButton.js';
import { ReconnectPage } from './ReconnectPage.js';
import { SyncStatus } from './SyncStatus.js';
import { fixedSource } from './testSource.js';

const LANGUAGES = { en, de, fr, es, nl, ja, ar } as const;
type Language = keyof typeof LANGUAGES;

const HOUR = 3_600_000;
const connections: Record<string, Partial<ConnectionHealth>> = {
  sap: {
    state: 'reauthorization_required',
    lastSuccessAt: Date.now() - 26 * HOUR,
    sync: { status: 'fail', updatedAt: Date.now() - 3 * HOUR },
  },
  maximo: {
    state: 'healthy',
    lastSuccessAt: Date.now() - 5 * 60_000,
    sync: { status: 'done', updatedAt: Date.now() - 5 * 60_000 },
  },
  netsuite: { state: 'degraded', errorRate: 0.18, samples: 40, lastSuccessAt: Date.now() - HOUR },
};

const list = [
  { id: 'sap', name: 'Plant North', system: 'SAP S/4HANA' },
  { id: 'maximo', name: 'Harbor Cranes', system: 'IBM Maximo' },
  { id: 'netsuite', name: 'Warehouse East', system: 'Oracle NetSuite' },
];

const checked = async () => ({ connectionId: 'sap', system: 'SAP S/4HANA' });

interface ShowcaseProps {
  /** One of the languages of `@makini-kit/react/locales`. */
  language: Language;
}

/** The widgets in one language, as a page would show them. */
function Showcase({ language }: ShowcaseProps) {
  const messages: Messages = LANGUAGES[language];
  return (
    <MakiniProvider
      health={fixedSource(connections)}
      link={{ clientId: 'sandbox_client', redirectUri: 'https://app.example.com/link/callback' }}
      messages={messages}
    >
      <div
        lang={messages.locale}
        dir={messages.dir}
        data-testid="page"
        style={{ display: 'grid', gap: '0.75rem', maxWidth: '34rem', justifyItems: 'start' }}
      >
        <ConnectionStatus connectionId="sap" variant="card" data-testid="card" />
        <ConnectionStatus connectionId="maximo" variant="inline" data-testid="inline" />
        <ConnectionStatus connectionId="netsuite" variant="badge" />
        <ReconnectButton connectionId="sap" />
        <SyncStatus connectionId="maximo" variant="card" />
        <SyncStatus connectionId="sap" variant="card" />
        <ConnectionList
          connections={list}
          onDisconnect={async () => {}}
          onConnectNew={() => {}}
          style={{ justifySelf: 'stretch' }}
        />
        {/* One page only: a page is a landmark named by its title. */}
        <ReconnectPage token="t1" verify={checked} exchange={async () => {}} />
      </div>
    </MakiniProvider>
  );
}

/**
 * Every widget text comes from a `Messages` object: English is built in, and
 * `@makini-kit/react/locales` has German, French, Spanish, Dutch, Japanese and Arabic. Give one to
 * `<MakiniProvider messages={de}>`; plurals use `Intl.PluralRules` and relative times
 * `Intl.RelativeTimeFormat` in that language.
 */
const meta = {
  title: 'Languages',
  component: Showcase,
  args: { language: 'de' },
  argTypes: {
    language: { control: 'select', options: Object.keys(LANGUAGES) },
  },
} satisfies Meta<typeof Showcase>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Checks the texts of `language` are the ones shown. */
async function showsLanguage(canvasElement: HTMLElement, language: Language) {
  const messages = LANGUAGES[language];
  const canvas = within(canvasElement);
  const card = canvas.getByTestId('card');
  await expect(card).toHaveTextContent(messages.status.states.reauthorization_required);
  const yesterday = new Intl.RelativeTimeFormat(messages.locale, { numeric: 'auto' }).format(
    -1,
    'day',
  );
  await expect(card).toHaveTextContent(messages.status.lastSync(yesterday));
  await expect(card).toHaveAttribute('dir', messages.dir);
  await expect(
    canvas.getAllByRole('button', { name: messages.reconnect.states.idle }).length,
  ).toBeGreaterThan(0);
  await expect(
    canvas.getAllByRole('button', { name: messages.sync.actions.fail }).length,
  ).toBeGreaterThan(0);
  await expect(canvas.getAllByText(messages.sync.states.done).length).toBeGreaterThan(0);
  await expect(canvas.getByRole('button', { name: messages.list.connectNew })).toBeInTheDocument();
  await expect(
    await canvas.findByText(messages.reconnectPage.intro('SAP S/4HANA')),
  ).toBeInTheDocument();
  const table = canvas.getByRole('table', { name: messages.list.label });
  const headers = within(table).getAllByRole('columnheader');
  await expect(headers.map((header) => header.textContent)).toEqual(
    Object.values(messages.list.columns),
  );
}

/** Pick a language in the controls. */
export const Languages: Story = {
  play: async ({ args, canvasElement }) => showsLanguage(canvasElement, args.language),
};

const languageStory = (language: Language): Story => ({
  args: { language },
  play: async ({ canvasElement }) => showsLanguage(canvasElement, language),
});

export const English = languageStory('en');
export const German = languageStory('de');
export const French = languageStory('fr');
export const Spanish = languageStory('es');
export const Dutch = languageStory('nl');
export const Japanese = languageStory('ja');

/** The left edge of `a` is right of the right edge of `b` (less a pixel of rounding). */
function rightOf(a: Element, b: Element): boolean {
  return a.getBoundingClientRect().left >= b.getBoundingClientRect().right - 1;
}

/**
 * Arabic, right to left, inside a `dir="rtl" lang="ar"` page: every widget mirrors. The indicator
 * sits right of its label, the details line up under the label on the right, and the widgets
 * start at the right edge.
 */
export const ArabicRightToLeft: Story = {
  args: { language: 'ar' },
  play: async ({ canvasElement }) => {
    await showsLanguage(canvasElement, 'ar');
    const canvas = within(canvasElement);
    const page = canvas.getByTestId('page').getBoundingClientRect();
    for (const status of [canvas.getByTestId('card'), canvas.getByTestId('inline')]) {
      const indicator = status.querySelector('[data-part="indicator"]');
      const label = status.querySelector('[data-part="label"]');
      const lastSync = status.querySelector('[data-part="last-sync"]');
      if (!indicator || !label || !lastSync) throw new Error('a part of the status is missing');
      await expect(rightOf(indicator, label), status.outerHTML).toBe(true);
      if (status.dataset.variant === 'card') {
        // Under the label, the texts aligned to their start: the right. A range measures the
        // text itself, not the box the grid stretches.
        const right = (element: Element) => {
          const range = document.createRange();
          range.selectNodeContents(element);
          return range.getBoundingClientRect().right;
        };
        await expect(Math.abs(right(lastSync) - right(label)), 'card').toBeLessThanOrEqual(1);
      } else {
        await expect(rightOf(label, lastSync), 'inline').toBe(true);
      }
    }
    for (const sync of canvas
      .getByTestId('page')
      .querySelectorAll(':scope > [data-makini="sync-status"]')) {
      const indicator = sync.querySelector('[data-part="indicator"]');
      const label = sync.querySelector('[data-part="label"]');
      if (!indicator || !label) throw new Error('a part of the sync status is missing');
      await expect(rightOf(indicator, label), sync.outerHTML).toBe(true);
    }
    // The table reads from the right: its first column is the rightmost.
    const [system, status] = within(canvas.getByRole('table')).getAllByRole('columnheader');
    if (!system || !status) throw new Error('the table has no headers');
    await expect(rightOf(system, status), 'table').toBe(true);
    // The reconnect page stands centred; inside it everything starts on the right.
    const reconnectPage = canvasElement.querySelector('[data-makini="reconnect-page"]');
    const title = reconnectPage?.querySelector('h1');
    const button = reconnectPage?.querySelector('button');
    if (!reconnectPage || !title || !button) throw new Error('the reconnect page is missing');
    const box = reconnectPage.getBoundingClientRect();
    const titleText = document.createRange();
    titleText.selectNodeContents(title);
    const buttonBox = button.getBoundingClientRect();
    await expect(
      Math.abs(titleText.getBoundingClientRect().right - buttonBox.right),
    ).toBeLessThanOrEqual(1);
    await expect(buttonBox.left, 'reconnect page').toBeGreaterThan(box.left + box.width / 2);
    // Each other widget of the page starts at its right edge.
    for (const widget of canvas.getByTestId('page').children) {
      if (widget === reconnectPage) continue;
      const edge = widget.getBoundingClientRect().right;
      await expect(Math.abs(edge - page.right), widget.outerHTML).toBeLessThanOrEqual(1);
    }
  },
};
