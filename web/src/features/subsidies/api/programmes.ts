import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { CreateProgrammeBody, NewVersionBody, ProgrammeDetail, ProgrammeOut } from '../types.js';

/** GET /api/subsidies/programmes: 补助项目 in force (public). */
export function useActiveProgrammes() {
  return useApiQuery('/api/subsidies/programmes', (signal) => apiRequest<{ items: ProgrammeOut[] }>('/api/subsidies/programmes', { signal }));
}

/** GET /api/subsidies/programmes/manage: every version (operator, gov_admin). */
export function useAllProgrammes() {
  return useApiQuery('/api/subsidies/programmes/manage', (signal) => apiRequest<{ items: ProgrammeOut[] }>('/api/subsidies/programmes/manage', { signal }));
}

/** POST /api/subsidies/programmes: a new programme, version 1, draft. */
export const createProgramme = (body: CreateProgrammeBody) => apiRequest<ProgrammeDetail>('/api/subsidies/programmes', { method: 'POST', body });
/** POST /api/subsidies/programmes/:id/activate */
export const activateProgramme = (id: string) => apiRequest<ProgrammeDetail>(`/api/subsidies/programmes/${encodeURIComponent(id)}/activate`, { method: 'POST' });
/** POST /api/subsidies/programmes/:id/versions: edit = version n+1; the old one ends the day before. */
export const createProgrammeVersion = (id: string, body: NewVersionBody) =>
  apiRequest<ProgrammeDetail>(`/api/subsidies/programmes/${encodeURIComponent(id)}/versions`, { method: 'POST', body });
