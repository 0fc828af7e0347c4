import type { FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { paths } from '../../../app/routes.js';

/**
 * The search box of the public header: plain markup (the `kh-search` classes in index.html), as
 * the header is part of every visitor's first download; it only opens /search?q=…, where the
 * full search with suggestions is loaded. Below 576 px only its button shows (it opens /search).
 * Hidden on /search itself, which has its own box.
 */
export function HeaderSearch() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (pathname === paths.search) return null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    navigate(q ? `${paths.search}?${new URLSearchParams({ q })}` : paths.search);
  };
  return (
    <search className="kh-search">
      <form action={paths.search} method="get" onSubmit={submit}>
        <input type="search" name="q" aria-label="搜索" placeholder="搜索科技成果、技术需求、机构" maxLength={200} />
        <button type="submit">
          <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="2.2" aria-hidden="true">
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
          <span className="kh-sr">搜索</span>
        </button>
      </form>
    </search>
  );
}
