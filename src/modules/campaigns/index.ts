/** Public door of the campaigns module (科惠行动). */
export { registerCampaignRoutes } from './campaigns.routes.js';
export { type CampaignsDeps, findCampaignVisit } from './campaigns.service.js';
export { campaignEvents, campaigns, campaignVisits } from './campaigns.tables.js';
