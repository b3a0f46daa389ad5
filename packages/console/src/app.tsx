// Routes and the frame around them. Every page but the callback and "signed out" needs a
// signed-in user; administration pages need an administrator.
import { LoginCallback, RequireAuth, describeAuthError, useAuth } from '@latchkey/react-hooks';
import { useEffect, type ReactNode } from 'react';
import { Loading } from './components/page.js';
import { Shell } from './components/shell.js';
import { AllTokensPage } from './pages/all-tokens.js';
import { AuditPage } from './pages/audit.js';
import { AuthorizationsPage } from './pages/authorizations.js';
import { ClientDetailPage } from './pages/client-detail.js';
import { ClientCreatePage, ClientEditPage } from './pages/client-edit.js';
import { ClientsPage } from './pages/clients.js';
import { MyTokensPage } from './pages/my-tokens.js';
import { NotFoundPage, SignedOutPage } from './pages/misc.js';
import { BASE, match, navigate, path, useLocation } from './router.js';

export function App() {
  const { pathname } = useLocation();
  if (match(`${BASE}/callback`, pathname)) {
    return (
      <CenterPage>
        <LoginCallback
          loading={<Loading label="Signing you in…" />}
          renderError={(error, retry) => <SignInProblem error={error} onSignIn={retry} />}
        />
      </CenterPage>
    );
  }
  if (match(`${BASE}/signed-out`, pathname)) return <SignedOutPage />;
  return (
    <RequireAuth
      fallback={
        <CenterPage>
          <Loading label="Checking your session…" />
        </CenterPage>
      }
      renderError={(error, login) => (
        <CenterPage>
          <SignInProblem error={error} onSignIn={login} />
        </CenterPage>
      )}
    >
      <Shell>
        <Routes pathname={pathname} />
      </Shell>
    </RequireAuth>
  );
}

function Routes({ pathname }: { pathname: string }) {
  const { user } = useAuth();
  const admin = user?.role === 'admin';
  const adminOnly = (page: ReactNode) => (admin ? page : <AdminsOnly />);
  let params: Record<string, string> | null;

  if (match(BASE, pathname)) return <Redirect to={path(admin ? '/clients' : '/tokens')} />;
  if (match(`${BASE}/clients`, pathname)) return adminOnly(<ClientsPage />);
  if (match(`${BASE}/clients/new`, pathname)) return adminOnly(<ClientCreatePage />);
  if ((params = match(`${BASE}/clients/:id/edit`, pathname))) {
    return adminOnly(<ClientEditPage key={params.id} clientId={params.id!} />);
  }
  if ((params = match(`${BASE}/clients/:id`, pathname))) {
    return adminOnly(<ClientDetailPage key={params.id} clientId={params.id!} />);
  }
  if (match(`${BASE}/tokens`, pathname)) return <MyTokensPage />;
  if (match(`${BASE}/apps`, pathname)) return <AuthorizationsPage />;
  if (match(`${BASE}/admin/tokens`, pathname)) return adminOnly(<AllTokensPage />);
  if (match(`${BASE}/audit`, pathname)) return adminOnly(<AuditPage />);
  return <NotFoundPage />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function AdminsOnly() {
  return (
    <div className="card narrow">
      <h1>Administrators only</h1>
      <p>This page is for administrators. Ask one if you need access.</p>
    </div>
  );
}

function CenterPage({ children }: { children: ReactNode }) {
  return <main className="center-page">{children}</main>;
}

function SignInProblem({ error, onSignIn }: { error: Error; onSignIn: () => void }) {
  return (
    <div className="card narrow" role="alert">
      <h1>Sign-in did not work</h1>
      <p>{describeAuthError(error)}</p>
      <button type="button" className="btn btn-primary" onClick={onSignIn}>
        Sign in again
      </button>
    </div>
  );
}
