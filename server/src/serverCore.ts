/**
 * What the language server loads after `initialize`: the language service and the authentik
 * connection. Bundled separately (dist/serverCore.js) so the server answers `initialize` without
 * reading this code first.
 */
export { getLanguageService, toDiagnostic } from './service/languageService';
export { AuthentikApi } from '../../common/authentik/apiClient';
export { NodeHttpClient } from '../../common/authentik/http';
export { LiveReferenceSource } from './authentik/liveReferences';
export { loadServerProfile, cachedServerProfile } from '../../common/authentik/serverSchema';
export { directoryStore } from '../../common/authentik/profileStore';
export { checkBaseUrl } from '../../common/authentik/connection';
export { commentVersionWarning, shapeOfFile } from './authentik/deployTarget';
export { listImportable, exportForImport } from './authentik/providerImport';
export { listsFromSource } from './service/portable';
