import { useState, type ReactNode } from 'react';
import { Button, Checkbox, Dropdown, Popover, Space, Tooltip } from 'antd';
import { ColumnHeightOutlined, DownOutlined, PrinterOutlined, ReloadOutlined, SettingOutlined, UpOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import type { ColumnSettings, Density } from './useColumnSettings';

/** The part of useColumnSettings the toolbar drives (any row type). */
export type ListSettings = Pick<ColumnSettings<unknown>, 'choices' | 'setVisible' | 'showAll' | 'density' | 'setDensity'>;

/** Props of the toolbar above a list. */
export interface ListToolbarProps {
  /** The filters always shown. */
  children?: ReactNode;
  /** Further filters behind 展开 / 收起. */
  more?: ReactNode;
  /** Is one of the further filters set? Then they start unfolded. */
  moreActive?: boolean;
  /** Clears the filters (重置). */
  onReset?: () => void;
  /** Reads the list again (刷新). */
  onReload?: () => void;
  /** Column show/hide and density of the table below. */
  settings?: ListSettings;
  /** Buttons of this list placed before the table tools (e.g. 导出Excel). */
  extra?: ReactNode;
}

const DENSITIES: readonly Density[] = ['large', 'middle', 'small'];

/** Ticks for showing or hiding each column, and 重置 to show them all. */
function ColumnsPopover({ settings }: { settings: ListSettings }) {
  const t = useT();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
          <span>{t('list.columns')}</span>
          <Button type="link" size="small" onClick={settings.showAll} style={{ padding: 0 }}>
            {t('common.reset')}
          </Button>
        </div>
      }
      content={
        <div
          role="group"
          aria-label={t('list.columns')}
          style={{ display: 'flex', flexDirection: 'column', gap: 4, maxHeight: 360, overflowY: 'auto' }}
        >
          {settings.choices.map((c) => (
            <Checkbox key={c.key} checked={c.visible} onChange={(e) => settings.setVisible(c.key, e.target.checked)}>
              {c.title}
            </Checkbox>
          ))}
        </div>
      }
    >
      {/* The span takes the popover's handlers; the tooltip sits inside it. */}
      <span>
        <Tooltip title={t('list.columns')}>
          <Button icon={<SettingOutlined />} aria-label={t('list.columns')} />
        </Tooltip>
      </span>
    </Popover>
  );
}

/**
 * The bar above a list, as Ant Design Pro and RuoYi users know it: the filters (wrapping on a narrow screen, further
 * ones folded), 重置, and the table tools — 刷新, 密度 (默认/中等/紧凑), 列设置 and 打印. It is left out of print.
 */
export function ListToolbar({ children, more, moreActive = false, onReset, onReload, settings, extra }: ListToolbarProps) {
  const t = useT();
  const [unfolded, setUnfolded] = useState(moreActive);
  const showMore = unfolded || moreActive;
  const hasFilters = children !== undefined || more !== undefined || onReset !== undefined;
  return (
    <div className={hasFilters ? 'list-toolbar no-print' : 'list-toolbar list-toolbar-bare no-print'}>
      {hasFilters && (
        <Space wrap size={[8, 8]} className="list-toolbar-filters">
          {children}
          {more && showMore && more}
          {onReset && <Button onClick={onReset}>{t('common.reset')}</Button>}
          {more && !moreActive && (
            <Button
              type="link"
              onClick={() => setUnfolded((v) => !v)}
              icon={showMore ? <UpOutlined /> : <DownOutlined />}
              iconPlacement="end"
            >
              {showMore ? t('list.fewerFilters') : t('list.moreFilters')}
            </Button>
          )}
        </Space>
      )}
      <Space wrap size={[8, 8]} className="list-toolbar-tools">
        {extra}
        {onReload && (
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={onReload} />
          </Tooltip>
        )}
        {settings && (
          <>
            <Dropdown
              trigger={['click']}
              menu={{
                selectable: true,
                selectedKeys: [settings.density],
                items: DENSITIES.map((d) => ({ key: d, label: t(`list.density.${d}`) })),
                onClick: ({ key }) => settings.setDensity(key as Density),
              }}
            >
              <span>
                <Tooltip title={t('list.density')}>
                  <Button icon={<ColumnHeightOutlined />} aria-label={t('list.density')} />
                </Tooltip>
              </span>
            </Dropdown>
            <ColumnsPopover settings={settings} />
          </>
        )}
        <Tooltip title={t('list.print')}>
          <Button icon={<PrinterOutlined />} aria-label={t('list.print')} onClick={() => window.print()} />
        </Tooltip>
      </Space>
    </div>
  );
}
