import { useCallback, useEffect, useState } from 'react';
import { call, type CallError, type Output } from './api';
import { Alert } from './components/Alert';
import { CollectScreen } from './screens/Collect';
import { FindingsScreen } from './screens/Findings';
import { HomeScreen } from './screens/Home';
import { NewAuditScreen } from './screens/NewAudit';
import { ScanScreen } from './screens/Scan';

export type Route =
  | { screen: 'home' }
  | { screen: 'new' }
  | { screen: 'scan'; scanId: string; jurisdiction: string }
  | { screen: 'collect'; collectId: string; path: string }
  | { screen: 'findings'; auditId: string };

export type Navigate = (r: Route) => void;

export function App() {
  const [route, setRoute] = useState<Route>({ screen: 'home' });
  const [info, setInfo] = useState<Output<'app.info'> | null>(null);
  const [infoError, setInfoError] = useState<CallError | null>(null);

  useEffect(() => {
    void call('app.info', {}).then((r) => (r.ok ? setInfo(r.value) : setInfoError(r.error)));
  }, []);

  const navigate: Navigate = useCallback((r) => {
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
          {route.screen === 'scan' && <ScanScreen key={route.scanId} scanId={route.scanId} jurisdiction={route.jurisdiction} navigate={navigate} />}
          {route.screen === 'collect' && <CollectScreen key={route.collectId} collectId={route.collectId} path={route.path} navigate={navigate} />}
          {route.screen === 'findings' && <FindingsScreen key={route.auditId} auditId={route.auditId} navigate={navigate} />}
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
