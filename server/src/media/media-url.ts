/** Turns a stored media path (`/media/...`) into an absolute URL the mini-program can load. */
export function mediaUrl(publicBaseUrl: string, path: string): string {
  if (/^https?:\/\//.test(path) || !path) return path;
  return `${publicBaseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
}
