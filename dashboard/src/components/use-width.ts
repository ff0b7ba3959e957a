import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** The element's content width, kept current with a ResizeObserver (charts draw at real size). */
export function useWidth(ref: RefObject<HTMLElement>, fallback = 600): number {
  const [w, setW] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setW(el.clientWidth || fallback);
    const ro = new ResizeObserver((entries) => {
      const cw = entries[0]?.contentRect.width;
      if (cw) setW(Math.round(cw));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fallback]);
  return w;
}
