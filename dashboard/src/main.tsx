import { render } from 'preact';
import './styles.css';
import { App } from './app';
import './print.css';

render(<App />, document.getElementById('app')!);
