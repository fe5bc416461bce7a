// The public API of @makini-kit/webhook-node is exported from here.
export {};
