import { apiRequest } from '../../../lib/api-client.js';
import { useApiMutation } from '../../../lib/use-api.js';
import type { Organization, SignUpOrganizationInput, UserRecord } from '../types.js';

export interface SignUpOrganizationResult {
  organization: Organization;
  user: UserRecord;
  csrfToken: string;
}

/** POST /api/auth/signup-organization: registers a pending organization and signs its first admin in. */
export function signUpOrganization(input: SignUpOrganizationInput): Promise<SignUpOrganizationResult> {
  return apiRequest<SignUpOrganizationResult>('/api/auth/signup-organization', { method: 'POST', body: input });
}

export function useSignUpOrganization() {
  return useApiMutation(signUpOrganization);
}
