/** A cheap reading of a V8 CPU profile: self time by package and by function. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  scenario?: string;
  totalMs: number;
  byPackage: Array<{ name: string; ms: number; share: number }>;
  byFunction: Array<{ name: string; ms: number; share: number }>;
}

/** Where a frame's code lives: an npm package, the server's own code, the generated Prisma Client, Node, V8. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node core';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes('/generated/prisma/')) return 'prisma client (generated)';
  const src = url.match(/\/(src|test\/support|shared\/dist)\/(.*?)(\/[^/]+)?$/);
  if (src) return src[1] === 'shared/dist' ? '@weshop/shared' : `server ${src[2] || src[1]}`;
  return url.replace(/^file:\/\//, '');
}

export function summariseProfile(profile: CpuProfile, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  // The profiler's own stop call (native `dispatch` under node:inspector) is not the server's work.
  const isProfiler = (id: number) =>
    byId.get(id)?.callFrame.url === 'node:inspector' ||
    byId.get(parentOf.get(id) ?? -1)?.callFrame.url === 'node:inspector';
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)' || isProfiler(id)) continue;
    total += micros;
    const pkg = packageOf(frame.url, frame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    const file = frame.url.split('/').slice(-1)[0];
    const name = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''} [${pkg}]`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        name,
        ms: Math.round(micros / 1000),
        share: Math.round((micros / Math.max(total, 1)) * 1000) / 10,
      }));
  return { totalMs: Math.round(total / 1000), byPackage: rank(packages), byFunction: rank(functions) };
}
