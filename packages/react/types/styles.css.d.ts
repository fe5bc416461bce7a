// `import '@makini-kit/react/styles.css'` is a side-effect import: TypeScript 6 requires a
// declaration for it, and a project without a bundler's `*.css` types has none of its own.
export {};
