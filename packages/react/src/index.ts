// The public API of @makini-kit/react is exported from here.
export {};
