/** Public door of the accounts module (机构、用户、角色、会话). */
export { registerAccountRoutes } from './accounts.routes.js';
export { type AccountsDeps, followAccountChanges, organizationNames, resolveApiToken, resolveSession, systemActorByEmail } from './accounts.service.js';
export { ORGANIZATION_TYPE_LABELS, ORGANIZATION_TYPES, type OrganizationType } from './accounts.schemas.js';
export { apiTokens, organizations, userRoles, users } from './accounts.tables.js';
export { allOrganizationDocs, organizationDocsByIds, organizationFacetLabel, organizationHits } from './accounts.search.js';
export { checkCreditCode, normalizeCreditCode } from './credit-code.js';
