// Entry: find the server's issuer, make sure the console runs on the issuer's own origin (its
// registered redirect URI is `<issuer>/console/callback`), then render.
import { LatchkeyProvider, createAuthClient } from '@latchkey/react-hooks';
import { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { BASE } from './router.js';
import './styles.css';

/** The console's client, registered by the server's bootstrap (public, PKCE, first party). */
const CLIENT_ID = 'latchkey-console';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  let issuer: string;
  try {
    const response = await fetch('/.well-known/oauth-authorization-server', {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    issuer = ((await response.json()) as { issuer: string }).issuer.replace(/\/+$/, '');
  } catch {
    root.render(<StartupError />);
    return;
  }
  if (new URL(issuer).origin !== window.location.origin) {
    // e.g. opened as 127.0.0.1 while the issuer says localhost: sign-in only works there.
    const { pathname, search, hash } = window.location;
    window.location.replace(`${new URL(issuer).origin}${pathname}${search}${hash}`);
    return;
  }

  const authClient = createAuthClient({
    issuer,
    clientId: CLIENT_ID,
    redirectUri: `${issuer}${BASE}/callback`,
    defaultReturnTo: `${BASE}/`,
  });
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: true,
        // A 4xx will not get better by asking again.
        retry: (count, error) =>
          count < 2 && !(typeof error === 'object' && error !== null && 'status' in error),
      },
    },
  });
  root.render(
    <StrictMode>
      <LatchkeyProvider client={authClient} queryClient={queryClient}>
        <App />
      </LatchkeyProvider>
    </StrictMode>,
  );
}

function StartupError() {
  return (
    <main className="center-page">
      <div className="card narrow" role="alert">
        <h1>Latchkey is not reachable</h1>
        <p>
          The console could not read the server's metadata. Check that the server is running, then
          reload.
        </p>
      </div>
    </main>
  );
}

void start();
