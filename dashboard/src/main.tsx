import { render } from 'preact';
import './styles.css';
import { App } from './app';
import { initialLocale, loadLocale } from './i18n';
import './print.css';

// A saved Persian or Arabic choice: its dictionary (a chunk of its own) comes before the first render.
// Should it fail to load, the dashboard renders anyway, in English, rather than not at all.
const start = () => render(<App />, document.getElementById('app')!);
loadLocale(initialLocale()).then(start, start);
