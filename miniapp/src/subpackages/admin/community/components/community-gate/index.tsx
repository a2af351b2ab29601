import { useCallback, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { CommunityView } from '@weshop/shared';
import { me } from '../../../../../api/auth';
import { errorMessage } from '../../../../../api/client';
import { getCommunity } from '../../../../../api/community';
import { Empty } from '../../../../../components/empty';
import { session } from '../../../../../stores/session';
import { canManageCommunity } from '../../../../../utils/community';
import '../../../components/admin-gate/index.scss';

/**
 * Shows a community's console only to its managers (`myRole` MANAGER) and the shop's admins. A
 * convenience, not the protection: the server answers 403 to /manage routes for anyone else.
 */
export function CommunityGate({
  id,
  children,
}: {
  id: string;
  children: (community: CommunityView, reload: () => void) => ReactNode;
}) {
  const [community, setCommunity] = useState<CommunityView | null>(null);
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!id) return setError('社群不存在');
    Promise.all([getCommunity(id), me().catch(() => session.user())])
      .then(([c, user]) => {
        if (user) session.userRefreshed(user);
        setCommunity(c);
        setAllowed(canManageCommunity(c, user));
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [id]);
  useDidShow(load);

  if (error && !community) return <Empty text={error} />;
  if (!community || allowed === null) return <View className="admin-loading">加载中…</View>;
  if (!allowed) return <Empty text="仅社群主理人可以访问" />;
  return <View className="admin community-console">{children(community, load)}</View>;
}
