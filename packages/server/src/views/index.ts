// Public surface of the server-rendered pages (login, consent, errors) and their stylesheet.
export { consentPage, type ConsentView } from './consent.js';
export { errorPage, type ErrorPage } from './error.js';
export { STYLESHEET_PATH } from './html.js';
export { loginPage, type LoginView } from './login.js';
import { STYLESHEET } from './styles.js';

/** Files served under /assets. */
export const VIEW_ASSETS = {
  'latchkey.css': { body: STYLESHEET, contentType: 'text/css; charset=utf-8' },
} as const;
