import { Image, Text, View } from '@tarojs/components';
import type { CommentView, ReplyView } from '@weshop/shared';
import { assetUrl } from '../../../../../config';
import { hiddenReplies } from '../../../../../utils/comment-tree';
import { formatTime } from '../../../../../utils/order-status';
import './index.scss';

export interface ReplyTarget {
  id: string;
  nickname: string;
}

interface CommentListProps {
  comments: CommentView[];
  onReply: (target: ReplyTarget) => void;
  onMoreReplies: (parentId: string) => void;
  /** Whether the viewer may delete a comment by this author (own comments; managers any). */
  canDelete: (authorId: string) => boolean;
  onDelete: (id: string) => void;
}

function Actions(props: { id: string; nickname: string; authorId: string } & Omit<CommentListProps, 'comments'>) {
  return (
    <View className="comment__actions">
      <Text className="comment__reply" onClick={() => props.onReply({ id: props.id, nickname: props.nickname })}>
        回复
      </Text>
      {props.canDelete(props.authorId) ? (
        <Text className="comment__delete" onClick={() => props.onDelete(props.id)}>
          删除
        </Text>
      ) : null}
    </View>
  );
}

function Reply({ reply, ...props }: { reply: ReplyView } & Omit<CommentListProps, 'comments'>) {
  return (
    <View className="comment-reply" data-id={reply.id}>
      <Text className="comment-reply__text">
        <Text className="comment__author">{reply.author.nickname}</Text>
        {reply.replyTo ? (
          <>
            {' 回复 '}
            <Text className="comment__author">{reply.replyTo.nickname}</Text>
          </>
        ) : null}
        ：{reply.text}
      </Text>
      <View className="comment__meta">
        <Text className="comment__time">{formatTime(reply.createdAt)}</Text>
        <Actions id={reply.id} nickname={reply.author.nickname} authorId={reply.author.id} {...props} />
      </View>
    </View>
  );
}

/** 评论: top comments oldest first, each with its replies (one level) and 展开 for the rest. */
export function CommentList({ comments, ...props }: CommentListProps) {
  return (
    <View className="comment-list">
      {comments.map((c) => {
        const hidden = hiddenReplies(c);
        return (
          <View key={c.id} className="comment" data-id={c.id}>
            {c.author.avatarUrl ? (
              <Image className="comment__avatar" src={assetUrl(c.author.avatarUrl)} mode="aspectFill" />
            ) : (
              <View className="comment__avatar comment__avatar--blank">
                <Text>{c.author.nickname.slice(0, 1)}</Text>
              </View>
            )}
            <View className="comment__body">
              <Text className="comment__author">{c.author.nickname}</Text>
              <Text className="comment__text">{c.text}</Text>
              <View className="comment__meta">
                <Text className="comment__time">{formatTime(c.createdAt)}</Text>
                <Actions id={c.id} nickname={c.author.nickname} authorId={c.author.id} {...props} />
              </View>
              {c.replies.length > 0 || hidden > 0 ? (
                <View className="comment__replies">
                  {c.replies.map((r) => (
                    <Reply key={r.id} reply={r} {...props} />
                  ))}
                  {hidden > 0 ? (
                    <Text className="comment__more" onClick={() => props.onMoreReplies(c.id)}>
                      展开 {hidden} 条回复 ›
                    </Text>
                  ) : null}
                </View>
              ) : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}
