import type { BindSource, LaunchFacts, TrafficSource } from '@weshop/shared';

/**
 * How a launch's referral binds (锁客): CODE when the ref came from a mini-program code's `scene`
 * or the launch was a code scan (1047/1048/1049, 1011–1013), LINK for any other share path. Pure.
 */
export function bindSourceOf(
  source: TrafficSource,
  refFrom: LaunchFacts['refFrom'],
): Extract<BindSource, 'LINK' | 'CODE'> {
  return refFrom === 'CODE' || source === 'CODE' ? 'CODE' : 'LINK';
}

/**
 * Who shared what this visit opened: the path's explicit `sharer` (when that user exists), else
 * the owner of its `ref` code. Opening one's own share names no sharer. Pure.
 */
export function sharerOf(input: {
  userId: number;
  explicitSharer: number | null;
  refOwner: number | null;
}): number | null {
  const { userId, explicitSharer, refOwner } = input;
  if (explicitSharer !== null && explicitSharer !== userId) return explicitSharer;
  if (refOwner !== null && refOwner !== userId) return refOwner;
  return null;
}

/** A page path as stored: no leading slashes, no query. */
export function visitPath(path: string): string {
  return path.replace(/^\/+/, '').split('?')[0].slice(0, 255);
}
