import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, onUnauthorized } from '../../../lib/api-client.js';
import { getSession } from '../api/get-session.js';
import type { Session } from '../types.js';

export interface SessionContextValue {
  /** Undefined until the first GET /api/auth/session answers. */
  session: Session | undefined;
  isLoading: boolean;
  error: ApiError | undefined;
  /** Reads the session again (after sign-in, sign-up, sign-out); resolves with the new one. */
  refresh: () => Promise<Session | undefined>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [isLoading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const next = await getSession();
      setSession(next);
      setError(undefined);
      return next;
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : undefined);
      return undefined;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A 401 while signed in means the session ended (expired, signed out elsewhere, account
  // disabled): read it again so the access gates send the user to sign in. A 401 while signed out
  // is just a failed sign-in and needs nothing.
  const isSignedIn = Boolean(session?.user);
  useEffect(() => {
    if (!isSignedIn) return;
    return onUnauthorized(() => void refresh());
  }, [isSignedIn, refresh]);

  const value = useMemo(() => ({ session, isLoading, error, refresh }), [session, isLoading, error, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
