/** The survey UI as a module: the dashboard's editor preview imports `renderPreview` from here. */
export { App, type AppProps } from './app';
export { flush, mount, type PreviewOptions, renderPreview } from './mount';
