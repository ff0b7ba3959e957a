// Vite's `?raw` imports (the labelled sentiment sets are read as text in tests and the bench).
declare module '*?raw' {
  const text: string;
  export default text;
}
