import type { Messages } from './Messages.js';
import { plural } from './plural.js';

/** Arabic, written right to left. */
export const ar: Messages = {
  locale: 'ar',
  dir: 'rtl',
  status: {
    states: {
      healthy: 'متصل',
      syncing: 'جارٍ المزامنة',
      degraded: 'أداء منخفض',
      reauthorization_required: 'يلزم إعادة الاتصال',
      disconnected: 'غير متصل',
      unknown: 'جارٍ التحقق…',
    },
    lastSync: (time) => `آخر مزامنة ${time}`,
    errorRate: (percent) => `فشل ${percent} من الطلبات الأخيرة`,
    never: 'لم تتم المزامنة بعد',
  },
  reconnect: {
    states: {
      idle: 'إعادة الاتصال',
      opening: 'جارٍ الفتح…',
      waiting: 'بانتظار تسجيل الدخول…',
      exchanging: 'جارٍ إعادة الاتصال…',
      confirming: 'جارٍ التحقق من الاتصال…',
      success: 'تمت إعادة الاتصال',
      blocked: 'المتابعة في علامة التبويب هذه',
      error: 'إعادة المحاولة',
    },
    connectNew: 'ربط نظام جديد',
  },
  outcomes: {
    reconnected: 'تمت إعادة الاتصال. الاتصال يعمل مجددًا.',
    connected: 'تم الاتصال. النظام الجديد يعمل.',
    already_healthy: 'هذا الاتصال يعمل بالفعل؛ لا حاجة إلى أي إجراء.',
    cancelled: 'تم إلغاء إعادة الاتصال.',
    popup_blocked: 'تم حظر نافذة تسجيل الدخول. تابع في علامة التبويب هذه بدلًا من ذلك.',
    timed_out: 'استغرق تسجيل الدخول وقتًا طويلًا. حاول مرة أخرى.',
    not_confirmed:
      'تم تسجيل الدخول، لكن لم يتم التأكد بعد من أن الاتصال يعمل. تحقق من حالته بعد قليل.',
    failed: 'تعذّرت إعادة الاتصال. حاول مرة أخرى أو تواصل مع الدعم.',
    reference: (requestId) => `المرجع: ${requestId}`,
  },
  sync: {
    states: {
      inprogress: 'جارٍ المزامنة',
      done: 'تمت المزامنة',
      fulldone: 'تمت المزامنة الكاملة',
      error: 'خطأ في المزامنة',
      fail: 'فشلت المزامنة',
    },
    updated: (time) => `آخر تحديث ${time}`,
    reasons: {
      error: 'انتهت آخر مزامنة بخطأ؛ ستتم إعادة المحاولة.',
      fail: 'رفض النظام بيانات الاعتماد المحفوظة.',
    },
    actions: { error: 'التحقق مجددًا', fail: 'أعد الاتصال لاستئناف المزامنة' },
  },
  list: {
    label: 'الاتصالات',
    columns: { system: 'النظام', status: 'الحالة', lastSync: 'آخر مزامنة', actions: 'الإجراءات' },
    // Arabic has six plural forms: 0, 1, 2, 3–10, 11–99 and the rest (100, 101, 1000…).
    count: (count) =>
      plural('ar', count, {
        zero: 'لا توجد اتصالات',
        one: 'اتصال واحد',
        two: 'اتصالان',
        few: '# اتصالات',
        many: '# اتصالًا',
        other: '# اتصال',
      }),
    connectNew: 'ربط نظام جديد',
    empty: 'لا توجد أنظمة متصلة بعد.',
    loading: 'جارٍ تحميل الاتصالات…',
    error: 'تعذّر تحميل الاتصالات.',
    retry: 'إعادة المحاولة',
    disconnect: 'قطع الاتصال',
    confirmDisconnect: (name) => `قطع الاتصال بـ ${name}؟`,
    confirmDisconnectDetail: 'تتوقف مزامنة البيانات إلى أن يُعاد ربط النظام.',
    confirm: 'قطع الاتصال',
    cancel: 'إلغاء',
    disconnected: (name) => `تم قطع الاتصال بـ ${name}.`,
    disconnectFailed: (name) => `تعذّر قطع الاتصال بـ ${name}. حاول مرة أخرى.`,
  },
  reconnectPage: {
    title: 'أعد ربط نظامك',
    intro: (system) => `سجّل الدخول إلى ${system} مجددًا لاستعادة الاتصال.`,
    checking: 'جارٍ التحقق من الرابط…',
    start: 'إعادة الاتصال',
    refused: {
      LINK_EXPIRED: 'انتهت صلاحية رابط إعادة الاتصال هذا.',
      LINK_USED: 'سبق استخدام رابط إعادة الاتصال هذا.',
      LINK_INVALID: 'رابط إعادة الاتصال هذا غير صالح.',
      LINK_WRONG_CONNECTION: 'رابط إعادة الاتصال هذا مخصّص لاتصال آخر.',
    },
    refusedHelp: 'اطلب رابطًا جديدًا، أو سجّل الدخول إلى التطبيق لإعادة الاتصال من هناك.',
  },
  callback: {
    finishing: 'جارٍ إكمال الاتصال…',
    failedPopup: 'تعذّر إكمال الاتصال. أغلق هذه النافذة وحاول مرة أخرى.',
    failedRedirect: 'تعذّر إكمال الاتصال. ارجع وحاول مرة أخرى.',
  },
};
