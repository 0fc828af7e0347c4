/**
 * Who may do what with a technology contract: small pure functions over the caller and the record
 * (with the organizations that are its parties). Rows are scoped in SQL by {@link contractScopeOf}.
 */
import { type Actor, govRegions, hasRole } from '../../platform/auth.js';
import { isWithinRegion } from '../regions/index.js';
import { OPEN_CONTRACT_STATUSES, type ContractStatus } from './contract-codes.js';

export interface ContractLike {
  status: string;
  regionCode: string;
  submittedByOrganizationId: string;
  /** Platform organizations among the parties. */
  partyOrganizationIds: string[];
}

/** operator: all; gov_admin: its regions; members: contracts their organization is a party to. */
export type ContractScope = { all: true } | { all: false; organizationId: string | null; regionScopes: string[] };

const isMember = (a: Actor | null) => hasRole(a, 'org_admin') || hasRole(a, 'org_member');

export function contractScopeOf(actor: Actor | null): ContractScope {
  if (hasRole(actor, 'operator')) return { all: true };
  return { all: false, organizationId: actor && isMember(actor) ? actor.organizationId : null, regionScopes: govRegions(actor) };
}

/** A member (org_admin, org_member) of a verified organization: who may submit. */
export function isVerifiedMember(actor: Actor | null): boolean {
  return Boolean(actor?.organizationId && actor.organizationStatus === 'verified' && isMember(actor));
}

/** A member of an organization that is a party to the contract. */
export function isPartyMember(actor: Actor | null, c: Pick<ContractLike, 'partyOrganizationIds'>): boolean {
  return Boolean(actor?.organizationId && isMember(actor) && c.partyOrganizationIds.includes(actor.organizationId));
}

/** A member of the organization that submitted it. */
export function isSubmitterMember(actor: Actor | null, c: Pick<ContractLike, 'submittedByOrganizationId'>): boolean {
  return Boolean(actor?.organizationId && isMember(actor) && actor.organizationId === c.submittedByOrganizationId);
}

/** 登记机构: the operator, or a gov_admin whose region contains the registration region (the seller's). */
export function isRegistrar(actor: Actor | null, c: Pick<ContractLike, 'regionCode'>): boolean {
  return hasRole(actor, 'operator') || govRegions(actor).some((s) => isWithinRegion(c.regionCode, s));
}

export const isOpen = (c: Pick<ContractLike, 'status'>) => OPEN_CONTRACT_STATUSES.includes(c.status as ContractStatus);

export function canAccept(actor: Actor | null, c: ContractLike): boolean {
  return isRegistrar(actor, c) && c.status === 'submitted';
}

export function canRegister(actor: Actor | null, c: ContractLike): boolean {
  return isRegistrar(actor, c) && c.status === 'accepted';
}

/** Refusal (未予登记) at acceptance or after review. */
export function canRefuse(actor: Actor | null, c: ContractLike): boolean {
  return isRegistrar(actor, c) && isOpen(c);
}

export function canWithdraw(actor: Actor | null, c: ContractLike): boolean {
  return isSubmitterMember(actor, c) && isOpen(c);
}

/** Payments are recorded by the parties, before or after registration, never on a closed-off one. */
export function canRecordPayment(actor: Actor | null, c: ContractLike): boolean {
  return isPartyMember(actor, c) && (isOpen(c) || c.status === 'registered');
}

/** The certificate: parties, the registrar (region) and the operator, once registered. */
export function canDownloadCertificate(actor: Actor | null, c: ContractLike): boolean {
  return c.status === 'registered' && (isPartyMember(actor, c) || isRegistrar(actor, c));
}

/** The actions the caller may take, for the UI. */
export function contractActions(actor: Actor | null, c: ContractLike): string[] {
  const a: string[] = [];
  if (canAccept(actor, c)) a.push('accept');
  if (canRegister(actor, c)) a.push('register');
  if (canRefuse(actor, c)) a.push('refuse');
  if (canWithdraw(actor, c)) a.push('withdraw');
  if (canRecordPayment(actor, c)) a.push('recordPayment');
  if (canDownloadCertificate(actor, c)) a.push('certificate');
  return a;
}
