import { Picker, Switch, Text, View } from '@tarojs/components';
import { POST_LIMITS } from '@weshop/shared';
import { pickerValues, type Schedule } from '../../../../../utils/post-editor';
import './index.scss';

/** 定时发布: off publishes at once; on, a date (today to scheduleMaxDays ahead) and a time. */
export function ScheduleField({ schedule, onChange }: { schedule: Schedule; onChange: (next: Schedule) => void }) {
  const now = new Date();
  const start = pickerValues(now).date;
  const end = pickerValues(new Date(now.getTime() + POST_LIMITS.scheduleMaxDays * 24 * 60 * 60 * 1000)).date;
  return (
    <View className="schedule-field" data-on={schedule.on ? '1' : '0'}>
      <View className="schedule-field__row">
        <Text>定时发布</Text>
        <Switch
          className="schedule-field__switch"
          checked={schedule.on}
          color="#e93b3d"
          onChange={(e) => onChange({ ...schedule, on: e.detail.value })}
        />
      </View>
      {schedule.on ? (
        <View className="schedule-field__row">
          <Picker
            mode="date"
            value={schedule.date}
            start={start}
            end={end}
            onChange={(e) => onChange({ ...schedule, date: String(e.detail.value) })}
          >
            <Text className="schedule-field__value schedule-field__date">{schedule.date}</Text>
          </Picker>
          <Picker
            mode="time"
            value={schedule.time}
            onChange={(e) => onChange({ ...schedule, time: String(e.detail.value) })}
          >
            <Text className="schedule-field__value schedule-field__time">{schedule.time}</Text>
          </Picker>
        </View>
      ) : null}
    </View>
  );
}
