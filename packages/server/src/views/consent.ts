// The consent page: names the client and the signed-in user, lists each requested scope with
// its description, says where the user will be sent, and offers Allow, Deny and switching account.
import { csrfField, html, layout } from './html.js';

export interface ConsentView {
  clientName: string;
  clientDescription: string | null;
  username: string;
  scopes: { name: string; description: string }[];
  /** Where the answer goes (scheme and host of the redirect URI). */
  redirectOrigin: string;
  csrfToken: string;
  /** The signed pending authorization request. */
  request: string;
  /** The authorization URL, to come back to after switching account. */
  returnTo: string | undefined;
}

export function consentPage(view: ConsentView): string {
  const scopes =
    view.scopes.length > 0
      ? html`<h2>It will be able to:</h2>
          <ul class="scopes">
            ${view.scopes.map(
              (s) =>
                html`<li>
                  <span class="scope-name">${s.name}</span>
                  <span class="scope-description">${s.description}</span>
                </li>`,
            )}
          </ul>`
      : html`<p>It asks for no permissions beyond knowing who you are.</p>`;
  return layout(
    `Authorize ${view.clientName}`,
    html`<h1>Authorize ${view.clientName}</h1>
      <p>
        <strong>${view.clientName}</strong> wants to access your account
        <strong>${view.username}</strong>.
      </p>
      ${view.clientDescription ? html`<p class="muted">${view.clientDescription}</p>` : ''}
      ${scopes}
      <p class="muted">Your answer will be sent to <strong>${view.redirectOrigin}</strong>.</p>
      <form method="post" action="/oauth/authorize">
        ${csrfField(view.csrfToken)}
        <input type="hidden" name="request" value="${view.request}" />
        <div class="actions">
          <button type="submit" name="decision" value="approve" class="primary">Allow</button>
          <button type="submit" name="decision" value="deny">Deny</button>
        </div>
      </form>
      <form method="post" action="/logout" class="switch">
        ${csrfField(view.csrfToken)}
        ${
          view.returnTo
            ? html`<input type="hidden" name="return_to" value="${view.returnTo}" />`
            : ''
        }
        <p>
          Not ${view.username}? <button type="submit" class="link">Sign in as someone else</button>
        </p>
      </form>`,
  );
}
