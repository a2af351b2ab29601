import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { AftersaleReturnRequest, CarrierList } from '@weshop/shared';
import { listCarriers } from '../../../../../api/aftersales';
import { errorMessage } from '../../../../../api/client';

/** 填写退货物流: a carrier from the server's list and the tracking number. */
export function ReturnForm({
  busy,
  onSubmit,
  onInvalid,
}: {
  busy: boolean;
  onSubmit: (body: AftersaleReturnRequest) => void;
  onInvalid: (message: string) => void;
}) {
  const [carriers, setCarriers] = useState<CarrierList['items']>([]);
  const [carrier, setCarrier] = useState<string | null>(null);
  const [trackingNo, setTrackingNo] = useState('');

  useEffect(() => {
    listCarriers()
      .then((list) => setCarriers(list.items))
      .catch((e: unknown) => onInvalid(errorMessage(e)));
    // Loaded once per form.
  }, []);

  const submit = () => {
    if (!carrier) return onInvalid('请选择快递公司');
    const no = trackingNo.trim();
    if (!/^[A-Za-z0-9-]{4,64}$/.test(no)) return onInvalid('请输入正确的运单号');
    onSubmit({ carrier, trackingNo: no });
  };

  return (
    <View className="return-form">
      <Text className="aftersale-section__title">填写退货物流</Text>
      <View className="aftersale-form__chips">
        {carriers.map((c) => (
          <View
            key={c.code}
            className={`chip return-carrier ${carrier === c.code ? 'chip--on' : ''}`}
            data-code={c.code}
            onClick={() => setCarrier(c.code)}
          >
            <Text>{c.name}</Text>
          </View>
        ))}
      </View>
      <Input
        className="return-form__no"
        value={trackingNo}
        placeholder="运单号"
        onInput={(e) => setTrackingNo(e.detail.value)}
      />
      <Button className="return-form__submit" disabled={busy || undefined} onClick={submit}>
        提交物流
      </Button>
    </View>
  );
}
