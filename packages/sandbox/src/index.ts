// The public API of @makini-kit/sandbox is exported from here.
export {};
