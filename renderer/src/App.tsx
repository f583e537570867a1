import { useCallback, useEffect, useState } from 'react';
import { call, type CallError, type Output } from './api';
import { Alert } from './components/Alert';
import { AuditTrailScreen } from './screens/AuditTrail';
import { BoardScreen } from './screens/Board';
import { CollectScreen } from './screens/Collect';
import { FindingsScreen } from './screens/Findings';
import { HomeScreen } from './screens/Home';
import { NewAuditScreen } from './screens/NewAudit';
import { ScanScreen } from './screens/Scan';
import { WorkFindingScreen } from './screens/WorkFinding';

export type Route =
  | { screen: 'home' }
  | { screen: 'new' }
  /** local: the scan reads folders on this computer, and the screen speaks of files rather than evidence. */
  | { screen: 'scan'; scanId: string; jurisdiction: string; local: boolean }
  | { screen: 'collect'; collectId: string; path: string }
  | { screen: 'findings'; auditId: string }
  | { screen: 'board'; auditId: string }
  | { screen: 'work'; auditId: string; seq: number }
  | { screen: 'log'; auditId: string };

export type Navigate = (r: Route) => void;

/**
 * The screen of an audit is kept for this window, so reloading the page returns to it. A scan
 * or a collection is not: its events went to the page that was reloaded.
 */
const ROUTE_KEY = 'canvass.route';
const KEPT: ReadonlySet<Route['screen']> = new Set(['findings', 'board', 'work', 'log']);

function keptRoute(): Route {
  try {
    const r = JSON.parse(sessionStorage.getItem(ROUTE_KEY) ?? 'null') as Route | null;
    if (r && KEPT.has(r.screen) && 'auditId' in r && typeof r.auditId === 'string' && (r.screen !== 'work' || Number.isInteger(r.seq))) return r;
  } catch {
    // Nothing kept, or not readable: start at home.
  }
  return { screen: 'home' };
}

function keepRoute(r: Route): void {
  try {
    if (KEPT.has(r.screen)) sessionStorage.setItem(ROUTE_KEY, JSON.stringify(r));
    else sessionStorage.removeItem(ROUTE_KEY);
  } catch {
    // Only a reload loses its place.
  }
}

export function App() {
  const [route, setRoute] = useState<Route>(keptRoute);
  const [info, setInfo] = useState<Output<'app.info'> | null>(null);
  const [infoError, setInfoError] = useState<CallError | null>(null);

  useEffect(() => {
    void call('app.info', {}).then((r) => (r.ok ? setInfo(r.value) : setInfoError(r.error)));
  }, []);

  const navigate: Navigate = useCallback((r) => {
    keepRoute(r);
    setRoute(r);
    window.scrollTo(0, 0);
  }, []);

  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        Skip to main content
      </a>
      <header className="cv-header">
        <div className="grid-container-widescreen cv-header__inner">
          <button type="button" className="cv-brand" onClick={() => navigate({ screen: 'home' })} aria-label="Canvass: go to your audits">
            <span className="cv-brand__mark" aria-hidden="true">
              C
            </span>
            <span className="cv-brand__name">Canvass</span>
          </button>
          <p className="cv-header__tagline">Election data exposure audit</p>
          <p className="cv-header__offline">
            Runs on this computer. Your audits stay on this computer.
          </p>
        </div>
      </header>
      <main id="main-content" className="cv-main" tabIndex={-1}>
        <div className="grid-container-widescreen">
          {route.screen === 'home' && <HomeScreen navigate={navigate} />}
          {route.screen === 'new' && <NewAuditScreen navigate={navigate} />}
          {route.screen === 'scan' && <ScanScreen key={route.scanId} scanId={route.scanId} jurisdiction={route.jurisdiction} local={route.local} navigate={navigate} />}
          {route.screen === 'collect' && <CollectScreen key={route.collectId} collectId={route.collectId} path={route.path} navigate={navigate} />}
          {route.screen === 'findings' && <FindingsScreen key={route.auditId} auditId={route.auditId} navigate={navigate} />}
          {route.screen === 'board' && <BoardScreen key={route.auditId} auditId={route.auditId} navigate={navigate} />}
          {route.screen === 'work' && <WorkFindingScreen key={`${route.auditId}/${route.seq}`} auditId={route.auditId} seq={route.seq} navigate={navigate} />}
          {route.screen === 'log' && <AuditTrailScreen key={route.auditId} auditId={route.auditId} navigate={navigate} />}
        </div>
      </main>
      <footer className="cv-footer">
        <div className="grid-container-widescreen">
          {info ? (
            <p>
              Canvass {info.version} · checks {info.checksVersion} · audits are kept on this computer in{' '}
              <span className="cv-path">{info.dataDir}</span>
            </p>
          ) : infoError ? (
            <Alert type="warning" slim live={false}>
              <p>Canvass could not say which version this is: {infoError.message}</p>
            </Alert>
          ) : (
            <p>Canvass</p>
          )}
        </div>
      </footer>
    </>
  );
}
