import { Text, View } from '@tarojs/components';
import './index.scss';

export type LoadMoreStatus = 'loading' | 'idle' | 'done' | 'error';

interface LoadMoreProps {
  status: LoadMoreStatus;
  onLoadMore: () => void;
  error?: string | null;
}

const COPY: Record<LoadMoreStatus, string> = {
  loading: '加载中…',
  idle: '点击加载更多',
  done: '没有更多了',
  error: '加载失败，点击重试',
};

/** Footer of a paged list; tapping it loads the next page (or retries) when there is one. */
export function LoadMore({ status, onLoadMore, error }: LoadMoreProps) {
  const tappable = status === 'idle' || status === 'error';
  return (
    <View className={`load-more load-more--${status}`} onClick={tappable ? onLoadMore : undefined}>
      <Text>{status === 'error' && error ? `${error}，点击重试` : COPY[status]}</Text>
    </View>
  );
}
