/** The widget's UI (imported for the editor preview) brings its stylesheet as text. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}

/** A file emitted as it is, its URL imported (libraries loaded on first use: dashboard/src/lazy-script.ts). */
declare module '*?url&no-inline' {
  const url: string;
  export default url;
}
