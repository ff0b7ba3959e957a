/** The widget's UI (imported for the editor preview) brings its stylesheet as text. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
