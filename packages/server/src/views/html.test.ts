import { describe, expect, it } from 'vitest';
import { consentPage } from './consent.js';
import { html } from './html.js';
import { loginPage } from './login.js';

describe('html', () => {
  it('escapes every interpolated value', () => {
    const evil = `"><script>alert('x')</script>&`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
  });

  it('renders pages with no inline script or style and a CSRF field on every form', () => {
    const pages = [
      loginPage({ csrfToken: 't<1>', returnTo: '/oauth/authorize?a="b"', error: '<b>x</b>' }),
      consentPage({
        clientName: '<Evil>',
        clientDescription: null,
        username: 'ada',
        scopes: [{ name: 'profile', description: 'Read <your> profile' }],
        redirectOrigin: 'https://app.example',
        csrfToken: 't',
        request: 'r',
        returnTo: '/oauth/authorize?x=1',
      }),
    ];
    for (const page of pages) {
      expect(page).not.toMatch(/<script|style=|<style/i);
      expect(page).not.toContain('<Evil>');
      expect(page).not.toContain('<b>x</b>');
      expect(page.match(/<form/g)?.length).toBe(page.match(/name="csrf_token"/g)?.length);
    }
  });
});
