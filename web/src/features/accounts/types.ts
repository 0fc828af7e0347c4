import type { z } from 'zod';
import type {
  ChangePasswordSchema,
  CreateTokenSchema,
  OrganizationListQuerySchema,
  OrganizationOutSchema,
  SessionOutSchema,
  SetRolesSchema,
  SetUserStatusSchema,
  SigninSchema,
  SignupOrganizationSchema,
  TokenOutSchema,
  UserListQuerySchema,
  UserOutSchema,
} from '../../../../src/modules/accounts/accounts.schemas.js';

// Types come from the server's zod schemas (type-only imports: nothing of the server is bundled),
// so a change to the API contract breaks `tsc` here instead of the page at run time.

export type Session = z.infer<typeof SessionOutSchema>;
export type SessionUser = NonNullable<Session['user']>;
export type SessionCan = Session['can'];
/** Permission flags the session grants; route access flags in app/routes.tsx name these keys. */
export type CanFlag = keyof SessionCan;
export type RoleGrant = SessionUser['roles'][number];

export type Organization = z.infer<typeof OrganizationOutSchema>;
export type UserRecord = z.infer<typeof UserOutSchema>;
export type UserStatus = UserRecord['status'];
export type ApiToken = z.infer<typeof TokenOutSchema>;

export type SignInInput = z.input<typeof SigninSchema>;
export type SignUpOrganizationInput = z.input<typeof SignupOrganizationSchema>;
export type ChangePasswordInput = z.input<typeof ChangePasswordSchema>;
export type CreateApiTokenInput = z.input<typeof CreateTokenSchema>;
export type TokenScope = CreateApiTokenInput['scopes'][number];
export type RoleAssignmentInput = z.input<typeof SetRolesSchema>['roles'][number];
export type SetUserStatusInput = z.input<typeof SetUserStatusSchema>;

/** Paging as the client sends it (the server schema coerces strings, so its input type is unknown). */
interface PageParams {
  page?: number;
  pageSize?: number;
}
export type ListOrganizationsQuery = Omit<z.input<typeof OrganizationListQuerySchema>, 'page' | 'pageSize'> & PageParams;
export type ListUsersQuery = Omit<z.input<typeof UserListQuerySchema>, 'page' | 'pageSize'> & PageParams;
