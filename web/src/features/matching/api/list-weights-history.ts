import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { WeightsHistory } from '../types.js';

/** GET /api/matching/weights/history: every version (运营方设置 or 根据反馈学习), newest first. */
export function listWeightsHistory(page: number, pageSize: number, signal?: AbortSignal): Promise<WeightsHistory> {
  return apiRequest<WeightsHistory>('/api/matching/weights/history', { query: { page, pageSize }, signal });
}

export function useWeightsHistory(page: number, pageSize: number) {
  return useApiQuery(`/api/matching/weights/history?page=${page}&pageSize=${pageSize}`, (signal) => listWeightsHistory(page, pageSize, signal));
}
