import type { ComponentType, Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Distribute } from '../distribute/screen';
import type { SetupRoute } from '../route';
import { Editor } from './editor/editor';
import { useSetupT } from './i18n';
import { Install } from './install';
import { Keys } from './keys';
import { Surveys } from './surveys';
import { Touchpoints } from './touchpoints';
import './setup.css';

export { setupTitle } from './i18n';

/** Digest & sharing, fetched only when opened: most visits never need it. */
function LazyDigest() {
  const [Screen, setScreen] = useState<ComponentType | null>(null);
  useEffect(() => {
    import('./digest').then((m) => setScreen(() => m.DigestScreen));
  }, []);
  return Screen ? <Screen /> : <p class="loading">…</p>;
}

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
  const { st } = useSetupT();
  return (
    <div class={`setup setup-${route.view}`}>
      <div class="page-head">
        <h1 ref={h1} tabIndex={-1}>
          {st(`view.${route.view}`)}
        </h1>
      </div>
      {route.view === 'install' && <Install />}
      {route.view === 'touchpoints' && <Touchpoints onChanged={onChanged} />}
      {route.view === 'keys' && <Keys />}
      {route.view === 'digest' && <LazyDigest />}
      {route.view === 'surveys' && <Surveys onChanged={onChanged} />}
      {route.view === 'editor' && route.id && <Editor key={route.id} id={route.id} onChanged={onChanged} />}
      {route.view === 'distribute' && route.id && <Distribute key={route.id} id={route.id} />}
    </div>
  );
}
