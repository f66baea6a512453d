import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A page other than the map: focus moves to its heading so a screen reader hears where it is. */
export function PageFrame({ children, testId }: { children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const heading = ref.current?.querySelector<HTMLElement>('h1, h2');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
  }, []);
  return (
    <div className="console__page" ref={ref} data-testid={testId}>
      {children}
    </div>
  );
}

export function NotPermittedPage() {
  const { t } = useTranslation();
  return (
    <PageFrame testId="page-not-permitted">
      <h2 tabIndex={-1}>{t('nav.notPermitted')}</h2>
      <Link to="/">{t('nav.backToConsole')}</Link>
    </PageFrame>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <PageFrame testId="page-not-found">
      <h2 tabIndex={-1}>{t('nav.notFound')}</h2>
      <Link to="/">{t('nav.backToConsole')}</Link>
    </PageFrame>
  );
}
