import type { ComponentType, Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Distribute } from '../distribute/screen';
import { lazyView } from '../lazy-view';
import type { SetupRoute } from '../route';
import { Editor } from './editor/editor';
import { useSetupT } from './i18n';
import { Install } from './install';
import { Keys } from './keys';
import { Surveys } from './surveys';
import { setupTitle } from './titles';
import { Touchpoints } from './touchpoints';
import './setup.css';

// Digest & sharing, fetched only when opened: most visits never need it.
const LazyDigest = lazyView(() => import('./digest').then((m) => m.DigestScreen));

/** One set-up screen inside the dashboard shell: its heading (focused on arrival) and its content. */
export function SetupView({
  route,
  h1,
  onChanged,
}: {
  route: SetupRoute;
  h1: Ref<HTMLHeadingElement>;
  onChanged: () => void;
}) {
  const { locale } = useSetupT();
  return (
    <div class={`setup setup-${route.view}`}>
      <div class="page-head">
        <h1 ref={h1} tabIndex={-1}>
          {setupTitle(route.view, locale)}
        </h1>
      </div>
      {route.view === 'install' && <Install />}
      {route.view === 'touchpoints' && <Touchpoints onChanged={onChanged} />}
      {route.view === 'keys' && <Keys />}
      {route.view === 'digest' && <LazyDigest />}
      {route.view === 'surveys' && <Surveys onChanged={onChanged} />}
      {route.view === 'editor' && route.id && <Editor key={route.id} id={route.id} onChanged={onChanged} />}
      {route.view === 'distribute' && route.id && <Distribute key={route.id} id={route.id} />}
      {(route.view === 'alerts' || route.view === 'webhooks' || route.view === 'audit') && <Ops view={route.view} />}
    </div>
  );
}

type OpsModule = typeof import('../ops/screens');
let opsModule: Promise<OpsModule> | undefined;

/** The operations screens (alert rules, webhooks, audit log) load on first use, so first load stays small. */
function Ops({ view }: { view: 'alerts' | 'webhooks' | 'audit' }) {
  const { t } = useSetupT();
  const [mod, setMod] = useState<OpsModule>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    opsModule ??= import('../ops/screens');
    opsModule.then(setMod, () => {
      opsModule = undefined;
      setFailed(true);
    });
  }, []);
  if (failed) return <p class="notice notice-error">{t('offline')}</p>;
  if (!mod)
    return (
      <p class="loading" role="status">
        {t('loading')}
      </p>
    );
  const Screen: ComponentType = { alerts: mod.Alerts, webhooks: mod.Webhooks, audit: mod.Audit }[view];
  return <Screen />;
}
