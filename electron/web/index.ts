export { startWebServer, type WebServer, type WebServerOptions } from './server';
export { CONTENT_SECURITY_POLICY } from './security';
export { staticFile } from './static-files';
export { SECURITY_HEADERS } from './security';
