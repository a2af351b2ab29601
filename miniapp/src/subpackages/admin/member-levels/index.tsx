import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { MemberLevelView } from '@weshop/shared';
import {
  createMemberLevel,
  deleteMemberLevel,
  listMemberLevels,
  updateMemberLevel,
} from '../../../api/admin-marketing';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { AdminGate } from '../components/admin-gate';
import { MarketingConsoleTabs } from '../components/admin-tabs';
import { Field, FormErrors, TextInput, Toggle } from '../components/console-form';
import { useConsoleForm } from '../components/console-form/use-console-form';
import {
  emptyLevelForm,
  formToLevel,
  LEVEL_PATHS,
  levelBenefitsText,
  levelFormOf,
  levelIssuesOf,
  type LevelForm,
} from './level-form';

const levelPaths = () => LEVEL_PATHS;

/** 新建 or 编辑 one level; the server's messages show on their fields. */
function LevelFormCard(props: { level: MemberLevelView | null; onSaved: () => void; onCancel: () => void }) {
  const { form, set, errors, top, busy, submit } = useConsoleForm<LevelForm, MemberLevelView>({
    initial: () => (props.level ? levelFormOf(props.level) : emptyLevelForm()),
    shownPaths: levelPaths,
    prepare: (f) => {
      const result = formToLevel(f);
      if (!result.ok) return result.issues;
      const { level } = props;
      return () => (level ? updateMemberLevel(level.id, result.request) : createMemberLevel(result.request));
    },
    savedToast: '已保存',
    issuesOf: (e) => levelIssuesOf(e),
    onSaved: () => props.onSaved(),
  });
  return (
    <View className="admin-card level-form">
      <Text className="console-form__title">{props.level ? `编辑「${props.level.name}」` : '新建会员等级'}</Text>
      <FormErrors messages={top} />
      <Field path="name" label="等级名称" errors={errors}>
        <TextInput value={form.name} type="text" wide placeholder="如 银卡" onInput={(v) => set({ name: v })} />
      </Field>
      <Field path="minGrowth" label="成长值门槛" hint="累计实付（元，扣除退款）达到即升级" errors={errors}>
        <TextInput value={form.minGrowth} type="number" onInput={(v) => set({ minGrowth: v })} />
      </Field>
      <Field path="discountBp" label="会员折扣" hint="10 表示不打折" errors={errors}>
        <TextInput value={form.zhe} suffix="折" onInput={(v) => set({ zhe: v })} />
      </Field>
      <Field path="pointsMultiplierBp" label="积分倍数" hint="购物积分乘以此倍数" errors={errors}>
        <TextInput value={form.multiplier} suffix="倍" onInput={(v) => set({ multiplier: v })} />
      </Field>
      <Field path="memberDayAccess" label="参加会员日" errors={errors}>
        <Toggle checked={form.memberDayAccess} onChange={(v) => set({ memberDayAccess: v })} />
      </Field>
      <View className="admin-actions">
        <Button className="admin-button" onClick={props.onCancel}>
          取消
        </Button>
        <Button
          className="admin-button admin-button--primary level-form__save"
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          保存
        </Button>
      </View>
    </View>
  );
}

/** 会员等级: the levels by growth threshold; 新建, 编辑 and 删除 (members are re-levelled at once). */
export default function AdminMemberLevelsPage() {
  const [levels, setLevels] = useState<MemberLevelView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The level being edited, 'new', or null. */
  const [editing, setEditing] = useState<string | null>(null);
  const load = () =>
    listMemberLevels()
      .then((list) => {
        setLevels(list.items);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  useDidShow(() => void load());
  const saved = () => {
    setEditing(null);
    void load();
  };
  const remove = async (level: MemberLevelView) => {
    const { confirm } = await Taro.showModal({
      title: '删除等级',
      content: `删除「${level.name}」后，会员按成长值重新定级。确定删除吗？`,
    });
    if (!confirm) return;
    try {
      await deleteMemberLevel(level.id);
      void Taro.showToast({ title: '已删除', icon: 'success' });
      void load();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  return (
    <AdminGate>
      <MarketingConsoleTabs active="member-levels" />
      {editing === 'new' ? (
        <LevelFormCard level={null} onSaved={saved} onCancel={() => setEditing(null)} />
      ) : (
        <View className="admin-actions console-new">
          <Button className="admin-button admin-button--primary level__create" onClick={() => setEditing('new')}>
            新建会员等级
          </Button>
        </View>
      )}
      {error && !levels ? <Empty text={error} /> : null}
      {levels && levels.length === 0 ? <Empty text="暂无会员等级" /> : null}
      {(levels ?? []).map((level) =>
        editing === level.id ? (
          <LevelFormCard key={level.id} level={level} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <View key={level.id} className="admin-card admin-level" data-id={level.id}>
            <View className="admin-card__head">
              <Text>等级 {level.id}</Text>
              <Text>成长值 ≥ {level.minGrowth}</Text>
            </View>
            <Text className="admin-card__title">{level.name}</Text>
            <Text className="admin-card__row">{levelBenefitsText(level)}</Text>
            <View className="admin-actions">
              <Button className="admin-button admin-level__edit" onClick={() => setEditing(level.id)}>
                编辑
              </Button>
              <Button className="admin-button admin-level__delete" onClick={() => void remove(level)}>
                删除
              </Button>
            </View>
          </View>
        ),
      )}
    </AdminGate>
  );
}
