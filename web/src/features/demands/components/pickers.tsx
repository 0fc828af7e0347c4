import { listOrganizations } from '../../accounts/api/list-organizations.js';
import { listUsers } from '../../accounts/api/list-users.js';
import { searchRecords } from '../../search/api/search-records.js';
import type { OrganizationHitRecord } from '../../search/types.js';
import { RemoteSelect, type RemoteSelectProps } from './remote-select.js';

type PickerProps = Omit<RemoteSelectProps, 'load' | 'dependency'>;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const recordOf = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** Published achievements by text (GET /api/search?type=achievement&q=…), for 推荐方案 and 匹配. */
export function AchievementPicker(props: PickerProps) {
  return (
    <RemoteSelect
      {...props}
      load={async (q, signal) => {
        const found = await searchRecords({ type: 'achievement', q, pageSize: 20 }, signal);
        return found.items.map((hit) => {
          const record = recordOf(hit.record);
          return { value: hit.id, label: str(record.title) || hit.id, hint: [str(record.ownerName), str(record.keyFieldLabel)].filter(Boolean).join(' · ') };
        });
      }}
    />
  );
}

/** Verified organizations by name (GET /api/search?type=organization&q=…); `type` keeps one kind. */
export function OrganizationPicker({ type, ...props }: PickerProps & { type?: string }) {
  return (
    <RemoteSelect
      {...props}
      dependency={type}
      load={async (q, signal) => {
        const found = await searchRecords({ type: 'organization', q, pageSize: 20 }, signal);
        return found.items
          .map((hit) => hit.record as OrganizationHitRecord)
          .filter((record) => !type || record.type === type)
          .map((record) => ({ value: record.id, label: record.name, hint: [record.typeLabel, record.regionName].filter(Boolean).join(' · ') }));
      }}
    />
  );
}

/**
 * Verified service institutions the caller may see (GET /api/organizations?type=service_institution&status=verified;
 * a gov_admin sees its region's), for 派发.
 */
export function ServiceInstitutionPicker(props: PickerProps) {
  return (
    <RemoteSelect
      {...props}
      load={async (q, signal) => {
        const page = await listOrganizations({ type: 'service_institution', status: 'verified', q: q || undefined, pageSize: 50 }, signal);
        return page.items.map((org) => ({ value: org.id, label: org.name, hint: org.regionName ?? org.regionCode }));
      }}
    />
  );
}

/** The brokers of one organization (GET /api/users?organizationId=…&role=broker), for 派发 to a person. */
export function BrokerPicker({ organizationId, ...props }: PickerProps & { organizationId: string | undefined }) {
  return (
    <RemoteSelect
      {...props}
      dependency={organizationId}
      disabled={props.disabled || !organizationId}
      load={async (q, signal) => {
        if (!organizationId) return [];
        const page = await listUsers({ organizationId, role: 'broker', q: q || undefined, pageSize: 50 }, signal);
        return page.items.map((user) => ({ value: user.id, label: user.name, hint: user.email ?? user.mobile ?? undefined }));
      }}
    />
  );
}
