import type { Messages } from './Messages.js';
import { plural } from './plural.js';

/** German. */
export const de: Messages = {
  locale: 'de',
  dir: 'ltr',
  status: {
    states: {
      healthy: 'Verbunden',
      syncing: 'Wird synchronisiert',
      degraded: 'Eingeschränkt',
      reauthorization_required: 'Neu verbinden erforderlich',
      disconnected: 'Getrennt',
      unknown: 'Wird geprüft…',
    },
    lastSync: (time) => `Zuletzt synchronisiert ${time}`,
    errorRate: (percent) => `${percent} der letzten Aufrufe sind fehlgeschlagen`,
    never: 'Noch nicht synchronisiert',
  },
  reconnect: {
    states: {
      idle: 'Neu verbinden',
      opening: 'Wird geöffnet…',
      waiting: 'Warten auf Anmeldung…',
      exchanging: 'Wird verbunden…',
      confirming: 'Verbindung wird geprüft…',
      success: 'Neu verbunden',
      blocked: 'In diesem Tab fortfahren',
      error: 'Erneut versuchen',
    },
    connectNew: 'Neues System verbinden',
  },
  outcomes: {
    reconnected: 'Neu verbunden. Die Verbindung funktioniert wieder.',
    connected: 'Verbunden. Das neue System funktioniert.',
    already_healthy: 'Diese Verbindung funktioniert bereits; es ist nichts zu tun.',
    cancelled: 'Das Neuverbinden wurde abgebrochen.',
    popup_blocked: 'Das Anmeldefenster wurde blockiert. Fahren Sie stattdessen in diesem Tab fort.',
    timed_out: 'Die Anmeldung hat zu lange gedauert. Bitte versuchen Sie es erneut.',
    not_confirmed:
      'Angemeldet, aber die Verbindung ist noch nicht als funktionierend bestätigt. Prüfen Sie ihren Status gleich noch einmal.',
    failed:
      'Das Neuverbinden ist fehlgeschlagen. Versuchen Sie es erneut oder wenden Sie sich an den Support.',
    reference: (requestId) => `Referenz: ${requestId}`,
  },
  sync: {
    states: {
      inprogress: 'Wird synchronisiert',
      done: 'Synchronisiert',
      fulldone: 'Vollständig synchronisiert',
      error: 'Synchronisierungsfehler',
      fail: 'Synchronisierung fehlgeschlagen',
    },
    updated: (time) => `Aktualisiert ${time}`,
    reasons: {
      error: 'Die letzte Synchronisierung endete mit einem Fehler; sie wird wiederholt.',
      fail: 'Das System hat die gespeicherten Zugangsdaten abgelehnt.',
    },
    actions: {
      error: 'Erneut prüfen',
      fail: 'Neu verbinden, um die Synchronisierung fortzusetzen',
    },
  },
  list: {
    label: 'Verbindungen',
    columns: {
      system: 'System',
      status: 'Status',
      lastSync: 'Letzte Synchronisierung',
      actions: 'Aktionen',
    },
    count: (count) => plural('de', count, { one: '# Verbindung', other: '# Verbindungen' }),
    connectNew: 'Neues System verbinden',
    empty: 'Noch keine Systeme verbunden.',
    loading: 'Verbindungen werden geladen…',
    error: 'Die Verbindungen konnten nicht geladen werden.',
    retry: 'Erneut versuchen',
    disconnect: 'Trennen',
    confirmDisconnect: (name) => `${name} trennen?`,
    confirmDisconnectDetail:
      'Die Daten werden erst wieder synchronisiert, wenn das System erneut verbunden ist.',
    confirm: 'Trennen',
    cancel: 'Abbrechen',
    disconnected: (name) => `${name} wurde getrennt.`,
    disconnectFailed: (name) =>
      `${name} konnte nicht getrennt werden. Bitte versuchen Sie es erneut.`,
  },
  reconnectPage: {
    title: 'System neu verbinden',
    intro: (system) =>
      `Melden Sie sich erneut bei ${system} an, um die Verbindung wiederherzustellen.`,
    checking: 'Link wird geprüft…',
    start: 'Neu verbinden',
    refused: {
      LINK_EXPIRED: 'Dieser Link zum Neuverbinden ist abgelaufen.',
      LINK_USED: 'Dieser Link zum Neuverbinden wurde bereits verwendet.',
      LINK_INVALID: 'Dieser Link zum Neuverbinden ist ungültig.',
      LINK_WRONG_CONNECTION: 'Dieser Link zum Neuverbinden gehört zu einer anderen Verbindung.',
    },
    refusedHelp:
      'Fordern Sie einen neuen Link an, oder melden Sie sich in der App an und verbinden Sie das System dort neu.',
  },
  callback: {
    finishing: 'Verbindung wird abgeschlossen…',
    failedPopup:
      'Die Verbindung konnte nicht hergestellt werden. Schließen Sie dieses Fenster und versuchen Sie es erneut.',
    failedRedirect:
      'Die Verbindung konnte nicht hergestellt werden. Gehen Sie zurück und versuchen Sie es erneut.',
  },
};
