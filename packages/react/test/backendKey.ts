/** Where a test host page remembers, for its tab, the back end its callback page exchanges with. */
export const BACKEND_KEY = 'makini-test:backend';
