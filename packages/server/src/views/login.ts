// The sign-in page: a plain form that works without JavaScript, labelled fields, the error
// announced to screen readers and tied to the fields it concerns.
import { csrfField, html, layout } from './html.js';

export interface LoginView {
  csrfToken: string;
  returnTo: string | undefined;
  /** The application the user is signing in to, when known. */
  clientName?: string | undefined;
  username?: string | undefined;
  error?: string | undefined;
}

export function loginPage(view: LoginView): string {
  const invalid = view.error ? html` aria-invalid="true" aria-describedby="login-error"` : '';
  const focusPassword = !!view.username;
  return layout(
    'Sign in',
    html`<h1>Sign in</h1>
      ${view.clientName ? html`<p>to continue to <strong>${view.clientName}</strong></p>` : ''}
      ${view.error ? html`<p class="error" role="alert" id="login-error">${view.error}</p>` : ''}
      <form method="post" action="/login">
        ${csrfField(view.csrfToken)}
        ${
          view.returnTo
            ? html`<input type="hidden" name="return_to" value="${view.returnTo}" />`
            : ''
        }
        <div class="field">
          <label for="username">Username</label>
          <input
            id="username"
            name="username"
            type="text"
            required
            maxlength="64"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            value="${view.username ?? ''}"
            ${focusPassword ? '' : html` autofocus`}${invalid}
          />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            required
            maxlength="256"
            autocomplete="current-password"
            ${focusPassword ? html` autofocus` : ''}${invalid}
          />
        </div>
        <button type="submit" class="primary">Sign in</button>
      </form>`,
  );
}
