import type { ComponentChildren } from 'preact';

/**
 * A table that may scroll sideways on a phone. The scrolling box is a focusable, named region so
 * keyboard users can scroll it too.
 */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
