// The error page: shown instead of redirecting when the client or redirect URI cannot be
// trusted (RFC 6749 §4.1.2.1), and for expired or forged form posts.
import { html, layout } from './html.js';

export interface ErrorPage {
  title: string;
  message: string;
}

export function errorPage({ title, message }: ErrorPage): string {
  return layout(
    title,
    html`<h1>${title}</h1>
      <p role="alert">${message}</p>
      <p class="muted">You can close this page and start again from the application.</p>`,
  );
}
