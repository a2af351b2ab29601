import { Text, View } from '@tarojs/components';
import { formatFen, type GroupBuyCampaignView } from '@weshop/shared';
import { specsText } from '../../../../utils/order-status';
import './index.scss';

/** The campaign's SKUs as chips with their group price, for 我也要参团 when there is more than one. */
export function SkuChoice(props: {
  skus: GroupBuyCampaignView['skus'];
  value: string | null;
  onChange: (skuId: string) => void;
}) {
  return (
    <View className="sku-choice">
      <Text className="sku-choice__title">选择规格</Text>
      <View className="sku-choice__chips">
        {props.skus.map((sku) => (
          <View
            key={sku.skuId}
            className={`sku-choice__chip ${props.value === sku.skuId ? 'sku-choice__chip--active' : ''} ${sku.stock > 0 ? '' : 'sku-choice__chip--out'}`}
            data-sku={sku.skuId}
            onClick={() => sku.stock > 0 && props.onChange(sku.skuId)}
          >
            <Text>
              {specsText(sku.specs) || '默认'} · {formatFen(sku.groupPrice)}
              {sku.stock > 0 ? '' : '（售罄）'}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}
