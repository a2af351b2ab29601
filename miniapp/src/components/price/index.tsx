import { Text, View } from '@tarojs/components';
import { formatFen, type Fen } from '@weshop/shared';
import './index.scss';

interface PriceProps {
  /** Selling price in fen (formatted, never computed, here). */
  fen: Fen;
  /** 划线价 in fen; shown struck through when higher than the price. */
  listFen?: Fen;
  /** Upper end of a range (e.g. the dearest SKU), shown as `¥a-¥b`. */
  maxFen?: Fen;
  size?: 'small' | 'large';
  className?: string;
}

export function Price({ fen, listFen, maxFen, size = 'small', className = '' }: PriceProps) {
  const range = maxFen !== undefined && maxFen !== fen;
  return (
    <View className={`price price--${size} ${className}`}>
      <Text className="price__now">
        {formatFen(fen)}
        {range ? ` - ${formatFen(maxFen)}` : ''}
      </Text>
      {listFen !== undefined && listFen > fen ? <Text className="price__list">{formatFen(listFen)}</Text> : null}
    </View>
  );
}
