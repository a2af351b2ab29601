/**
 * Build-time configuration. Every `process.env.TARO_APP_*` read here is defined in `.env`
 * (an undefined one survives into the h5 bundle and throws `process is not defined`).
 * Both platforms' values live in `.env`; TARO_ENV (inlined by Taro) picks one.
 */
const apiBase = process.env.TARO_ENV === 'h5' ? process.env.TARO_APP_API_BASE_H5 : process.env.TARO_APP_API_BASE_WEAPP;

/** API origin without a trailing slash; '' means same origin (the h5 build is served by the server). */
export const API_BASE: string = (apiBase ?? '').replace(/\/+$/, '');

/** Resolves a server asset path (e.g. `/static/p/1.jpg`) against the API origin; absolute URLs pass through. */
export function assetUrl(path: string): string {
  if (!path || /^(https?:)?\/\//.test(path) || path.startsWith('data:')) return path;
  return `${API_BASE}${path.startsWith('/') ? '' : '/'}${path}`;
}
