import type { Messages } from './Messages.js';
import { plural } from './plural.js';

/** Dutch. */
export const nl: Messages = {
  locale: 'nl',
  dir: 'ltr',
  status: {
    states: {
      healthy: 'Verbonden',
      syncing: 'Synchroniseren',
      degraded: 'Beperkt',
      reauthorization_required: 'Opnieuw verbinden vereist',
      disconnected: 'Losgekoppeld',
      unknown: 'Controleren…',
    },
    lastSync: (time) => `Laatst gesynchroniseerd ${time}`,
    errorRate: (percent) => `${percent} van de recente aanroepen is mislukt`,
    never: 'Nog niet gesynchroniseerd',
  },
  reconnect: {
    states: {
      idle: 'Opnieuw verbinden',
      opening: 'Openen…',
      waiting: 'Wachten op aanmelding…',
      exchanging: 'Opnieuw verbinden…',
      confirming: 'Verbinding controleren…',
      success: 'Opnieuw verbonden',
      blocked: 'Doorgaan in dit tabblad',
      error: 'Opnieuw proberen',
    },
    connectNew: 'Nieuw systeem verbinden',
  },
  outcomes: {
    reconnected: 'Opnieuw verbonden. De verbinding werkt weer.',
    connected: 'Verbonden. Het nieuwe systeem werkt.',
    already_healthy: 'Deze verbinding werkt al; er hoeft niets te gebeuren.',
    cancelled: 'Opnieuw verbinden is geannuleerd.',
    popup_blocked: 'Het aanmeldvenster is geblokkeerd. Ga in plaats daarvan verder in dit tabblad.',
    timed_out: 'Het aanmelden duurde te lang. Probeer het opnieuw.',
    not_confirmed:
      'Aangemeld, maar nog niet bevestigd dat de verbinding werkt. Controleer de status zo meteen.',
    failed: 'Opnieuw verbinden is mislukt. Probeer het opnieuw of neem contact op met support.',
    reference: (requestId) => `Referentie: ${requestId}`,
  },
  sync: {
    states: {
      inprogress: 'Bezig met synchroniseren',
      done: 'Gesynchroniseerd',
      fulldone: 'Volledig gesynchroniseerd',
      error: 'Synchronisatiefout',
      fail: 'Synchronisatie mislukt',
    },
    updated: (time) => `Bijgewerkt ${time}`,
    reasons: {
      error: 'De laatste synchronisatie eindigde met een fout; deze wordt opnieuw geprobeerd.',
      fail: 'Het systeem heeft de opgeslagen inloggegevens geweigerd.',
    },
    actions: {
      error: 'Opnieuw controleren',
      fail: 'Opnieuw verbinden om de synchronisatie te hervatten',
    },
  },
  list: {
    label: 'Verbindingen',
    columns: {
      system: 'Systeem',
      status: 'Status',
      lastSync: 'Laatste synchronisatie',
      actions: 'Acties',
    },
    count: (count) => plural('nl', count, { one: '# verbinding', other: '# verbindingen' }),
    connectNew: 'Nieuw systeem verbinden',
    empty: 'Nog geen systemen verbonden.',
    loading: 'Verbindingen laden…',
    error: 'De verbindingen konden niet worden geladen.',
    retry: 'Opnieuw proberen',
    disconnect: 'Loskoppelen',
    confirmDisconnect: (name) => `${name} loskoppelen?`,
    confirmDisconnectDetail:
      'Gegevens worden niet meer gesynchroniseerd totdat het systeem opnieuw is verbonden.',
    confirm: 'Loskoppelen',
    cancel: 'Annuleren',
    disconnected: (name) => `${name} is losgekoppeld.`,
    disconnectFailed: (name) => `${name} kon niet worden losgekoppeld. Probeer het opnieuw.`,
  },
  reconnectPage: {
    title: 'Verbind uw systeem opnieuw',
    intro: (system) => `Meld u opnieuw aan bij ${system} om de verbinding te herstellen.`,
    checking: 'Link controleren…',
    start: 'Opnieuw verbinden',
    refused: {
      LINK_EXPIRED: 'Deze link om opnieuw te verbinden is verlopen.',
      LINK_USED: 'Deze link om opnieuw te verbinden is al gebruikt.',
      LINK_INVALID: 'Deze link om opnieuw te verbinden is ongeldig.',
      LINK_WRONG_CONNECTION: 'Deze link om opnieuw te verbinden hoort bij een andere verbinding.',
    },
    refusedHelp:
      'Vraag een nieuwe link aan, of meld u aan bij de app om daar opnieuw te verbinden.',
  },
  callback: {
    finishing: 'Verbinding voltooien…',
    failedPopup:
      'De verbinding kon niet worden voltooid. Sluit dit venster en probeer het opnieuw.',
    failedRedirect: 'De verbinding kon niet worden voltooid. Ga terug en probeer het opnieuw.',
  },
};
