import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { Suggestions } from '../types.js';

/** GET /api/search/suggest?q=: titles and keywords starting with the text (pinyin initials too). */
export function getSuggestions(prefix: string, signal?: AbortSignal): Promise<Suggestions> {
  return apiRequest<Suggestions>('/api/search/suggest', { query: { q: prefix }, signal });
}

/** Suggestions for what is typed; nothing is requested for an empty text. */
export function useSuggestions(prefix: string) {
  const text = prefix.trim().slice(0, 50);
  return useApiQuery(text ? `/api/search/suggest?q=${encodeURIComponent(text)}` : null, (signal) => getSuggestions(text, signal));
}
