import type { ImportResult } from '../../api/types';
import { useT } from '../../i18n';
import { ImportModal } from '../../app/components/ImportModal';

/** Props of the ledger's Excel import dialog. */
export interface LedgerImportModalProps {
  open: boolean;
  onClose: () => void;
  /** Called after rows were written (not after a dry run). */
  onImported: (result: ImportResult) => void;
}

/** 导入Excel of the ledger: the shared import dialog on the ledger's endpoints; a finished import names the rows created and the codes given. */
export function LedgerImportModal({ open, onClose, onImported }: LedgerImportModalProps) {
  const t = useT();
  return (
    <ImportModal<ImportResult>
      open={open}
      onClose={onClose}
      onImported={onImported}
      importUrl="/api/ledger/import"
      templateUrl="/api/ledger/import-template.xlsx"
      title={t('ledgerx.import.title')}
      describe={(r) => ({
        title: t('ledgerx.import.done', { rows: r.rows, created: r.created }),
        subTitle: r.codes.first && r.codes.last ? t('ledgerx.import.codes', { first: r.codes.first, last: r.codes.last }) : null,
      })}
    />
  );
}
