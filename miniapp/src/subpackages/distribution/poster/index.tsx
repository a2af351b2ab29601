import { useEffect, useState } from 'react';
import { Button, Canvas, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatFen, type ShareView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { getShare } from '../../../api/distribution';
import { Empty } from '../../../components/empty';
import { drawPosterH5, drawPosterWeapp } from './draw-poster';
import type { PosterContent } from './poster-layout';
import '../components/dist-tabs/index.scss';
import './index.scss';

const CANVAS_ID = 'poster-canvas';
const isWeapp = process.env.TARO_ENV === 'weapp';

function posterContent(share: ShareView): PosterContent {
  return {
    title: share.product.title,
    price: formatFen(share.product.price),
    code: share.ref,
    hasQr: Boolean(share.codeImage),
  };
}

/** weapp: 保存到相册, asking for the album permission again when it was refused. */
async function saveToAlbum(filePath: string): Promise<void> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
    void Taro.showToast({ title: '已保存到相册', icon: 'success' });
  } catch (e) {
    const message = (e as { errMsg?: string } | null)?.errMsg ?? '';
    if (/cancel/.test(message)) return;
    if (/auth|deny|denied/.test(message)) {
      const answer = await Taro.showModal({
        title: '无法保存',
        content: '请允许小程序保存图片到相册',
        confirmText: '去设置',
      });
      if (answer.confirm) void Taro.openSetting();
      return;
    }
    void Taro.showToast({ title: '保存失败，请长按图片保存', icon: 'none' });
  }
}

/** h5: the drawn PNG as a download (long-press on the image works too on phones). */
function download(dataUrl: string, name: string): void {
  const link = document.createElement('a');
  link.href = dataUrl;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * 推广海报: the product's image, title and price, the mini-program code (its scene carries my
 * referral code) and the code in words, drawn on a canvas. Query: `productId`.
 */
export default function PosterPage() {
  const { productId = '' } = useRouter().params;
  const [share, setShare] = useState<ShareView | null>(null);
  const [poster, setPoster] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!productId) {
      setError('商品不存在');
      return;
    }
    getShare(productId)
      .then(setShare)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [productId]);

  useEffect(() => {
    if (!share) return;
    let stale = false;
    const content = posterContent(share);
    const draw = () => (isWeapp ? drawPosterWeapp(`#${CANVAS_ID}`, share, content) : drawPosterH5(share, content));
    // weapp: the canvas node exists once this render reached the view layer.
    Taro.nextTick(() => {
      draw()
        .then((image) => !stale && setPoster(image))
        .catch(() => !stale && setError('海报生成失败，请稍后再试'));
    });
    return () => {
      stale = true;
    };
  }, [share]);

  if (error) return <Empty text={error} />;

  return (
    <View className="dist-page poster">
      {poster ? (
        <Image className="poster__image" src={poster} mode="aspectFit" showMenuByLongpress />
      ) : (
        <View className="poster__placeholder">
          <Text>海报生成中…</Text>
        </View>
      )}
      {share ? (
        <View className="poster__info">
          {share.ref ? (
            <Text className="poster__code">推荐码 {share.ref}</Text>
          ) : (
            <Text className="dist-notice poster__no-code">成为分销员后，海报会带上你的推荐码</Text>
          )}
          <Text className="dist-muted poster__hint">好友扫码进入商品页并下单后，你可获得佣金（以订单实付计算）</Text>
        </View>
      ) : null}
      {poster ? (
        <View className="poster__actions">
          {isWeapp ? (
            <Button className="dist-button poster__save" onClick={() => void saveToAlbum(poster)}>
              保存到相册
            </Button>
          ) : (
            <Button className="dist-button poster__save" onClick={() => download(poster, `poster-${productId}.png`)}>
              保存图片
            </Button>
          )}
          <Text className="dist-muted poster__tip">也可以长按图片保存或发送给好友</Text>
        </View>
      ) : null}
      {isWeapp ? <Canvas type="2d" id={CANVAS_ID} className="poster__canvas" /> : null}
    </View>
  );
}
