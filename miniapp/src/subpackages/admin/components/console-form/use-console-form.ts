import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import type { FieldIssue } from '@weshop/shared';
import { errorMessage } from '../../../../api/client';
import { placeIssues } from '../../distribution-settings/settings-form';
import { consoleIssuesOf } from './form-input';

/**
 * What a console form sends: the call to make once the form checked out on the phone, the issues
 * it found instead, or `unchanged` (nothing to save).
 */
export type ConsoleSubmission<Saved> = (() => Promise<Saved>) | FieldIssue[] | 'unchanged';

/**
 * The state and the submit of a 营销 console form: the form's fields, its own and the server's
 * messages placed on the fields shown (the rest on top), and one submit at a time with the toasts
 * every console form shows.
 */
export function useConsoleForm<Form, Saved>(options: {
  initial: () => Form;
  shownPaths: (form: Form) => ReadonlySet<string>;
  prepare: (form: Form) => ConsoleSubmission<Saved>;
  savedToast: string;
  failedMessage?: string;
  /** The server's refusal as field issues, when the form maps some refusals itself. */
  issuesOf?: (error: unknown, form: Form) => FieldIssue[];
  /** Called with what the server saved, or null when nothing changed. */
  onSaved: (saved: Saved | null) => void;
}) {
  const [form, setForm] = useState<Form>(options.initial);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const { shownPaths } = options;
  const placed = useMemo(() => placeIssues(issues, shownPaths(form)), [form, issues, shownPaths]);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async () => {
    if (busy) return;
    const send = options.prepare(form);
    if (send === 'unchanged') return options.onSaved(null);
    if (Array.isArray(send)) {
      setIssues(send);
      void Taro.showToast({ title: '请检查标红的项', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      const saved = await send();
      setIssues([]);
      void Taro.showToast({ title: options.savedToast, icon: 'success' });
      options.onSaved(saved);
    } catch (e) {
      const refused = options.issuesOf
        ? options.issuesOf(e, form)
        : consoleIssuesOf(e, options.failedMessage ?? '保存失败，请稍后再试');
      setIssues(refused);
      void Taro.showToast({ title: refused.some((i) => i.path) ? '请查看标红的项' : errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return { form, set, setForm, setIssues, errors: placed.byPath, top: placed.top, busy, submit };
}
