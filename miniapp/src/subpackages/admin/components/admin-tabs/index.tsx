import { Text, View } from '@tarojs/components';
import { toAdminDistribution } from '../../../../utils/distribution-route';
import { toAdminMarketing } from '../../../../utils/marketing-console-route';
import './index.scss';

/** The status tab strip of the manager console's lists (styles in admin-gate/index.scss, which every admin page loads). */
export function AdminTabs<K extends string>(props: {
  tabs: ReadonlyArray<{ key: K; label: string }>;
  active: K;
  onChange: (key: K) => void;
  className?: string;
}) {
  return (
    <View className={`admin-tabs ${props.className ?? ''}`}>
      {props.tabs.map((t) => (
        <View
          key={t.key}
          className={`admin-tab ${props.active === t.key ? 'admin-tab--active' : ''}`}
          data-tab={t.key}
          onClick={() => props.onChange(t.key)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** The manager console's 分销 pages, switched in place (each page is its own route). */
export const DISTRIBUTION_CONSOLE_PAGES = [
  { key: 'distributors', label: '分销员审核' },
  { key: 'withdrawals', label: '提现审核' },
  { key: 'distribution-settings', label: '分销设置' },
] as const;
export type DistributionConsolePage = (typeof DISTRIBUTION_CONSOLE_PAGES)[number]['key'];

/** The strip on top of the 分销 console pages: the same look as the status tabs, one tab per page. */
export function DistributionConsoleTabs({ active }: { active: DistributionConsolePage }) {
  return (
    <AdminTabs
      className="admin-tabs--pages"
      tabs={DISTRIBUTION_CONSOLE_PAGES}
      active={active}
      onChange={(page) => {
        if (page !== active) toAdminDistribution(page, true);
      }}
    />
  );
}

/**
 * The manager console's 营销 pages, switched in place like the 分销 strip (each key is its page's
 * folder under subpackages/admin).
 */
export const MARKETING_CONSOLE_PAGES = [
  { key: 'groupbuys', label: '拼团活动' },
  { key: 'promotions', label: '营销活动' },
  { key: 'coupons', label: '优惠券' },
  { key: 'member-levels', label: '会员等级' },
  { key: 'member-day', label: '会员日' },
  { key: 'points-rules', label: '积分规则' },
  { key: 'points-mall', label: '积分商城' },
] as const;
export type MarketingConsolePage = (typeof MARKETING_CONSOLE_PAGES)[number]['key'];

export function MarketingConsoleTabs({ active }: { active: MarketingConsolePage }) {
  return (
    <AdminTabs
      className="admin-tabs--pages"
      tabs={MARKETING_CONSOLE_PAGES}
      active={active}
      onChange={(page) => {
        if (page !== active) toAdminMarketing(page, true);
      }}
    />
  );
}
