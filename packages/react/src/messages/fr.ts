import type { Messages } from './Messages.js';
import { plural } from './plural.js';

// French typography puts a narrow no-break space (U+202F) before ; : ? and !.

/** French. */
export const fr: Messages = {
  locale: 'fr',
  dir: 'ltr',
  status: {
    states: {
      healthy: 'Connecté',
      syncing: 'Synchronisation',
      degraded: 'Dégradé',
      reauthorization_required: 'Reconnexion requise',
      disconnected: 'Déconnecté',
      unknown: 'Vérification…',
    },
    lastSync: (time) => `Dernière synchronisation ${time}`,
    errorRate: (percent) => `${percent} des appels récents ont échoué`,
    never: 'Pas encore synchronisé',
  },
  reconnect: {
    states: {
      idle: 'Reconnecter',
      opening: 'Ouverture…',
      waiting: 'En attente de l’authentification…',
      exchanging: 'Reconnexion…',
      confirming: 'Vérification de la connexion…',
      success: 'Reconnecté',
      blocked: 'Continuer dans cet onglet',
      error: 'Réessayer',
    },
    connectNew: 'Connecter un nouveau système',
  },
  outcomes: {
    reconnected: 'Reconnecté. La connexion fonctionne de nouveau.',
    connected: 'Connecté. Le nouveau système fonctionne.',
    already_healthy: 'Cette connexion fonctionne déjà\u202f; rien à faire.',
    cancelled: 'La reconnexion a été annulée.',
    popup_blocked: 'La fenêtre d’authentification a été bloquée. Continuez plutôt dans cet onglet.',
    timed_out: 'L’authentification a pris trop de temps. Réessayez.',
    not_confirmed:
      'Authentification réussie, mais le fonctionnement de la connexion n’est pas encore confirmé. Vérifiez son état dans un instant.',
    failed: 'La reconnexion a échoué. Réessayez ou contactez le support.',
    reference: (requestId) => `Référence\u202f: ${requestId}`,
  },
  sync: {
    states: {
      inprogress: 'Synchronisation en cours',
      done: 'Synchronisé',
      fulldone: 'Entièrement synchronisé',
      error: 'Erreur de synchronisation',
      fail: 'Échec de la synchronisation',
    },
    updated: (time) => `Mis à jour ${time}`,
    reasons: {
      error: 'La dernière synchronisation s’est terminée par une erreur\u202f; elle sera relancée.',
      fail: 'Le système a refusé les identifiants enregistrés.',
    },
    actions: {
      error: 'Vérifier à nouveau',
      fail: 'Reconnecter pour reprendre la synchronisation',
    },
  },
  list: {
    label: 'Connexions',
    columns: {
      system: 'Système',
      status: 'État',
      lastSync: 'Dernière synchronisation',
      actions: 'Actions',
    },
    count: (count) =>
      plural('fr', count, {
        one: '# connexion',
        many: '# de connexions',
        other: '# connexions',
      }),
    connectNew: 'Connecter un nouveau système',
    empty: 'Aucun système connecté pour l’instant.',
    loading: 'Chargement des connexions…',
    error: 'Impossible de charger les connexions.',
    retry: 'Réessayer',
    disconnect: 'Déconnecter',
    confirmDisconnect: (name) => `Déconnecter ${name}\u202f?`,
    confirmDisconnectDetail:
      'Les données ne sont plus synchronisées tant que le système n’est pas reconnecté.',
    confirm: 'Déconnecter',
    cancel: 'Annuler',
    disconnected: (name) => `${name} a été déconnecté.`,
    disconnectFailed: (name) => `Impossible de déconnecter ${name}. Réessayez.`,
  },
  reconnectPage: {
    title: 'Reconnectez votre système',
    intro: (system) => `Reconnectez-vous à ${system} pour rétablir la connexion.`,
    checking: 'Vérification du lien…',
    start: 'Reconnecter',
    refused: {
      LINK_EXPIRED: 'Ce lien de reconnexion a expiré.',
      LINK_USED: 'Ce lien de reconnexion a déjà été utilisé.',
      LINK_INVALID: 'Ce lien de reconnexion n’est pas valide.',
      LINK_WRONG_CONNECTION: 'Ce lien de reconnexion concerne une autre connexion.',
    },
    refusedHelp:
      'Demandez un nouveau lien, ou connectez-vous à l’application pour reconnecter le système depuis celle-ci.',
  },
  callback: {
    finishing: 'Finalisation de la connexion…',
    failedPopup: 'La connexion n’a pas pu être établie. Fermez cette fenêtre et réessayez.',
    failedRedirect: 'La connexion n’a pas pu être établie. Revenez en arrière et réessayez.',
  },
};
