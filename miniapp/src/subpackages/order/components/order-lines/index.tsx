import type { ReactElement } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { formatFen, type Fen } from '@weshop/shared';
import { assetUrl } from '../../../../config';
import { specsText } from '../../../../utils/order-status';
import './index.scss';

export interface LineRow {
  key: string;
  title: string;
  image: string;
  specs: Record<string, string>;
  /** Unit price (fen, from the server). */
  unitPrice: Fen;
  quantity: number;
  /** 赠品 (满赠, 买X送Y): tagged, priced 0. */
  isGift?: boolean;
}

/** The goods of a preview or an order, gift lines tagged 赠品; `extra` renders per-line actions (e.g. 申请售后). */
export function OrderLines({ lines, extra }: { lines: LineRow[]; extra?: (key: string) => ReactElement | null }) {
  return (
    <View className="order-lines">
      {lines.map((line) => (
        <View key={line.key} className="order-line" data-key={line.key}>
          <Image className="order-line__image" src={assetUrl(line.image)} mode="aspectFill" />
          <View className="order-line__body">
            <Text className="order-line__title">
              {line.isGift ? <Text className="order-line__gift">赠品</Text> : null}
              {line.title}
            </Text>
            <Text className="order-line__specs">{specsText(line.specs)}</Text>
            <View className="order-line__foot">
              <Text className="order-line__price">{formatFen(line.unitPrice)}</Text>
              <Text className="order-line__qty">×{line.quantity}</Text>
            </View>
            {extra ? extra(line.key) : null}
          </View>
        </View>
      ))}
    </View>
  );
}
