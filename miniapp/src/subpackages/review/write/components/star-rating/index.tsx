import { Text, View } from '@tarojs/components';
import './index.scss';

export const SCORES = [1, 2, 3, 4, 5] as const;
const WORDS = ['', '非常差', '差', '一般', '好', '非常好'];

/** One row of five stars (1–5); tapping the n-th star scores n. */
export function StarRating({
  label,
  name,
  value,
  onChange,
}: {
  label: string;
  /** Stable hook for tests and e2e: `data-name` on the row. */
  name: string;
  value: number;
  onChange: (score: number) => void;
}) {
  return (
    <View className="star-rating" data-name={name} data-value={value}>
      <Text className="star-rating__label">{label}</Text>
      <View className="star-rating__stars">
        {SCORES.map((score) => (
          <Text
            key={score}
            className={`star ${score <= value ? 'star--on' : ''}`}
            data-score={score}
            aria-label={`${score} 星`}
            onClick={() => onChange(score)}
          >
            ★
          </Text>
        ))}
      </View>
      <Text className="star-rating__word">{WORDS[value] ?? ''}</Text>
    </View>
  );
}
