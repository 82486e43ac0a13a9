import type { ReactNode } from 'react';
import { Breadcrumb } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router-dom';
import { useT } from '../../i18n';
import { menuTrail, type MenuEntry } from '../menu';

/** Props of the breadcrumbs. */
export interface PageBreadcrumbProps {
  /** The menu the user may see. */
  menu: readonly MenuEntry[];
  /** Where 首页 leads. */
  home: string;
}

/** 首页 / group / page (/ sub-page), taken from the side menu, at the top of every page. */
export function PageBreadcrumb({ menu, home }: PageBreadcrumbProps) {
  const t = useT();
  const { pathname } = useLocation();
  const { entry, sub } = menuTrail(menu, pathname);
  const items: { key: string; title: ReactNode }[] = [
    {
      key: 'home',
      title: (
        <Link to={home}>
          <HomeOutlined /> {t('app.home')}
        </Link>
      ),
    },
  ];
  if (entry?.group) items.push({ key: 'group', title: t(entry.group) });
  if (entry) items.push({ key: 'entry', title: sub ? <Link to={entry.path}>{t(entry.label)}</Link> : t(entry.label) });
  if (sub) items.push({ key: 'sub', title: t(sub) });
  return <Breadcrumb className="page-breadcrumb no-print" items={items} />;
}
