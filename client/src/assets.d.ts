// Text files bundled into the extension by esbuild's `text` loader (scripts/build.mjs).
declare module '*.yaml' {
  const text: string;
  export default text;
}
