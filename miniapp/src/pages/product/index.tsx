import { useEffect, useState } from 'react';
import { Image, RichText, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { ProductDetail } from '@weshop/shared';
import { errorMessage } from '../../api/client';
import { addCartItem } from '../../api/cart';
import { getProduct } from '../../api/catalog';
import { assetUrl } from '../../config';
import { Empty } from '../../components/empty';
import { Price } from '../../components/price';
import { BuyBar } from './components/buy-bar';
import { ReviewSummary } from './components/review-summary';
import { showCartBadge } from '../../utils/tab-badge';
import { toConfirmOrder } from '../../utils/route';
import { fitDetailHtml } from './detail-html';
import { SkuPicker, type SkuSelection } from './components/sku-picker';
import { ShareEarn } from './components/share-earn';
import { GroupBuy } from './components/group-buy';
import { useShareRef } from './use-share-ref';
import { productIdFromQuery } from '../../utils/referral';
import { productShareQuery, productSharePath } from '../../utils/share';
import { toPoster } from '../../utils/distribution-route';
import { usePageView, useShareTicket } from '../../hooks/use-page-view';
import { track } from '../../utils/events';
import './index.scss';

export default function ProductPage() {
  // `id` from a shared path, or `p` of the `scene` when a mini-program code opened this page.
  const id = productIdFromQuery(useRouter().params);
  // The post whose product tag opened this page (content-to-order attribution), if any.
  const fromPost = useRouter().params.postId;
  usePageView();
  useShareTicket();
  const [product, setProduct] = useState<ProductDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Selected SKU and quantity: what 加入购物车 / 立即购买 submit.
  const [selection, setSelection] = useState<SkuSelection>({ skuId: null, quantity: 1 });
  const [adding, setAdding] = useState(false);
  // An approved distributor's shares carry `ref=<code>` (锁客 happens on the recipient's launch).
  const ref = useShareRef();
  useShareAppMessage(() => {
    track('SHARE', { productId: id, page: 'pages/product/index' });
    return {
      title: product?.title ?? '好物推荐',
      path: productSharePath(id, ref),
      imageUrl: product ? assetUrl(product.cover) : undefined,
    };
  });
  useShareTimeline(() => {
    track('SHARE', { productId: id, page: 'pages/product/index' });
    return {
      title: product?.title ?? '好物推荐',
      query: productShareQuery(id, ref),
      imageUrl: product ? assetUrl(product.cover) : undefined,
    };
  });

  useEffect(() => {
    if (!id) {
      setError('商品不存在');
      return;
    }
    getProduct(id)
      .then((p) => {
        setProduct(p);
        void Taro.setNavigationBarTitle({ title: p.title });
        track('PRODUCT_VIEW', { productId: p.id, postId: fromPost, page: 'pages/product/index' });
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [id]);

  if (error) return <Empty text={error} />;
  if (!product) return <View className="product-loading">加载中…</View>;

  const prices = product.skus.map((s) => s.price);
  const images = product.images.length > 0 ? product.images : [product.cover];

  /** The chosen SKU, or null after asking the shopper to choose one. */
  const chosenSku = (): string | null => {
    if (!selection.skuId) void Taro.showToast({ title: '请选择规格', icon: 'none' });
    return selection.skuId;
  };

  const addToCart = async () => {
    const skuId = chosenSku();
    if (!skuId || adding) return;
    setAdding(true);
    try {
      const cart = await addCartItem(skuId, selection.quantity);
      track('ADD_TO_CART', { productId: product.id, postId: fromPost });
      showCartBadge(cart.count);
      void Taro.showToast({ title: '已加入购物车', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setAdding(false);
    }
  };

  const buyNow = () => {
    const skuId = chosenSku();
    if (skuId) toConfirmOrder([{ skuId, quantity: selection.quantity }], false);
  };

  return (
    <View className="product">
      <Swiper className="product__gallery" indicatorDots={images.length > 1} circular>
        {images.map((src) => (
          <SwiperItem key={src}>
            <Image className="product__image" src={assetUrl(src)} mode="aspectFill" />
          </SwiperItem>
        ))}
      </Swiper>

      <View className="product__info">
        <Price
          className="product-detail-price"
          size="large"
          fen={prices.length ? Math.min(...prices) : product.price}
          maxFen={prices.length ? Math.max(...prices) : undefined}
          listFen={product.listPrice}
        />
        <Text className="product-detail-title">{product.title}</Text>
        {product.subtitle ? <Text className="product__subtitle">{product.subtitle}</Text> : null}
        <Text className="product__sales">已售 {product.sales}</Text>
      </View>

      {ref ? <ShareEarn onPoster={() => toPoster(product.id)} /> : null}
      <GroupBuy productId={product.id} selection={selection} />

      <SkuPicker product={product} onChange={setSelection} />

      <View className="product__detail">
        <View className="product__detail-title">
          <Text>商品详情</Text>
        </View>
        <RichText className="product__rich" nodes={fitDetailHtml(product.detailHtml, assetUrl)} />
      </View>

      <ReviewSummary productId={product.id} />

      <BuyBar
        disabled={product.skus.every((s) => s.stock === 0)}
        onAddToCart={() => void addToCart()}
        onBuyNow={buyNow}
      />
    </View>
  );
}
