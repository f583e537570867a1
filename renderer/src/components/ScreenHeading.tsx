import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The one <h1> of a screen. It takes focus when it appears, so keyboard and screen-reader
 * users start at the top of the new screen; document.title follows it.
 */
export function ScreenHeading({ children, title, className }: { children: ReactNode; title: string; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Canvass`;
    ref.current?.focus({ preventScroll: false });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className={['cv-screen-heading', className ?? ''].join(' ').trim()}>
      {children}
    </h1>
  );
}
