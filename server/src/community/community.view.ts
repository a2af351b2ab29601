import type { CommunityMemberView, CommunityRole, CommunityView } from '@weshop/shared';
import { mediaUrl } from '../media/media-url';
import type { CommunityRow, MemberRow } from './community.repository';

export function communityView(row: CommunityRow, role: CommunityRole | null, publicBaseUrl: string): CommunityView {
  return {
    id: String(row.id),
    name: row.name,
    cover: mediaUrl(publicBaseUrl, row.cover),
    intro: row.intro,
    announcement: row.announcement,
    announcementAt: row.announcementAt?.toISOString() ?? null,
    memberCount: row.memberCount,
    postCount: row.postCount,
    joined: role !== null,
    myRole: role,
    createdAt: row.createdAt.toISOString(),
  };
}

export function memberView(row: MemberRow, publicBaseUrl: string): CommunityMemberView {
  return {
    userId: String(row.userId),
    nickname: row.nickname,
    avatarUrl: mediaUrl(publicBaseUrl, row.avatarUrl),
    role: row.role,
    source: row.source,
    joinedAt: row.joinedAt.toISOString(),
  };
}
