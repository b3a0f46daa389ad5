// The frame: brand, who is signed in, sign-out, and the navigation.
import { useAuth } from '@latchkey/react-hooks';
import type { ReactNode } from 'react';
import { BASE, Link, path, useLocation } from '../router.js';

interface NavItem {
  to: string;
  label: string;
  admin?: boolean;
}

const NAV: { title: string; items: NavItem[] }[] = [
  {
    title: 'Administration',
    items: [
      { to: path('/clients'), label: 'Clients', admin: true },
      { to: path('/admin/tokens'), label: 'All tokens', admin: true },
      { to: path('/audit'), label: 'Audit log', admin: true },
    ],
  },
  {
    title: 'Your account',
    items: [
      { to: path('/tokens'), label: 'My tokens' },
      { to: path('/apps'), label: 'Authorized apps' },
    ],
  },
];

export function Shell({ children }: { children: ReactNode }) {
  const { user, logout } = useAuth();
  const { pathname } = useLocation();
  const admin = user?.role === 'admin';
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={`${BASE}/`} className="brand">
          <img src={`${BASE}/favicon.svg`} alt="" width="28" height="28" />
          <span>
            Latchkey <span className="brand-sub">Console</span>
          </span>
        </Link>
        <div className="account">
          {user ? (
            <span className="account-name">
              {user.display_name ?? user.username}
              <span className="badge">{user.role}</span>
            </span>
          ) : null}
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => void logout({ returnTo: path('/signed-out') })}
          >
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label="Main">
        {NAV.map((section) => {
          const items = section.items.filter((item) => admin || !item.admin);
          if (items.length === 0) return null;
          return (
            <div key={section.title} className="nav-section">
              <p className="nav-title">{section.title}</p>
              <ul>
                {items.map((item) => {
                  const current = pathname === item.to || pathname.startsWith(`${item.to}/`);
                  return (
                    <li key={item.to}>
                      <Link to={item.to} aria-current={current ? 'page' : undefined}>
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </nav>
      <main id="main" className="main">
        {children}
      </main>
    </div>
  );
}
