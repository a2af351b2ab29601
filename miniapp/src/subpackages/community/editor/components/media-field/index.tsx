import { useState } from 'react';
import { Image, Text, Video, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { POST_LIMITS } from '@weshop/shared';
import { errorMessage } from '../../../../../api/client';
import { uploadMedia } from '../../../../../api/community';
import { assetUrl } from '../../../../../config';
import './index.scss';

/** h5 opens the file picker directly (its camera / album sheet needs a real phone). */
const SOURCES: Array<'album' | 'camera'> = process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'];

/** The user closed the picker: not an error. */
const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? ''));

/** 图片: up to imagesMax, chosen from the album or camera and uploaded one by one; ✕ removes one. */
export function ImagesField({ images, onChange }: { images: string[]; onChange: (images: string[]) => void }) {
  const [uploading, setUploading] = useState(0);
  const left = POST_LIMITS.imagesMax - images.length;

  const add = async () => {
    if (left <= 0 || uploading) return;
    let paths: string[];
    try {
      const chosen = await Taro.chooseImage({ count: left, sizeType: ['compressed'], sourceType: SOURCES });
      paths = chosen.tempFilePaths.slice(0, left);
    } catch (e) {
      if (!cancelled(e)) void Taro.showToast({ title: '无法选择图片', icon: 'none' });
      return;
    }
    let next = images;
    setUploading(paths.length);
    try {
      for (const path of paths) {
        const uploaded = await uploadMedia(path, 'image');
        next = [...next, uploaded.url];
        onChange(next);
        setUploading((n) => n - 1);
      }
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setUploading(0);
    }
  };

  return (
    <View className="media-images" data-count={images.length}>
      {images.map((src, i) => (
        <View key={src} className="media-images__item">
          <Image className="media-images__image" src={assetUrl(src)} mode="aspectFill" />
          <Text className="media-images__remove" onClick={() => onChange(images.filter((_, index) => index !== i))}>
            ✕
          </Text>
        </View>
      ))}
      {uploading > 0 ? (
        <View className="media-images__item media-images__uploading">
          <Text>上传中…</Text>
        </View>
      ) : null}
      {left > 0 && uploading === 0 ? (
        <View className="media-images__item media-images__add" onClick={() => void add()}>
          <Text className="media-images__plus">+</Text>
          <Text className="media-images__left">
            {images.length}/{POST_LIMITS.imagesMax}
          </Text>
        </View>
      ) : null}
    </View>
  );
}

/** 视频: one video (mp4 / mov), chosen and uploaded; the preview plays what the server stored. */
export function VideoField({ url, onChange }: { url: string | null; onChange: (url: string | null) => void }) {
  const [uploading, setUploading] = useState(false);
  const choose = async () => {
    if (uploading) return;
    let path: string;
    try {
      path = (await Taro.chooseVideo({ sourceType: SOURCES, compressed: true, maxDuration: 60 })).tempFilePath;
    } catch (e) {
      if (!cancelled(e)) void Taro.showToast({ title: '无法选择视频', icon: 'none' });
      return;
    }
    setUploading(true);
    try {
      onChange((await uploadMedia(path, 'video')).url);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setUploading(false);
    }
  };
  return (
    <View className="media-video">
      {url ? <Video className="media-video__player" src={assetUrl(url)} controls objectFit="contain" /> : null}
      <View className="media-video__actions">
        <Text className="media-video__choose" onClick={() => void choose()}>
          {uploading ? '上传中…' : url ? '更换视频' : '+ 上传视频'}
        </Text>
        {url && !uploading ? (
          <Text className="media-video__remove" onClick={() => onChange(null)}>
            移除
          </Text>
        ) : null}
      </View>
    </View>
  );
}
