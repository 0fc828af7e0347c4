import { type CSSProperties, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/routes.js';
import { labelOf, organizationTypeLabels } from '../../../lib/glossary.js';
import { useSession } from '../../accounts/session/session-context.js';
import { usePublicStats } from '../api/get-public-stats.js';

// The public home is the first page most visitors load, so it is plain markup without antd
// (see app/public-layout.tsx). ECharts (~160 KB gzip) comes in its own chunk once the numbers are in.
const OrganizationsByTypeChart = lazy(async () => ({
  default: (await import('../components/organizations-by-type-chart.js')).OrganizationsByTypeChart,
}));

// One string: JSX would put a space at each line break, which Chinese text must not have.
const introduction =
  '科惠是落实《湖北省促进科技成果转移转化行动方案》建设的“互联网+技术转移”公共服务平台。' +
  '平台汇聚高校院所的科技成果和企业的技术需求，联合技术转移服务机构、技术经纪人、投资机构与公益律师，' +
  '在省、市、县三级科技管理部门的支持下，提供成果发布、供需对接、挂牌交易、技术合同登记和政策兑现等一站式服务，' +
  '让科技成果在湖北更快转化为现实生产力。';

const panel: CSSProperties = {
  background: '#fff',
  borderRadius: 8,
  padding: 20,
  boxSizing: 'border-box',
};

function Placeholder({ height }: { height: number }) {
  return <div aria-hidden style={{ height, background: '#f5f5f5', borderRadius: 6 }} />;
}

function StatTile({ title, value, unit }: { title: string; value: number | undefined; unit: string }) {
  return (
    <div style={panel}>
      <div style={{ color: '#888', fontSize: 14 }}>{title}</div>
      <div style={{ fontSize: 28, fontWeight: 600, marginTop: 4 }}>
        {value === undefined ? '—' : value.toLocaleString('zh-CN')}
        {value === undefined ? null : <span style={{ fontSize: 14, fontWeight: 400, marginLeft: 4 }}>{unit}</span>}
      </div>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={panel} aria-label={title}>
      <h2 style={{ fontSize: 18, margin: '0 0 16px' }}>{title}</h2>
      {children}
    </section>
  );
}

/** Public landing page: what the platform is, and live counts. */
export function HomePage() {
  const { session } = useSession();
  const stats = usePublicStats();
  const bars = useMemo(
    () =>
      Object.entries(stats.data?.organizations.byType ?? {})
        .filter(([, value]) => value > 0)
        .map(([type, value]) => ({ label: labelOf(organizationTypeLabels, type), value }))
        .sort((a, b) => b.value - a.value),
    [stats.data],
  );
  const chartLabel = `已认证机构类型分布：${bars.map((bar) => `${bar.label} ${bar.value} 家`).join('，')}`;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 24 }}>
      <section aria-labelledby="home-title">
        <h1 id="home-title" style={{ fontSize: 28, margin: '0 0 12px' }}>
          科惠 · 湖北省技术转移公共服务平台
        </h1>
        <p style={{ fontSize: 16, lineHeight: 1.8, maxWidth: 860, margin: '0 0 16px', color: '#333' }}>
          {introduction}
        </p>
        {!session?.user && (
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Link to={paths.signUpOrganization} className="kh-btn kh-btn-primary kh-btn-lg">
              机构注册
            </Link>
            <Link to={paths.signIn} className="kh-btn kh-btn-lg">
              登录
            </Link>
          </div>
        )}
      </section>

      <section aria-label="平台数据">
        {stats.error && (
          <p role="alert" style={{ color: '#d46b08', margin: '0 0 12px' }}>
            平台数据暂时无法加载：{stats.error.detail}
          </p>
        )}
        <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))' }}>
          <StatTile title="入驻机构" value={stats.data?.organizations.total} unit="家" />
          <StatTile title="已认证机构" value={stats.data?.organizations.verified} unit="家" />
          <StatTile title="注册用户" value={stats.data?.users} unit="人" />
          <StatTile title="覆盖市州" value={stats.data?.cities} unit="个" />
        </div>
      </section>

      <Section title="已认证机构类型分布">
        {stats.data && bars.length === 0 && <p style={{ color: '#888', margin: 0 }}>暂无已认证机构。</p>}
        {bars.length > 0 && (
          <Suspense fallback={<Placeholder height={Math.max(160, bars.length * 36 + 40)} />}>
            <OrganizationsByTypeChart bars={bars} label={chartLabel} />
          </Suspense>
        )}
        {!stats.data && !stats.error && <Placeholder height={200} />}
      </Section>
    </div>
  );
}
