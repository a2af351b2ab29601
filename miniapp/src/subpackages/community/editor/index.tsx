import { useEffect, useState } from 'react';
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatFen, POST_LIMITS, POST_TYPES, type PostType, type PostView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { createPost, getPost, updatePost } from '../../../api/community';
import { Empty } from '../../../components/empty';
import { assetUrl } from '../../../config';
import { POST_TYPE_TEXT, postOutcome } from '../../../utils/community';
import { toPost } from '../../../utils/community-route';
import {
  createRequest,
  draftFromPost,
  emptyDraft,
  tagProduct,
  updateRequest,
  type DraftErrors,
  type DraftField,
  type PostDraft,
} from '../../../utils/post-editor';
import { ImagesField, VideoField } from './components/media-field';
import { ProductPicker } from './components/product-picker';
import { ScheduleField } from './components/schedule-field';
import './index.scss';

function FieldError({ errors, field }: { errors: DraftErrors; field: DraftField }) {
  return errors[field] ? (
    <Text className="editor-error" data-field={field}>
      {errors[field]}
    </Text>
  ) : null;
}

/** After 发布 / 存草稿: the status the server gave the post (发布成功, 审核中, 已定时, 未通过 with its reason). */
function Outcome({ post, onEdit }: { post: PostView; onEdit: () => void }) {
  const outcome = postOutcome(post);
  return (
    <View className="editor-outcome" data-status={outcome.status}>
      <Text className="editor-outcome__title">{outcome.title}</Text>
      <Text className="editor-outcome__detail">{outcome.detail}</Text>
      <View className="editor-outcome__actions">
        {post.status === 'REJECTED' || post.status === 'DRAFT' ? (
          <Button className="editor-button editor-outcome__edit" onClick={onEdit}>
            继续编辑
          </Button>
        ) : null}
        <Button
          className="editor-button editor-button--primary editor-outcome__view"
          onClick={() => toPost(post.id, true)}
        >
          查看帖子
        </Button>
      </View>
    </View>
  );
}

/**
 * 发帖 / 编辑 (query `communityId`, optional `id`): 图文, 视频 or 长文 with a title, the text, images,
 * a video, tagged products, 定时发布 and 存草稿. Checked here with the server's limits; the answer's
 * status is shown: 已发布, 审核中, 已定时, or 未通过 with the reason.
 */
export default function PostEditorPage() {
  const params = useRouter().params;
  const postId = params.id ?? '';
  const [editing, setEditing] = useState<PostView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<PostDraft>(() => emptyDraft(new Date()));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PostView | null>(null);

  useEffect(() => {
    if (!postId) return;
    void Taro.setNavigationBarTitle({ title: '编辑帖子' });
    getPost(postId)
      .then((post) => {
        setEditing(post);
        setDraft(draftFromPost(post, new Date()));
      })
      .catch((e: unknown) => setLoadError(errorMessage(e)));
  }, [postId]);

  const communityId = editing?.communityId ?? params.communityId ?? '';
  if (!communityId && !postId) return <Empty text="请从社群进入发帖" />;
  if (loadError) return <Empty text={loadError} />;
  if (postId && !editing) return <View className="editor-loading">加载中…</View>;
  if (result) {
    return (
      <View className="editor">
        <Outcome
          post={result}
          onEdit={() => {
            setEditing(result);
            setDraft(draftFromPost(result, new Date()));
            setResult(null);
          }}
        />
      </View>
    );
  }

  const change = (next: Partial<PostDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setErrors({});
  };
  // A post that was published once cannot go back to being a draft.
  const draftable = !editing || editing.publishedAt === null;

  const refuse = (found: DraftErrors) => {
    setErrors(found);
    void Taro.showToast({ title: Object.values(found)[0] ?? '请检查内容', icon: 'none' });
  };

  const submit = async (asDraft: boolean) => {
    if (busy) return;
    const now = new Date();
    let save: () => Promise<PostView>;
    if (editing) {
      const checked = updateRequest(draft, { now, asDraft, everPublished: !draftable });
      if (!checked.ok) return refuse(checked.errors);
      save = () => updatePost(editing.id, checked.body);
    } else {
      const checked = createRequest(communityId, draft, { now, asDraft });
      if (!checked.ok) return refuse(checked.errors);
      save = () => createPost(checked.body);
    }
    setBusy(true);
    try {
      const saved = await save();
      setEditing(saved);
      setResult(saved);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="editor" data-type={draft.type}>
      <View className="editor-section editor-types">
        {POST_TYPES.map((type: PostType) => (
          <Text
            key={type}
            className={`editor-type ${draft.type === type ? 'editor-type--active' : ''}`}
            data-type={type}
            onClick={() => change({ type })}
          >
            {POST_TYPE_TEXT[type]}
          </Text>
        ))}
      </View>

      <View className="editor-section">
        <Input
          className="editor-title"
          value={draft.title}
          maxlength={POST_LIMITS.titleMax}
          placeholder={draft.type === 'ARTICLE' ? '标题（必填）' : '标题（选填）'}
          onInput={(e) => change({ title: e.detail.value })}
        />
        <FieldError errors={errors} field="title" />
        <Textarea
          className={`editor-text ${draft.type === 'ARTICLE' ? 'editor-text--long' : ''}`}
          value={draft.text}
          maxlength={POST_LIMITS.textMax}
          placeholder={draft.type === 'ARTICLE' ? '正文' : '分享你的好物和心得…'}
          onInput={(e) => change({ text: e.detail.value })}
        />
        <Text className="editor-count">
          {draft.text.trim().length}/{POST_LIMITS.textMax}
        </Text>
        <FieldError errors={errors} field="text" />
      </View>

      {draft.type === 'VIDEO' ? (
        <View className="editor-section">
          <Text className="editor-label">视频</Text>
          <VideoField url={draft.videoUrl} onChange={(videoUrl) => change({ videoUrl })} />
          <FieldError errors={errors} field="videoUrl" />
        </View>
      ) : null}

      <View className="editor-section">
        <Text className="editor-label">图片</Text>
        <ImagesField images={draft.images} onChange={(images) => change({ images })} />
        <FieldError errors={errors} field="images" />
      </View>

      <View className="editor-section editor-products">
        <View className="editor-row">
          <Text className="editor-label">
            关联商品 {draft.products.length}/{POST_LIMITS.productsMax}
          </Text>
          {!picking && draft.products.length < POST_LIMITS.productsMax ? (
            <Text className="editor-link editor-products__add" onClick={() => setPicking(true)}>
              + 添加商品
            </Text>
          ) : null}
        </View>
        {draft.products.map((p) => (
          <View key={p.id} className="editor-product" data-id={p.id}>
            <Image className="editor-product__image" src={assetUrl(p.image)} mode="aspectFill" />
            <Text className="editor-product__title">{p.title}</Text>
            <Text className="editor-product__price">{formatFen(p.price)}</Text>
            <Text
              className="editor-product__remove"
              onClick={() => change({ products: draft.products.filter((x) => x.id !== p.id) })}
            >
              ✕
            </Text>
          </View>
        ))}
        {picking ? (
          <ProductPicker
            picked={draft.products}
            onPick={(product) => setDraft((d) => tagProduct(d, product))}
            onClose={() => setPicking(false)}
          />
        ) : null}
        <FieldError errors={errors} field="products" />
      </View>

      <View className="editor-section">
        <ScheduleField schedule={draft.schedule} onChange={(schedule) => change({ schedule })} />
        <FieldError errors={errors} field="publishAt" />
      </View>

      <View className="editor-submit">
        {draftable ? (
          <Button
            className="editor-button editor-save-draft"
            disabled={busy || undefined}
            onClick={() => void submit(true)}
          >
            存草稿
          </Button>
        ) : null}
        <Button
          className="editor-button editor-button--primary editor-publish"
          disabled={busy || undefined}
          onClick={() => void submit(false)}
        >
          {draft.schedule.on ? '定时发布' : editing?.status === 'PUBLISHED' ? '保存修改' : '发布'}
        </Button>
      </View>
    </View>
  );
}
