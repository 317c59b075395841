export { loadSiteConfig, siteConfigPath, terminalIdFromHost, SiteConfigError, type LoadedSite } from './load';
export { applySite } from './apply';
export { siteConfigSchema, type SiteConfig } from './schema';
