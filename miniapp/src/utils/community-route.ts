import Taro from '@tarojs/taro';

/** Typed navigation to the 社群 pages (see app.config.ts for each page's query). */

const q = encodeURIComponent;

/** 社群主页. */
export function toCommunity(id: string): void {
  Taro.navigateTo({ url: `/pages/community/index?id=${q(id)}` });
}

export type CommunityListTab = 'all' | 'mine';

/** 社群 list, on 全部 or 我加入的. */
export function toCommunityList(tab: CommunityListTab = 'all'): void {
  Taro.navigateTo({ url: `/subpackages/community/list/index${tab === 'mine' ? '?tab=mine' : ''}` });
}

/** 发现 (featured and newest posts across communities); `feed` opens 我的帖子 or 我的收藏 instead. */
export function toDiscover(feed?: 'mine' | 'favourites'): void {
  Taro.navigateTo({ url: `/subpackages/community/discover/index${feed ? `?feed=${feed}` : ''}` });
}

/** 帖子详情; `replace` from the editor (back then skips the form). */
export function toPost(id: string, replace = false): void {
  const url = `/subpackages/community/post/index?id=${q(id)}`;
  if (replace) Taro.redirectTo({ url });
  else Taro.navigateTo({ url });
}

/** 发帖 in a community, or 编辑 the post `id`. */
export function toPostEditor(communityId: string, id?: string): void {
  Taro.navigateTo({
    url: `/subpackages/community/editor/index?communityId=${q(communityId)}${id ? `&id=${q(id)}` : ''}`,
  });
}

/** 社群管理 (a community's console for its managers and the shop's admins). */
export function toCommunityConsole(id: string): void {
  Taro.navigateTo({ url: `/subpackages/admin/community/index?id=${q(id)}` });
}

/** The shop's 社群管理: create communities, appoint managers. */
export function toAdminCommunities(): void {
  Taro.navigateTo({ url: '/subpackages/admin/communities/index' });
}

/** 拼团活动 for one community (a community-only group buy). */
export function toCommunityGroupbuys(communityId: string): void {
  Taro.navigateTo({ url: `/subpackages/admin/groupbuys/index?communityId=${q(communityId)}` });
}
