import { useState } from 'react';
import type { FormInstance } from 'antd';
import { useApiError } from './useApiError';

/** Returns `submit`, which validates `form`, runs `save` with its values and marks the field an API error names, plus a `saving` flag. */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  save: (values: V) => Promise<void>,
): { saving: boolean; submit: () => Promise<void> } {
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await save(values);
    } catch (error) {
      showError(error, form);
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
