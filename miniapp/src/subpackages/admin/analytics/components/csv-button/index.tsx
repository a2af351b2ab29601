import { useState } from 'react';
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AnalyticsTable } from '@weshop/shared';
import { downloadTableCsv, fetchTableCsv } from '../../../../../api/analytics';
import { errorMessage } from '../../../../../api/client';
import { csvFileName, type Period } from '../../dashboard';
import './index.scss';

/**
 * 导出 CSV of one table over the period. h5 downloads the server's file; in WeChat (no file
 * downloads to share from a mini-program) the CSV text goes to the clipboard, to paste into a sheet.
 */
export function CsvButton({ table, period }: { table: AnalyticsTable; period: Period }) {
  const [busy, setBusy] = useState(false);
  const exportCsv = async () => {
    if (busy) return;
    setBusy(true);
    try {
      if (process.env.TARO_ENV === 'h5') {
        await downloadTableCsv(table, period, csvFileName(table, period));
        void Taro.showToast({ title: '已下载', icon: 'success' });
      } else {
        const text = await fetchTableCsv(table, period);
        await Taro.setClipboardData({ data: text });
        void Taro.showToast({ title: '已复制，可粘贴到表格', icon: 'none' });
      }
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Text className={`csv-button ${busy ? 'csv-button--busy' : ''}`} data-table={table} onClick={exportCsv}>
      导出 CSV
    </Text>
  );
}
