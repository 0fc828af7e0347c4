import type { CSSProperties } from 'react';

/**
 * A `highlights` string of a search hit: the server builds it from the record's text, HTML-escaped,
 * with matches wrapped in `<em>`. It is the only server text this app renders as HTML; record
 * fields are always rendered as text. As a second guard, any `<` that does not open or close an
 * `<em>` is escaped again here, so even a faulty response cannot add other markup.
 */
export function Highlighted({ html, style }: { html: string; style?: CSSProperties }) {
  const safe = html.replace(/<(?!\/?em>)/g, '&lt;');
  // biome-ignore lint/security/noDangerouslySetInnerHtml: server-escaped highlight with <em> only (see above).
  return <span className="kh-hl" style={style} dangerouslySetInnerHTML={{ __html: safe }} />;
}

/** How matches look inside highlights (rendered once by the search page). */
export const highlightCss = '.kh-hl em{font-style:normal;color:#cf1322}';
