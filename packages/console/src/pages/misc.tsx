// Small pages: signed out, not found.
import { useAuth } from '@latchkey/react-hooks';
import { useEffect } from 'react';
import { Page } from '../components/page.js';
import { BASE, Link, path } from '../router.js';

export function SignedOutPage() {
  const { login } = useAuth();
  useEffect(() => {
    document.title = 'Signed out · Latchkey Console';
  }, []);
  return (
    <main className="center-page">
      <div className="card narrow">
        <h1>You have signed out</h1>
        <p>Your session in the console has ended and its tokens were revoked.</p>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void login({ returnTo: `${BASE}/` })}
        >
          Sign in again
        </button>
      </div>
    </main>
  );
}

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        There is nothing here. <Link to={path('/')}>Go to the start page.</Link>
      </p>
    </Page>
  );
}
