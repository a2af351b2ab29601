import { useState, type PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { me } from '../../../../api/auth';
import { session } from '../../../../stores/session';
import { Empty } from '../../../../components/empty';
import './index.scss';

/**
 * Shows the console only to a user with the ADMIN role. A convenience, not the protection: the
 * server answers 403 to the admin routes for anyone else.
 */
export function AdminGate({ children }: PropsWithChildren) {
  const [isAdmin, setIsAdmin] = useState(() => Boolean(session.user()?.roles.includes('ADMIN')));
  useDidShow(() => {
    me()
      .then((u) => {
        session.userRefreshed(u);
        setIsAdmin(u.roles.includes('ADMIN'));
      })
      .catch(() => undefined);
  });
  if (!isAdmin) return <Empty text="仅店铺管理员可以访问" />;
  return <View className="admin">{children}</View>;
}
