import { Flex } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export function LoginHighlights() {
  const { t } = useTranslation();
  const items = [t('auth.highlight1'), t('auth.highlight2'), t('auth.highlight3')];
  return (
    <Flex vertical gap={14} style={{ marginTop: 24 }}>
      {items.map((text) => (
        <Flex key={text} align="center" gap={10} style={{ color: 'rgba(255,255,255,0.9)', fontSize: 15 }}>
          <CheckCircleFilled style={{ color: '#7dd3fc' }} />
          {text}
        </Flex>
      ))}
    </Flex>
  );
}
