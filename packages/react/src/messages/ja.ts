import type { Messages } from './Messages.js';
import { plural } from './plural.js';

/** Japanese. */
export const ja: Messages = {
  locale: 'ja',
  dir: 'ltr',
  status: {
    states: {
      healthy: '接続済み',
      syncing: '同期中',
      degraded: '不安定',
      reauthorization_required: '再接続が必要です',
      disconnected: '切断済み',
      unknown: '確認中…',
    },
    lastSync: (time) => `最終同期: ${time}`,
    errorRate: (percent) => `最近の呼び出しの${percent}が失敗しました`,
    never: 'まだ同期されていません',
  },
  reconnect: {
    states: {
      idle: '再接続',
      opening: '開いています…',
      waiting: 'サインインを待っています…',
      exchanging: '再接続しています…',
      confirming: '接続を確認しています…',
      success: '再接続しました',
      blocked: 'このタブで続行',
      error: '再試行',
    },
    connectNew: '新しいシステムを接続',
  },
  outcomes: {
    reconnected: '再接続しました。接続は再び正常に動作しています。',
    connected: '接続しました。新しいシステムは正常に動作しています。',
    already_healthy: 'この接続はすでに正常です。操作は不要です。',
    cancelled: '再接続はキャンセルされました。',
    popup_blocked: 'サインイン画面がブロックされました。このタブで続行してください。',
    timed_out: 'サインインに時間がかかりすぎました。もう一度お試しください。',
    not_confirmed:
      'サインインしましたが、接続が正常に動作していることはまだ確認されていません。しばらくしてから状態を確認してください。',
    failed: '再接続に失敗しました。もう一度お試しいただくか、サポートにお問い合わせください。',
    reference: (requestId) => `参照番号: ${requestId}`,
  },
  sync: {
    states: {
      inprogress: '同期中',
      done: '同期済み',
      fulldone: '完全同期済み',
      error: '同期エラー',
      fail: '同期失敗',
    },
    updated: (time) => `更新: ${time}`,
    reasons: {
      error: '前回の同期はエラーで終了しました。自動的に再試行されます。',
      fail: 'システムが保存済みの認証情報を拒否しました。',
    },
    actions: { error: '再確認', fail: '再接続して同期を再開' },
  },
  list: {
    label: '接続',
    columns: { system: 'システム', status: 'ステータス', lastSync: '最終同期', actions: '操作' },
    // Japanese has one plural form.
    count: (count) => plural('ja', count, { other: '# 件の接続' }),
    connectNew: '新しいシステムを接続',
    empty: '接続されたシステムはまだありません。',
    loading: '接続を読み込んでいます…',
    error: '接続を読み込めませんでした。',
    retry: '再試行',
    disconnect: '切断',
    confirmDisconnect: (name) => `${name} を切断しますか？`,
    confirmDisconnectDetail: 'システムを再接続するまで、データは同期されません。',
    confirm: '切断する',
    cancel: 'キャンセル',
    disconnected: (name) => `${name} を切断しました。`,
    disconnectFailed: (name) => `${name} を切断できませんでした。もう一度お試しください。`,
  },
  reconnectPage: {
    title: 'システムを再接続',
    intro: (system) => `接続を復旧するには、${system} に再度サインインしてください。`,
    checking: 'リンクを確認しています…',
    start: '再接続',
    refused: {
      LINK_EXPIRED: 'この再接続リンクは有効期限が切れています。',
      LINK_USED: 'この再接続リンクはすでに使用されています。',
      LINK_INVALID: 'この再接続リンクは無効です。',
      LINK_WRONG_CONNECTION: 'この再接続リンクは別の接続用です。',
    },
    refusedHelp: '新しいリンクを依頼するか、アプリにサインインしてそこから再接続してください。',
  },
  callback: {
    finishing: '接続を完了しています…',
    failedPopup: '接続を完了できませんでした。このウィンドウを閉じて、もう一度お試しください。',
    failedRedirect: '接続を完了できませんでした。前の画面に戻って、もう一度お試しください。',
  },
};
