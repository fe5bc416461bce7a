import type { Messages } from './Messages.js';
import { plural } from './plural.js';

/** Spanish. */
export const es: Messages = {
  locale: 'es',
  dir: 'ltr',
  status: {
    states: {
      healthy: 'Conectado',
      syncing: 'Sincronizando',
      degraded: 'Con incidencias',
      reauthorization_required: 'Requiere reconexión',
      disconnected: 'Desconectado',
      unknown: 'Comprobando…',
    },
    lastSync: (time) => `Última sincronización ${time}`,
    errorRate: (percent) => `Falló el ${percent} de las llamadas recientes`,
    never: 'Aún sin sincronizar',
  },
  reconnect: {
    states: {
      idle: 'Reconectar',
      opening: 'Abriendo…',
      waiting: 'Esperando el inicio de sesión…',
      exchanging: 'Reconectando…',
      confirming: 'Comprobando la conexión…',
      success: 'Reconectado',
      blocked: 'Continuar en esta pestaña',
      error: 'Reintentar',
    },
    connectNew: 'Conectar un sistema nuevo',
  },
  outcomes: {
    reconnected: 'Reconectado. La conexión vuelve a funcionar.',
    connected: 'Conectado. El nuevo sistema funciona.',
    already_healthy: 'Esta conexión ya funciona; no hay nada que hacer.',
    cancelled: 'Se canceló la reconexión.',
    popup_blocked: 'Se bloqueó la ventana de inicio de sesión. Continúa en esta pestaña.',
    timed_out: 'El inicio de sesión tardó demasiado. Inténtalo de nuevo.',
    not_confirmed:
      'Has iniciado sesión, pero aún no se ha confirmado que la conexión funcione. Comprueba su estado en un momento.',
    failed: 'No se pudo reconectar. Inténtalo de nuevo o contacta con soporte.',
    reference: (requestId) => `Referencia: ${requestId}`,
  },
  sync: {
    states: {
      inprogress: 'Sincronizando',
      done: 'Sincronizado',
      fulldone: 'Sincronización completa',
      error: 'Error de sincronización',
      fail: 'Sincronización fallida',
    },
    updated: (time) => `Actualizado ${time}`,
    reasons: {
      error: 'La última sincronización terminó con un error; se volverá a intentar.',
      fail: 'El sistema rechazó las credenciales guardadas.',
    },
    actions: {
      error: 'Comprobar de nuevo',
      fail: 'Reconectar para reanudar la sincronización',
    },
  },
  list: {
    label: 'Conexiones',
    columns: {
      system: 'Sistema',
      status: 'Estado',
      lastSync: 'Última sincronización',
      actions: 'Acciones',
    },
    count: (count) =>
      plural('es', count, {
        one: '# conexión',
        many: '# de conexiones',
        other: '# conexiones',
      }),
    connectNew: 'Conectar un sistema nuevo',
    empty: 'Todavía no hay sistemas conectados.',
    loading: 'Cargando conexiones…',
    error: 'No se pudieron cargar las conexiones.',
    retry: 'Reintentar',
    disconnect: 'Desconectar',
    confirmDisconnect: (name) => `¿Desconectar ${name}?`,
    confirmDisconnectDetail:
      'Los datos dejan de sincronizarse hasta que se vuelva a conectar el sistema.',
    confirm: 'Desconectar',
    cancel: 'Cancelar',
    disconnected: (name) => `Se desconectó ${name}.`,
    disconnectFailed: (name) => `No se pudo desconectar ${name}. Inténtalo de nuevo.`,
  },
  reconnectPage: {
    title: 'Reconecta tu sistema',
    intro: (system) => `Vuelve a iniciar sesión en ${system} para restablecer la conexión.`,
    checking: 'Comprobando el enlace…',
    start: 'Reconectar',
    refused: {
      LINK_EXPIRED: 'Este enlace de reconexión ha caducado.',
      LINK_USED: 'Este enlace de reconexión ya se ha usado.',
      LINK_INVALID: 'Este enlace de reconexión no es válido.',
      LINK_WRONG_CONNECTION: 'Este enlace de reconexión corresponde a otra conexión.',
    },
    refusedHelp:
      'Solicita un enlace nuevo o inicia sesión en la aplicación para reconectar desde allí.',
  },
  callback: {
    finishing: 'Completando la conexión…',
    failedPopup: 'No se pudo completar la conexión. Cierra esta ventana e inténtalo de nuevo.',
    failedRedirect: 'No se pudo completar la conexión. Vuelve atrás e inténtalo de nuevo.',
  },
};
