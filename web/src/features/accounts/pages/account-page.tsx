import { Card, Descriptions, Flex, Typography } from 'antd';
import { EmailPreferenceCard } from '../../notifications/components/email-preference-card.js';
import { ApiTokensCard } from '../components/api-tokens-card.js';
import { ChangePasswordCard } from '../components/change-password-card.js';
import { RoleTags } from '../components/role-tags.js';
import { useSession } from '../session/session-context.js';

/** The signed-in user's own account: profile, e-mail notifications, password, API tokens. */
export function AccountPage() {
  const { session } = useSession();
  const user = session?.user;
  if (!user) return null;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        账户设置
      </Typography.Title>
      <Card title="基本信息">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="姓名">{user.name}</Descriptions.Item>
          <Descriptions.Item label="手机号">{user.mobile ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="邮箱">{user.email ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="所属机构">{user.organization?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="角色">
            <RoleTags roles={user.roles} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <EmailPreferenceCard />
      <ChangePasswordCard />
      <ApiTokensCard />
    </Flex>
  );
}
