import { z } from 'zod';
import { ROLES } from '../../platform/auth.js';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';
import { RegionCodeSchema } from '../regions/index.js';
import { checkCreditCode, normalizeCreditCode } from './credit-code.js';
import { isEmail, isMainlandMobile, normalizeEmail, normalizeMobile } from './contact-rules.js';
import { checkPasswordPolicy } from './password-policy.js';

export { ORGANIZATION_TYPE_LABELS, ORGANIZATION_TYPES, type OrganizationType, SELF_SIGNUP_TYPES } from './organization-types.js';
import { ORGANIZATION_TYPES, SELF_SIGNUP_TYPES } from './organization-types.js';

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字符`);

export const CreditCodeSchema = z
  .string({ error: '请填写统一社会信用代码' })
  .transform(normalizeCreditCode)
  .superRefine((v, ctx) => {
    const r = checkCreditCode(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

export const MobileSchema = z
  .string()
  .refine(isMainlandMobile, '请输入有效的 11 位中国大陆手机号')
  .transform(normalizeMobile);
export const EmailSchema = z.string().trim().max(254).refine(isEmail, '请输入有效的邮箱地址').transform(normalizeEmail);
export const PasswordSchema = z.string({ error: '请填写密码' }).superRefine((v, ctx) => {
  const msg = checkPasswordPolicy(v);
  if (msg) ctx.addIssue({ code: 'custom', message: msg });
});

const AccountFields = {
  name: text('姓名', 50),
  mobile: MobileSchema.optional(),
  email: EmailSchema.optional(),
  password: PasswordSchema,
};
const needsLogin = <T extends { mobile?: string; email?: string }>(v: T) => Boolean(v.mobile || v.email);
const LOGIN_REQUIRED = { message: '手机号和邮箱至少填写一项', path: ['mobile'] };

export const SignupSchema = z.strictObject(AccountFields).refine(needsLogin, LOGIN_REQUIRED);

export const OrganizationInputSchema = z.strictObject({
  name: text('机构名称', 100),
  creditCode: CreditCodeSchema,
  type: z.enum(SELF_SIGNUP_TYPES, { error: '请选择机构类型' }),
  regionCode: RegionCodeSchema,
  address: text('地址', 200),
  contactName: text('联系人', 50),
  contactPhone: z
    .string({ error: '请填写联系电话' })
    .trim()
    .regex(/^[0-9+\-\s()]{7,20}$/, '联系电话格式不正确'),
  contactEmail: EmailSchema.optional(),
});

export const SignupOrganizationSchema = z.strictObject({
  organization: OrganizationInputSchema,
  admin: z.strictObject(AccountFields).refine(needsLogin, LOGIN_REQUIRED),
});

export const SigninSchema = z.strictObject({
  login: z.string({ error: '请填写手机号或邮箱' }).trim().min(1, '请填写手机号或邮箱').max(254),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(256),
});

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, '请填写当前密码').max(256),
  newPassword: PasswordSchema,
});

export const UpdateOrganizationSchema = z
  .strictObject({
    address: text('地址', 200).optional(),
    contactName: text('联系人', 50).optional(),
    contactPhone: OrganizationInputSchema.shape.contactPhone.optional(),
    contactEmail: EmailSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, '没有要修改的字段');

export const RejectSchema = z.strictObject({ reason: text('驳回理由', 500) });

export const AddMemberSchema = z.strictObject(AccountFields).refine(needsLogin, LOGIN_REQUIRED);

export const RoleAssignmentSchema = z
  .strictObject({ role: z.enum(ROLES, { error: '未知的角色' }), regionCode: RegionCodeSchema.nullish() })
  .refine((r) => r.role !== 'gov_admin' || Boolean(r.regionCode), {
    message: '科技管理部门角色必须指定管辖地区',
    path: ['regionCode'],
  });
export const SetRolesSchema = z.strictObject({ roles: z.array(RoleAssignmentSchema).max(10) });
export const SetUserStatusSchema = z.strictObject({ status: z.enum(['active', 'disabled']) });

export const CreateTokenSchema = z.strictObject({
  name: text('令牌名称', 50),
  scopes: z.array(z.enum(['read', 'write'])).min(1, '至少选择一个权限范围'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const IdParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });

export const OrganizationListQuerySchema = PageQuerySchema.extend({
  status: z.enum(['pending', 'verified', 'rejected']).optional(),
  type: z.enum(ORGANIZATION_TYPES).optional(),
  regionCode: RegionCodeSchema.optional(),
  q: z.string().trim().max(100).optional(),
}).strict();

export const UserListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  organizationId: z.uuid().optional(),
}).strict();

// ---- responses ----
export const RoleOutSchema = z.object({ role: z.enum(ROLES), regionCode: z.string().nullable(), regionName: z.string().nullable() });

export const OrganizationOutSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  type: z.enum(ORGANIZATION_TYPES),
  typeLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  regionPath: z.array(z.object({ code: z.string(), name: z.string() })),
  address: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  status: z.enum(['pending', 'verified', 'rejected']),
  rejectionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  allowedActions: z.array(z.string()),
});

export const UserOutSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  organization: z
    .object({ id: z.string(), name: z.string(), type: z.string(), status: z.string(), regionCode: z.string() })
    .nullable(),
  roles: z.array(RoleOutSchema),
  createdAt: z.string(),
  allowedActions: z.array(z.string()),
});

export const SessionOutSchema = z.object({
  user: UserOutSchema.omit({ allowedActions: true }).nullable(),
  csrfToken: z.string().nullable(),
  can: z.object({
    reviewOrganizations: z.boolean(),
    manageUsers: z.boolean(),
    viewAudit: z.boolean(),
    manageOwnOrganization: z.boolean(),
  }),
});

export const TokenOutSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

export const OrganizationPageSchema = pageOf(OrganizationOutSchema);
export const UserPageSchema = pageOf(UserOutSchema);

export type SignupInput = z.infer<typeof SignupSchema>;
export type SignupOrganizationInput = z.infer<typeof SignupOrganizationSchema>;
export type OrganizationInput = z.infer<typeof OrganizationInputSchema>;
export type UpdateOrganizationInput = z.infer<typeof UpdateOrganizationSchema>;
export type RoleAssignment = z.infer<typeof RoleAssignmentSchema>;
export type CreateTokenInput = z.infer<typeof CreateTokenSchema>;
export type OrganizationOut = z.infer<typeof OrganizationOutSchema>;
export type UserOut = z.infer<typeof UserOutSchema>;
