import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { SignInInput, UserRecord } from '../types.js';

export interface SignInResult {
  user: UserRecord;
  csrfToken: string;
}

/** POST /api/auth/signin (`login` is a mobile number or an email address); sets the session cookies. */
export function signIn(input: SignInInput): Promise<SignInResult> {
  return apiRequest<SignInResult>('/api/auth/signin', { method: 'POST', body: input });
}

export function useSignIn() {
  return useApiMutation(signIn);
}
