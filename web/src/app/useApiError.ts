import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { useT } from '../i18n';

/** Returns a handler that shows an API error to the user and, when it names a form field, marks that field. */
export function useApiError(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  const t = useT();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (error instanceof ApiError) {
        if (form && error.field) {
          const names = new Set([...Object.keys(form.getFieldsValue() as object), ...Object.keys(form.getFieldsValue(true) as object)]);
          if (names.has(error.field)) form.setFields([{ name: error.field, errors: [error.message] }]);
        }
        void message.error(error.message);
        return;
      }
      void message.error(error instanceof Error && error.message ? error.message : t('common.networkError'));
    },
    [message, t],
  );
}
