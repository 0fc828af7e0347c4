import { Result } from 'antd';
import { ButtonLink } from '../lib/button-link.js';
import { AntdConfig } from './antd-config.js';
import { paths } from './routes.js';

export function ForbiddenPage() {
  return (
    <AntdConfig>
      <Result
        status="403"
        title="无权访问"
        subTitle="您的账户没有访问此页面的权限。如需开通，请联系平台运营方。"
        extra={
          <ButtonLink to={paths.workspace} type="primary">
            返回工作台
          </ButtonLink>
        }
      />
    </AntdConfig>
  );
}

export function NotFoundPage() {
  return (
    <AntdConfig>
      <Result
        status="404"
        title="页面不存在"
        subTitle="您访问的页面不存在或已被移除。"
        extra={
          <ButtonLink to={paths.home} type="primary">
            返回首页
          </ButtonLink>
        }
      />
    </AntdConfig>
  );
}
