import { App, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { useT } from '../../i18n';
import { EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES } from './download';

/** The Upload `beforeUpload` of an evidence file: a type the server takes and not over 20 MB, or a message saying why not. */
export function useEvidenceCheck(): NonNullable<UploadProps['beforeUpload']> {
  const t = useT();
  const { message } = App.useApp();
  return (file) => {
    const ext = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : '';
    if (!EVIDENCE_EXTENSIONS.includes(ext)) {
      void message.error(t('ledger.evidence.badType'));
      return Upload.LIST_IGNORE;
    }
    if (file.size > EVIDENCE_MAX_BYTES) {
      void message.error(t('ledger.evidence.tooLarge'));
      return Upload.LIST_IGNORE;
    }
    return true;
  };
}
