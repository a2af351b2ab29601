import { Image, Text, View } from '@tarojs/components';
import type { ProductCard as ProductCardData } from '@weshop/shared';
import { assetUrl } from '../../config';
import { Price } from '../price';
import './index.scss';

interface ProductCardProps {
  product: ProductCardData;
  onOpen: (id: string) => void;
}

/** One product in a two-column feed: cover, title, price (fen from the server), 划线价, sales. */
export function ProductCard({ product, onOpen }: ProductCardProps) {
  return (
    <View className="product-card" data-id={product.id} onClick={() => onOpen(product.id)}>
      <Image className="product-card__cover" src={assetUrl(product.cover)} mode="aspectFill" lazyLoad />
      <View className="product-card__body">
        <Text className="product-title">{product.title}</Text>
        <View className="product-card__foot">
          <Price className="product-price" fen={product.price} listFen={product.listPrice} />
          <Text className="product-sales">已售 {product.sales}</Text>
        </View>
      </View>
    </View>
  );
}
