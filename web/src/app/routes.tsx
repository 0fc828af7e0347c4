import type { ComponentType, LazyExoticComponent } from 'react';
import type { Access } from './access.js';
import { lazyPage } from './lazy-page.js';

/** Every URL of the app; link with `paths.x`, never a hand-written string. */
export const paths = {
  home: '/',
  signIn: '/signin',
  signUpOrganization: '/signup',
  workspace: '/workspace',
  verification: '/workspace/verification',
  users: '/workspace/users',
  audit: '/workspace/audit',
  account: '/workspace/account',
  achievements: '/achievements',
  achievement: '/achievements/:id',
  projectLibrary: '/achievements/project-library',
  selections: '/achievements/selections',
  myAchievements: '/workspace/achievements',
  newAchievement: '/workspace/achievements/new',
  editAchievement: '/workspace/achievements/:id/edit',
  achievementReview: '/workspace/achievements/review',
  imports: '/workspace/imports',
  search: '/search',
  searchDictionary: '/workspace/search-dictionary',
} as const;

/** URLs of pages with parameters, built from `paths` so both stay in step. */
export const pathTo = {
  achievement: (id: string) => paths.achievement.replace(':id', encodeURIComponent(id)),
  editAchievement: (id: string) => paths.editAchievement.replace(':id', encodeURIComponent(id)),
};

// One component for /new and /:id/edit: when autosave creates the record and the URL changes to
// its edit address, React keeps the same page (and the form the user is typing in) mounted.
const AchievementEditPage = lazyPage(
  () => import('../features/achievements/pages/achievement-edit-page.js'),
  (m) => m.AchievementEditPage,
);

/** Icon names for workspace menu entries; the workspace layout maps each to an icon component. */
export type MenuIcon =
  | 'workspace'
  | 'verification'
  | 'users'
  | 'audit'
  | 'account'
  | 'achievements'
  | 'achievementReview'
  | 'imports'
  | 'searchDictionary';

export interface AppRoute {
  path: string;
  /** Page title: shown in the browser tab and as the menu label. */
  title: string;
  access: Access;
  /** `public`: the site header and footer; `workspace`: the signed-in side menu. */
  layout: 'public' | 'workspace';
  page: LazyExoticComponent<ComponentType>;
  /** Present on workspace pages that appear in the side menu (shown only if `access` allows). */
  menu?: { icon: MenuIcon };
}

/**
 * The one route table: the router, the access checks and the workspace menu are all built from
 * it. A page is added here and nowhere else.
 */
export const routes: readonly AppRoute[] = [
  {
    path: paths.home,
    title: '首页',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/home/pages/home-page.js'), (m) => m.HomePage),
  },
  {
    path: paths.signIn,
    title: '登录',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/accounts/pages/sign-in-page.js'), (m) => m.SignInPage),
  },
  {
    path: paths.signUpOrganization,
    title: '机构注册',
    access: 'public',
    layout: 'public',
    page: lazyPage(
      () => import('../features/accounts/pages/sign-up-organization-page.js'),
      (m) => m.SignUpOrganizationPage,
    ),
  },
  {
    path: paths.achievements,
    title: '科技成果',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/achievements/pages/achievements-page.js'), (m) => m.AchievementsPage),
  },
  {
    path: paths.projectLibrary,
    title: '财政资金成果转化项目库',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/achievements/pages/project-library-page.js'), (m) => m.ProjectLibraryPage),
  },
  {
    path: paths.selections,
    title: '科惠精品',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/achievements/pages/selections-page.js'), (m) => m.SelectionsPage),
  },
  {
    path: paths.achievement,
    title: '成果详情',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/achievements/pages/achievement-detail-page.js'), (m) => m.AchievementDetailPage),
  },
  {
    path: paths.search,
    title: '检索',
    access: 'public',
    layout: 'public',
    page: lazyPage(() => import('../features/search/pages/search-page.js'), (m) => m.SearchPage),
  },
  {
    path: paths.workspace,
    title: '工作台',
    access: 'signed-in',
    layout: 'workspace',
    page: lazyPage(() => import('../features/accounts/pages/workspace-home-page.js'), (m) => m.WorkspaceHomePage),
    menu: { icon: 'workspace' },
  },
  {
    path: paths.myAchievements,
    title: '我的成果',
    access: 'org-member',
    layout: 'workspace',
    page: lazyPage(() => import('../features/achievements/pages/my-achievements-page.js'), (m) => m.MyAchievementsPage),
    menu: { icon: 'achievements' },
  },
  {
    path: paths.imports,
    title: '批量导入',
    access: 'org-member',
    layout: 'workspace',
    page: lazyPage(() => import('../features/collection/pages/imports-page.js'), (m) => m.ImportsPage),
    menu: { icon: 'imports' },
  },
  {
    path: paths.newAchievement,
    title: '新建成果',
    access: 'org-member',
    layout: 'workspace',
    page: AchievementEditPage,
  },
  {
    path: paths.editAchievement,
    title: '编辑成果',
    access: 'org-member',
    layout: 'workspace',
    page: AchievementEditPage,
  },
  {
    path: paths.achievementReview,
    title: '成果审核',
    access: 'reviewOrganizations',
    layout: 'workspace',
    page: lazyPage(() => import('../features/achievements/pages/review-queue-page.js'), (m) => m.ReviewQueuePage),
    menu: { icon: 'achievementReview' },
  },
  {
    path: paths.verification,
    title: '机构审核',
    access: 'reviewOrganizations',
    layout: 'workspace',
    page: lazyPage(() => import('../features/accounts/pages/verification-page.js'), (m) => m.VerificationPage),
    menu: { icon: 'verification' },
  },
  {
    path: paths.users,
    title: '用户与角色',
    access: 'manageUsers',
    layout: 'workspace',
    page: lazyPage(() => import('../features/accounts/pages/users-page.js'), (m) => m.UsersPage),
    menu: { icon: 'users' },
  },
  {
    path: paths.audit,
    title: '审计日志',
    access: 'viewAudit',
    layout: 'workspace',
    page: lazyPage(() => import('../features/audit/pages/audit-page.js'), (m) => m.AuditPage),
    menu: { icon: 'audit' },
  },
  {
    path: paths.searchDictionary,
    title: '检索词典',
    access: 'manageSearch',
    layout: 'workspace',
    page: lazyPage(() => import('../features/search/pages/search-dictionary-page.js'), (m) => m.SearchDictionaryPage),
    menu: { icon: 'searchDictionary' },
  },
  {
    path: paths.account,
    title: '账户设置',
    access: 'signed-in',
    layout: 'workspace',
    page: lazyPage(() => import('../features/accounts/pages/account-page.js'), (m) => m.AccountPage),
    menu: { icon: 'account' },
  },
];

export type MenuRoute = AppRoute & { menu: NonNullable<AppRoute['menu']> };

/** Workspace menu entries in table order (filter them with `isAllowed` for the current session). */
export const menuRoutes: readonly MenuRoute[] = routes.filter((route): route is MenuRoute => route.menu !== undefined);
