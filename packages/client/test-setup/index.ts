export { startApiServer, type ApiServer } from './api-server.ts';
export { cookieJarFetch, type CookieJarFetch } from './cookie-jar-fetch.ts';
export { recordingFetch, type RecordedRequest, type RecordingFetch } from './recording-fetch.ts';
export { waitUntilExpired } from './wait-until-expired.ts';
export { MemoryStorage } from './memory-storage.ts';
