import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { api, ApiError, type RequestOptions } from './api';

/**
 * Who is logged in. The API key is exchanged for a 15-minute token at once and then forgotten;
 * only the token is kept, in this tab's session storage, so a reload keeps the login and
 * closing the tab ends it. A token the API refuses (expired, or the account disabled) logs out.
 */
export type Role = 'operator' | 'furnisher' | 'decider' | 'implementer' | 'inquirer' | 'subject';

export interface Account {
  id: string;
  name: string;
  role: Role;
  authorityId: string | null;
  subjectId: string | null;
  /** a subject account's own subject, its identifier in full */
  subject: { identifier: string; scheme: string; kind: string; name: string } | null;
}

interface Stored {
  token: string;
  expiresAt: string;
  account: Account;
  /** a subject's own identifier, which the API's paths take */
  identifier: string | null;
}

export interface Session {
  account: Account | null;
  identifier: string | null;
  /** the session ended by expiry (not by logging out) */
  expired: boolean;
  login(apiKey: string): Promise<Account>;
  logout(): void;
  /** an API call with the session's token; a 401 ends the session */
  call<T>(path: string, options?: RequestOptions): Promise<T>;
  token: string | null;
}

const STORAGE_KEY = 'credence.session';

function restore(): Stored | null {
  try {
    // kept until the API refuses the token: the server's clock, not this one, decides expiry
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
  } catch {
    return null;
  }
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | null>(restore);
  const [expired, setExpired] = useState(false);

  const logout = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setStored(null);
  }, []);

  const login = useCallback(async (apiKey: string) => {
    const issued = await api<{ token: string; expiresAt: string }>('/v1/tokens', {
      method: 'POST',
      token: apiKey.trim(),
    });
    const account = await api<Account>('/v1/accounts/me', { token: issued.token });
    const identifier = account.subject?.identifier ?? null;
    const next: Stored = { token: issued.token, expiresAt: issued.expiresAt, account, identifier };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setExpired(false);
    setStored(next);
    return account;
  }, []);

  const token = stored?.token ?? null;
  const call = useCallback(
    async <T,>(path: string, options: RequestOptions = {}): Promise<T> => {
      try {
        return await api<T>(path, { ...options, token });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401 && token) {
          logout();
          setExpired(true);
        }
        throw error;
      }
    },
    [token, logout],
  );

  const value = useMemo<Session>(
    () => ({
      account: stored?.account ?? null,
      identifier: stored?.identifier ?? null,
      expired,
      login,
      logout,
      call,
      token,
    }),
    [stored, expired, login, logout, call, token],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
