import type { ThemeConfig } from 'antd';

export const SIDER_BG = '#101828';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#2156d9',
    colorInfo: '#2156d9',
    colorSuccess: '#1f9d55',
    colorWarning: '#d97706',
    colorError: '#d92d20',
    borderRadius: 6,
    colorBgLayout: '#f4f6fa',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: SIDER_BG, headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
    Menu: {
      darkItemBg: SIDER_BG,
      darkSubMenuItemBg: '#0b1220',
      darkItemSelectedBg: '#2156d9',
    },
    Table: { headerBg: '#f7f8fb', cellPaddingBlockMD: 10 },
    Card: { headerFontSize: 15 },
  },
};
