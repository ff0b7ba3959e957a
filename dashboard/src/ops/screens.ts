/** The operations screens, one lazily loaded chunk (dashboard/src/setup/view.tsx imports it on first use). */
import './ops.css';

export { Alerts } from './alerts';
export { Audit } from './audit';
export { Webhooks } from './webhooks';
