/**
 * The query string as it is now. A handler that builds the next URL from the params of its own
 * render can run before React re-rendered after the previous change (a filter clicked right after
 * pressing Enter), and would silently drop that change; the location itself is always current.
 */
export function latestSearchParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}
